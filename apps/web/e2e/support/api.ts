import { ADMIN } from './hearth-server';

/** Direct API calls for setting the scene (other people, communities, groups) quickly. */
export class Api {
  constructor(readonly base: string) {}

  async req<T>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
    const r = await fetch(`${this.base}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${path} → ${r.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  register(username: string, displayName = username, password = `${username} has a long passphrase`) {
    return this.req<Session>('POST', '/api/auth/register', { username, password, displayName }).then((s) => ({ ...s, password }));
  }

  login(username: string, password: string) {
    return this.req<Session>('POST', '/api/auth/login', { username, password });
  }

  admin() {
    return this.login(ADMIN.username, ADMIN.password);
  }

  async theme(token: string, name: string): Promise<string> {
    const r = await fetch(`${this.base}/api/themes`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ name, description: name }),
    });
    const j = (await r.json()) as { id?: string; details?: { themeId: string } };
    return j.id ?? j.details!.themeId;
  }
}

export interface Session {
  user: { id: string; username: string; displayName: string };
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  password?: string;
}

let n = 0;
/** A fresh username per call, unique across server restarts and reruns. */
export const uname = (base: string) => `${base}_${Date.now().toString(36)}${(n++).toString(36)}`.slice(0, 32);
