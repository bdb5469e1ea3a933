import type { MessageView } from '../dto/message.view';
import type { NotificationView } from '@hearth/notifications';

export type Ack<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string; details?: unknown; retryAfterMs?: number } };
type Handler<P, R> = (payload: P, ack: (res: Ack<R>) => void) => void;

/** What clients may emit. Every event takes an acknowledgement. */
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

export interface PresenceUser {
  userId: string;
  username: string;
}

/** What the server pushes. */
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

export interface SocketData {
  user: { id: string; username: string; role: string; sessionId: string; showPresence: boolean };
  /** Rooms this socket joined after a server-side membership check. */
  joined: Set<string>;
  typingAt: Map<string, number>;
  expiryTimer?: NodeJS.Timeout;
}
