import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from '@/lib/api/client';
import { myRoomsKey } from '@/lib/realtime/realtime-client';

export type RoomSummary = Schemas['RoomSummaryView'];

/** My rooms with unread counts; refreshed on every visit and every 30 s (new conversations started by others). */
export const useMyRooms = () => useQuery({ queryKey: myRoomsKey, queryFn: () => call(api.GET('/api/me/rooms')), staleTime: 0, refetchInterval: 30_000 });

export const loadBefore = (roomId: string) => (beforeSeq: number) =>
  call(api.GET('/api/rooms/{roomId}/messages', { params: { path: { roomId }, query: { before: beforeSeq, limit: 100 } } }));

export function useOpenDirect() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => call(api.POST('/api/rooms/direct', { body: { userId } })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: myRoomsKey }),
  });
}

export function useBlock() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => call(api.PUT('/api/me/blocks/{userId}', { params: { path: { userId } } })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['me', 'blocks'] }),
  });
}
