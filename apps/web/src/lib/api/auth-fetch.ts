import type { Session } from '../auth/session';

/**
 * fetch for the API: adds the bearer token and, when the server answers 401 to a request that
 * carried one, refreshes once (single-flight, see Session) and replays the request.
 */
export function createAuthFetch(session: Session, baseFetch: typeof fetch = (...a) => fetch(...a)) {
  return async function authFetch(input: Request): Promise<Response> {
    const replay = input.clone();
    const token = await session.accessToken();
    if (token) input.headers.set('Authorization', `Bearer ${token}`);
    const res = await baseFetch(input);
    if (res.status !== 401 || !token) return res;
    const fresh = await session.refresh();
    if (!fresh) return res;
    replay.headers.set('Authorization', `Bearer ${fresh}`);
    return baseFetch(replay);
  };
}
