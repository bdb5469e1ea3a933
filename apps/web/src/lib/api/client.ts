import createClient from 'openapi-fetch';
import type { paths, components } from '@/api/schema';
import { Session } from '../auth/session';
import { createAuthFetch } from './auth-fetch';

export type Schemas = components['schemas'];
export type MessageView = Schemas['MessageView'];
export type GroupView = Schemas['GroupView'];
export type MeView = Schemas['MeView'];

/** The shape of every API error (see ARCHITECTURE.md). */
export interface ApiErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
  requestId?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody | null,
  ) {
    super(body?.message ?? `HTTP ${status}`);
  }
  get code(): string {
    return this.body?.code ?? 'UNKNOWN';
  }
}

/** Refresh without the auth fetch: a refresh never carries an access token and never retries. */
async function refreshTokens(refreshToken: string) {
  const res = await fetch('/api/auth/refresh', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ refreshToken }),
  });
  if (res.status === 401 || res.status === 400) return 'invalid' as const;
  if (!res.ok) throw new ApiError(res.status, null);
  return (await res.json()) as { accessToken: string; refreshToken: string; expiresIn: number };
}

export const session = new Session(refreshTokens);

if (typeof window !== 'undefined') {
  window.addEventListener('storage', (e) => {
    if (e.key === 'hearth.session') session.adoptStored(e.newValue);
  });
}

// Absolute same-origin URLs (the app is served by the API; Vite proxies in development).
export const api = createClient<paths>({ baseUrl: globalThis.location?.origin ?? '', fetch: createAuthFetch(session) });

/** Unwraps an openapi-fetch answer: the data, or an ApiError carrying the server's code and message. */
export async function call<T>(p: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await p;
  if (!response.ok) throw new ApiError(response.status, (error as ApiErrorBody) ?? null);
  return data as T;
}
