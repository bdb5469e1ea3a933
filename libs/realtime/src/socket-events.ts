/*
 * The socket.io wire contract: every event a client may emit and every event the
 * server pushes, with their payloads. Types only and self-contained (no imports),
 * so the web client imports this very file and cannot drift from the server.
 * A lib that adds a socket event declares it here, next to the others.
 */

export interface ErrorWire {
  code: string;
  message: string;
  details?: unknown;
  retryAfterMs?: number;
}

/** Every acknowledgement: `{ ok: true, data }` or `{ ok: false, error }`. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorWire };

export interface PersonRefWire {
  id: string;
  username: string;
  displayName: string;
}

export interface MessageWire {
  id: string;
  roomId: string;
  /** Per room, from 1, no gaps. */
  seq: number;
  clientMsgId: string;
  author: PersonRefWire | null;
  /** null for a tombstone (deleted by its author or hidden by a moderator). */
  body: string | null;
  replyToId: string | null;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
  hidden: boolean;
  reactions: Array<{ emoji: string; count: number }>;
  /** Present while an automod rule holds the message for a moderator: only its author sees the body. */
  held?: true;
  /** Present when the body is withheld from this reader (held for review, or its author is someone the reader blocked). */
  placeholder?: 'held' | 'blocked';
}

export interface MessagePageWire {
  messages: MessageWire[];
  hasMore: boolean;
}

export interface PresenceUserWire {
  userId: string;
  username: string;
}

export interface NotificationWire {
  id: string;
  kind: string;
  data: Record<string, unknown>;
  readAt: string | null;
  createdAt: string;
}

export interface ModerationNoticeWire {
  actionId: string;
  action: string;
  roomId?: string | null;
  communityId?: string | null;
  until?: string | null;
  rule: string;
  reason: string;
  /** Whether it can still be appealed (sent by moderation on every notice). */
  appealable?: boolean;
  /** A granted appeal lifted this restriction. */
  lifted?: boolean;
}

export interface CrisisResourceWire {
  name: string;
  /** Digits and spaces as dialled; null when there is no phone line. */
  phone: string | null;
  /** How to reach the text line (e.g. "Text 988"), if any. */
  text: string | null;
  website: string | null;
  hours: string | null;
  /** ISO 3166-1 alpha-2 codes served; empty: anywhere. */
  countries: string[];
  /** ISO 639-1 codes; empty: any. */
  languages: string[];
  /** YYYY-MM-DD: when someone last checked the details. */
  lastVerifiedOn: string;
}

/** A part of the person's own safety plan, shown before any hotline. */
export interface SafetyPlanPartWire {
  kind: string;
  title: string;
  items: string[];
}

export interface CrisisResourcesWire {
  roomId: string | null;
  messageId: string | null;
  /** The person's own safety plan parts, first (empty when they have none). */
  personalPlan: SafetyPlanPartWire[];
  /** One or two resources for their language and country. */
  resources: CrisisResourceWire[];
  more: CrisisResourceWire[];
  /** Set when sent to a member waiting for 1:1 peer support (libs/peers); roomId and messageId are then null. */
  requestId?: string | null;
}

export interface ModerationAlertWire {
  caseId: string;
  /** `crisis`, `pile_on` or `normal`: the queue's order. */
  priority: string;
  roomId: string | null;
  /** What opened the case: report, concern, automod, hold, crisis, pile_on. */
  kind?: string;
}

/** A 1:1 support session changed (libs/peers): sent to both people in it. */
export interface SupportSessionWire {
  sessionId: string;
  requestId: string | null;
  roomId: string;
  status: 'active' | 'ended';
  /** Why it ended: `ended`, `rematch` (no reason given to the peer), `handover`. */
  endReason?: string | null;
  /** For the peer only: a debrief is offered and new requests are paused until then. */
  pausedUntil?: string | null;
}

/** A support request changed (accepted, cancelled, widened): sent to the person who asked. */
export interface SupportRequestWire {
  requestId: string;
  status: string;
  sessionId?: string | null;
  roomId?: string | null;
}

/** A private reminder inside a support session (e.g. about keeping contact on the platform); never shown to anyone else. */
export interface SupportReminderWire {
  sessionId: string;
  roomId: string;
  messageId: string;
  kind: 'off_platform_contact';
  text: string;
}

export type SessionEndReason = 'token_expired' | 'logout' | 'password_changed' | 'suspended' | 'reuse_detected' | 'account_deleted';

type Handler<P, R> = (payload: P, ack: (res: Ack<R>) => void) => void;

/** What clients may emit. Every event takes an acknowledgement. */
export interface ClientToServerEvents {
  'room:join': Handler<{ roomId: string }, { roomId: string; lastSeq: number }>;
  'room:leave': Handler<{ roomId: string }, { roomId: string }>;
  'room:sync': Handler<{ roomId: string; afterSeq: number; limit?: number }, MessagePageWire>;
  'room:read': Handler<{ roomId: string; seq: number }, { roomId: string; lastReadSeq: number }>;
  'room:presence': Handler<{ roomId: string }, { roomId: string; online: PresenceUserWire[] }>;
  'message:send': Handler<{ roomId: string; clientMsgId: string; body: string; replyToId?: string; confirmNudge?: boolean }, MessageWire>;
  'message:edit': Handler<{ messageId: string; body: string }, MessageWire>;
  'message:delete': Handler<{ messageId: string }, MessageWire>;
  'reaction:add': Handler<{ messageId: string; emoji: string }, MessageWire>;
  'reaction:remove': Handler<{ messageId: string; emoji: string }, MessageWire>;
  typing: Handler<{ roomId: string; isTyping: boolean }, null>;
}

/** What the server pushes. */
export interface ServerToClientEvents {
  'message:new': (m: MessageWire) => void;
  'message:updated': (m: MessageWire) => void;
  'message:deleted': (m: MessageWire) => void;
  typing: (e: { roomId: string; userId: string; username: string; isTyping: boolean }) => void;
  presence: (e: { roomId: string; userId: string; username: string; status: 'online' | 'offline' }) => void;
  'room:removed': (e: { roomId: string; reason?: string }) => void;
  'moderation:notice': (e: ModerationNoticeWire) => void;
  'moderation:alert': (e: ModerationAlertWire) => void;
  'crisis:resources': (e: CrisisResourcesWire) => void;
  notification: (n: NotificationWire) => void;
  'support:session': (e: SupportSessionWire) => void;
  'support:request': (e: SupportRequestWire) => void;
  'support:reminder': (e: SupportReminderWire) => void;
  'session:ended': (e: { reason: SessionEndReason | string }) => void;
  /**
   * This instance is stopping (a deploy or restart): it has finished every send it acknowledged and
   * will disconnect the socket next. Reconnect (another instance, or this one once it is back) after
   * `retryAfterMs`, then `room:sync` from the last seen seq. Unacknowledged sends are retried with
   * the same clientMsgId.
   */
  'server:restarting': (e: { retryAfterMs: number }) => void;
}

export type ClientEventName = keyof ClientToServerEvents;
export type ServerEventName = keyof ServerToClientEvents;
export type ServerEventPayload<E extends ServerEventName> = Parameters<ServerToClientEvents[E]>[0];
