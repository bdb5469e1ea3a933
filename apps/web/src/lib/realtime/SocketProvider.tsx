import { useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { api, call, session } from '@/lib/api/client';
import { useMe } from '@/lib/auth/use-auth';
import { Outbox, type OutboxItem } from './outbox';
import { RealtimeClient, type ConnectionStatus, type HearthSocket } from './realtime-client';

const RealtimeContext = createContext<RealtimeClient | null>(null);

function safeStorage(): Storage | null {
  try {
    return localStorage;
  } catch {
    return null;
  }
}

/**
 * The one socket of the signed-in app. socket.io-client is loaded here, after sign-in, so the
 * first screen stays small. Features reach the socket only through the hooks below.
 */
export function SocketProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const me = useMe();
  const userId = me.data?.id ?? null;
  const [client, setClient] = useState<RealtimeClient | null>(null);

  useEffect(() => {
    if (!userId) return;
    let rt: RealtimeClient | null = null;
    let cancelled = false;
    let unsubscribe = () => {};
    void import('socket.io-client').then(({ io }) => {
      if (cancelled) return;
      rt = new RealtimeClient({
        queryClient: qc,
        outbox: new Outbox(safeStorage(), `hearth.outbox.${userId}`),
        createSocket: (auth) =>
          io({ path: '/socket.io', autoConnect: false, auth, transports: ['websocket'], reconnectionDelay: 500, reconnectionDelayMax: 3000 }) as HearthSocket,
        accessToken: () => session.accessToken(),
        refresh: () => session.refresh(),
        listMyRooms: async () => {
          const rooms = await qc.fetchQuery({ queryKey: ['me', 'rooms'], queryFn: () => call(api.GET('/api/me/rooms')), staleTime: 5_000 });
          return rooms.slice(0, 100).map((r) => r.roomId);
        },
        loadLatest: (roomId) => call(api.GET('/api/rooms/{roomId}/messages', { params: { path: { roomId }, query: { limit: 50 } } })),
        myUserId: () => userId,
      });
      rt.start();
      setClient(rt);
      // Whenever my room list is fetched again, join the rooms that are new to this socket.
      unsubscribe = qc.getQueryCache().subscribe((e) => {
        if (e.type === 'updated' && e.query.queryKey[0] === 'me' && e.query.queryKey[1] === 'rooms' && e.query.queryKey.length === 2) {
          const rooms = e.query.state.data as { roomId: string }[] | undefined;
          if (rooms) rt?.joinRooms(rooms.map((r) => r.roomId));
        }
      });
    });
    return () => {
      cancelled = true;
      unsubscribe();
      rt?.stop();
      setClient(null);
    };
  }, [userId, qc]);

  return <RealtimeContext.Provider value={client}>{children}</RealtimeContext.Provider>;
}

export function useRealtime(): RealtimeClient | null {
  return useContext(RealtimeContext);
}

const noop = () => () => undefined;

export function useConnectionStatus(): ConnectionStatus | 'starting' {
  const rt = useRealtime();
  return useSyncExternalStore(rt?.subscribeStatus ?? noop, rt ? rt.getStatus : () => 'starting' as const);
}

export function useOutbox(roomId: string): OutboxItem[] {
  const rt = useRealtime();
  const outbox = rt?.o.outbox ?? null;
  const all = useSyncExternalStore(outbox ? (fn) => outbox.subscribe(fn) : noop, () => outbox?.all() ?? EMPTY);
  return all.filter((i) => i.roomId === roomId);
}
const EMPTY: readonly OutboxItem[] = [];

export function useTypingVersion(): number {
  const rt = useRealtime();
  return useSyncExternalStore(rt?.subscribeTyping ?? noop, rt ? rt.getTypingVersion : () => 0);
}
