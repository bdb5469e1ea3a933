import { io, Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';
import type { TestApp } from './test-app';
import type { TestUser } from './users';

export type ClientSocket = Socket;
export type AckResult<T = any> = { ok: true; data: T } | { ok: false; error: { code: string; message: string; details?: unknown; retryAfterMs?: number } };

const open: Socket[] = [];

/** A real socket.io client over websocket; resolves once connected, rejects with the server's error data. */
export function connect(baseUrl: string, token: string | undefined, opts: { headers?: Record<string, string>; query?: Record<string, string> } = {}): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(baseUrl, {
      path: '/socket.io',
      transports: ['websocket'],
      auth: token === undefined ? {} : { token },
      reconnection: false,
      forceNew: true,
      extraHeaders: opts.headers,
      query: opts.query,
      timeout: 10_000,
    });
    open.push(socket);
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err: Error & { data?: unknown }) => {
      socket.close();
      reject(Object.assign(new Error(err.message), { data: err.data }));
    });
  });
}

export function closeAllSockets(): void {
  for (const s of open.splice(0)) s.close();
}

export function emitAck<T = any>(socket: Socket, event: string, payload?: unknown, timeoutMs = 10_000): Promise<AckResult<T>> {
  return socket.timeout(timeoutMs).emitWithAck(event, payload) as Promise<AckResult<T>>;
}

/** Resolves with the first `event` whose payload matches. */
export function waitFor<T = any>(socket: Socket, event: string, match: (p: T) => boolean = () => true, timeoutMs = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, handler);
      reject(new Error(`timed out waiting for ${event}`));
    }, timeoutMs);
    const handler = (p: T) => {
      if (match(p)) {
        clearTimeout(timer);
        socket.off(event, handler);
        resolve(p);
      }
    };
    socket.on(event, handler);
  });
}

/** Collects every payload of `event` into an array (for asserting that nothing else arrived). */
export function collect<T = any>(socket: Socket, event: string): T[] {
  const seen: T[] = [];
  socket.on(event, (p: T) => seen.push(p));
  return seen;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A room with the given members, made directly in the database: chat tests do
 * not depend on the groups API (groups tests cover creating group rooms).
 */
export async function createRoom(t: TestApp, members: TestUser[], kind: 'group' | 'support' = 'group'): Promise<string> {
  const ds = t.app.get(DataSource);
  const [{ id }] = await ds.query(`INSERT INTO rooms (kind) VALUES ($1) RETURNING id`, [kind]);
  for (const m of members) await ds.query(`INSERT INTO room_members (room_id, user_id) VALUES ($1, $2)`, [id, m.id]);
  return id;
}

export async function removeFromRoomInDb(t: TestApp, roomId: string, user: TestUser): Promise<void> {
  await t.app.get(DataSource).query(`DELETE FROM room_members WHERE room_id = $1 AND user_id = $2`, [roomId, user.id]);
}
