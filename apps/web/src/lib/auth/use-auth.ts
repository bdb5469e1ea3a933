import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useSyncExternalStore } from 'react';
import { api, call, session, type MeView } from '@/lib/api/client';

export const meKey = ['me'] as const;

export function useSignedIn(): boolean {
  return useSyncExternalStore(
    (fn) => session.subscribe(fn),
    () => session.signedIn,
  );
}

/** The signed-in person, or undefined while loading / when signed out. */
export function useMe() {
  const signedIn = useSignedIn();
  return useQuery({
    queryKey: meKey,
    queryFn: () => call<MeView>(api.GET('/api/me')),
    enabled: signedIn,
    staleTime: 60_000,
  });
}

export function useSignOut() {
  const qc = useQueryClient();
  return useCallback(async () => {
    const refreshToken = session.current?.refreshToken;
    if (refreshToken) {
      await api.POST('/api/auth/logout', { body: { refreshToken } }).catch(() => undefined);
    }
    session.set(null);
    qc.clear();
  }, [qc]);
}
