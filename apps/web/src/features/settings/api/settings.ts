import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, session, type Schemas } from '@/lib/api/client';
import { meKey } from '@/lib/auth/use-auth';

export function useUpdateMe() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['UpdateMeDto']) => call(api.PATCH('/api/me', { body })),
    onSuccess: (me) => qc.setQueryData(meKey, me),
  });
}

/** Changing the password ends every other session; this one continues with the fresh pair. */
export function useChangePassword() {
  return useMutation({
    mutationFn: (body: Schemas['ChangePasswordDto']) => call(api.POST('/api/auth/password', { body })),
    onSuccess: (pair) => session.set(pair),
  });
}

export const useBlocks = () => useQuery({ queryKey: ['me', 'blocks'], queryFn: () => call(api.GET('/api/me/blocks')) });

export function useUnblock() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => call(api.DELETE('/api/me/blocks/{userId}', { params: { path: { userId } } })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['me', 'blocks'] }),
  });
}
