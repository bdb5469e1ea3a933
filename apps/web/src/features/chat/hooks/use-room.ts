import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useRealtime } from '@/lib/realtime/SocketProvider';
import { timelineKey, type RoomTimeline } from '@/lib/realtime/realtime-client';

/** The open room's timeline from the one query cache; the socket provider keeps it complete. */
export function useRoomTimeline(roomId: string): RoomTimeline | undefined {
  const rt = useRealtime();
  useEffect(() => {
    if (!rt) return;
    const release = rt.openRoom(roomId);
    void rt.refreshPresence(roomId);
    return release;
  }, [rt, roomId]);
  const q = useQuery<RoomTimeline>({
    queryKey: timelineKey(roomId),
    // Filled by the realtime client; this query never fetches on its own.
    queryFn: () => new Promise<RoomTimeline>(() => undefined),
    enabled: false,
    staleTime: Infinity,
    gcTime: 10 * 60_000,
  });
  return q.data;
}
