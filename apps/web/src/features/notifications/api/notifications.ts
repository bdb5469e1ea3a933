import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from '@/lib/api/client';
import { notificationsKey } from '@/lib/realtime/realtime-client';

export const useNotifications = () =>
  useQuery({ queryKey: [...notificationsKey, 'list'], queryFn: () => call(api.GET('/api/me/notifications', { params: { query: { limit: 50 } } })) });

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string | 'all') =>
      id === 'all'
        ? call(api.POST('/api/me/notifications/read-all'))
        : call(api.POST('/api/me/notifications/{notificationId}/read', { params: { path: { notificationId: id } } })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: notificationsKey }),
  });
}
