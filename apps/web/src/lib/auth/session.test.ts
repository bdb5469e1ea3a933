import { describe, expect, it, vi } from 'vitest';
import { createAuthFetch } from '../api/auth-fetch';
import { Session, type RefreshFn } from './session';

const memory = () => {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k), m };
};

describe('Session', () => {
  it('refreshes once for many callers at the same time (single flight), because a refresh token works once', async () => {
    let resolve!: (v: { accessToken: string; refreshToken: string; expiresIn: number }) => void;
    const refresh = vi.fn<RefreshFn>(() => new Promise((r) => (resolve = r)));
    const s = new Session(refresh, memory());
    s.set({ accessToken: 'old', refreshToken: 'r1', expiresIn: 900 });
    const calls = [s.refresh(), s.refresh(), s.refresh()];
    resolve({ accessToken: 'new', refreshToken: 'r2', expiresIn: 900 });
    expect(await Promise.all(calls)).toEqual(['new', 'new', 'new']);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(refresh).toHaveBeenCalledWith('r1');
    expect(s.current?.refreshToken).toBe('r2');
  });

  it('uses the rotated refresh token next time', async () => {
    const refresh = vi.fn<RefreshFn>(async (rt) => ({ accessToken: `a-${rt}`, refreshToken: `${rt}+`, expiresIn: 900 }));
    const s = new Session(refresh, memory());
    s.set({ accessToken: 'a', refreshToken: 'r', expiresIn: 900 });
    await s.refresh();
    await s.refresh();
    expect(refresh.mock.calls.map((c) => c[0])).toEqual(['r', 'r+']);
  });

  it('refreshes before handing out a token about to expire', async () => {
    let now = 0;
    const refresh = vi.fn<RefreshFn>(async () => ({ accessToken: 'fresh', refreshToken: 'r2', expiresIn: 900 }));
    const s = new Session(refresh, memory(), () => now);
    s.set({ accessToken: 'current', refreshToken: 'r1', expiresIn: 900 });
    expect(await s.accessToken()).toBe('current');
    now = 870_000; // 30 s left
    expect(await s.accessToken()).toBe('fresh');
  });

  it('refreshes a short-lived token a quarter of its lifetime early, not on every call', async () => {
    let now = 0;
    const refresh = vi.fn<RefreshFn>(async () => ({ accessToken: 'fresh', refreshToken: 'r2', expiresIn: 60 }));
    const s = new Session(refresh, memory(), () => now);
    s.set({ accessToken: 'current', refreshToken: 'r1', expiresIn: 60 });
    now = 40_000;
    expect(await s.accessToken()).toBe('current');
    now = 46_000;
    expect(await s.accessToken()).toBe('fresh');
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('signs out when the server says the session is over (used token, password changed elsewhere)', async () => {
    const store = memory();
    const s = new Session(async () => 'invalid', store);
    s.set({ accessToken: 'a', refreshToken: 'r', expiresIn: 900 });
    const seen = vi.fn();
    s.subscribe(seen);
    expect(await s.refresh()).toBeNull();
    expect(s.signedIn).toBe(false);
    expect(store.m.size).toBe(0);
    expect(seen).toHaveBeenCalledWith(null);
  });

  it('comes back signed in after a reload (refresh token kept in storage)', () => {
    const store = memory();
    new Session(vi.fn(), store).set({ accessToken: 'a', refreshToken: 'r', expiresIn: 900 });
    expect(new Session(vi.fn(), store).current?.refreshToken).toBe('r');
  });
});

describe('authFetch', () => {
  it('adds the bearer token, and on a 401 refreshes once and replays the request with the new token', async () => {
    const s = new Session(async () => ({ accessToken: 'new', refreshToken: 'r2', expiresIn: 900 }), memory());
    s.set({ accessToken: 'old', refreshToken: 'r1', expiresIn: 900 });
    const seen: Array<[string | null, string]> = [];
    const base = vi.fn(async (req: Request) => {
      seen.push([req.headers.get('Authorization'), await req.text()]);
      return new Response(null, { status: req.headers.get('Authorization') === 'Bearer old' ? 401 : 200 });
    });
    const f = createAuthFetch(s, base as unknown as typeof fetch);
    const res = await f(new Request('http://x/api/me', { method: 'PATCH', body: '{"a":1}' }));
    expect(res.status).toBe(200);
    expect(seen).toEqual([
      ['Bearer old', '{"a":1}'],
      ['Bearer new', '{"a":1}'],
    ]);
  });

  it('does not refresh for a request made while signed out', async () => {
    const refresh = vi.fn<RefreshFn>();
    const s = new Session(refresh, memory());
    const f = createAuthFetch(s, (async () => new Response(null, { status: 401 })) as unknown as typeof fetch);
    expect((await f(new Request('http://x/api/auth/login', { method: 'POST' }))).status).toBe(401);
    expect(refresh).not.toHaveBeenCalled();
  });
});
