/**
 * INTERIM copy of the server's socket event maps (libs/chat/src/realtime/events.ts), used only
 * until the server's self-contained `libs/realtime/src/socket-events.ts` lands; the tsconfig path
 * `@hearth/socket-events` then points at the server file and this one is deleted. The server
 * file today imports decorated classes, which a browser build cannot type-check.
 */
import type { components } from '@/api/schema';

type MessageView = components['schemas']['MessageView'];
type NotificationView = components['schemas']['NotificationView'];

export type Ack<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string; details?: unknown; retryAfterMs?: number } };
type Handler<P, R> = (payload: P, ack: (res: Ack<R>) => void) => void;

export interface PresenceUser {
  userId: string;
  username: string;
}

export interface ClientToServerEvents {
  'room:join': Handler<{ roomId: string }, { roomId: string; lastSeq: number }>;
  'room:leave': Handler<{ roomId: string }, { roomId: string }>;
  'room:sync': Handler<{ roomId: string; afterSeq: number; limit?: number }, { messages: MessageView[]; hasMore: boolean }>;
  'room:read': Handler<{ roomId: string; seq: number }, { roomId: string; lastReadSeq: number }>;
  'room:presence': Handler<{ roomId: string }, { roomId: string; online: PresenceUser[] }>;
  'message:send': Handler<{ roomId: string; clientMsgId: string; body: string; replyToId?: string }, MessageView>;
  'message:edit': Handler<{ messageId: string; body: string }, MessageView>;
  'message:delete': Handler<{ messageId: string }, MessageView>;
  'reaction:add': Handler<{ messageId: string; emoji: string }, MessageView>;
  'reaction:remove': Handler<{ messageId: string; emoji: string }, MessageView>;
  typing: Handler<{ roomId: string; isTyping: boolean }, null>;
}

export interface ServerToClientEvents {
  'message:new': (m: MessageView) => void;
  'message:updated': (m: MessageView) => void;
  'message:deleted': (m: MessageView) => void;
  typing: (e: { roomId: string; userId: string; username: string; isTyping: boolean }) => void;
  presence: (e: { roomId: string; userId: string; username: string; status: 'online' | 'offline' }) => void;
  'room:removed': (e: { roomId: string; reason?: string }) => void;
  'moderation:notice': (e: Record<string, unknown>) => void;
  'crisis:resources': (e: Record<string, unknown>) => void;
  notification: (n: NotificationView) => void;
  'session:ended': (e: { reason: string }) => void;
}
