import type { QueryClient } from '@tanstack/react-query';
import type { Socket } from 'socket.io-client';
import type { MessageView } from '@/lib/api/client';
import type { ClientToServerEvents, ServerToClientEvents } from './events';
import { Outbox, OutboxSender, type OutboxItem, type SendResult } from './outbox';
import { lastContiguousSeq, mergeMessages, resyncRoom, type Timeline } from './timeline';

export type HearthSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type ConnectionStatus = 'connecting' | 'online' | 'offline';
export type RoomTimeline = Timeline<MessageView>;

type AckData<E extends keyof ClientToServerEvents> = Parameters<Parameters<ClientToServerEvents[E]>[1]>[0];
type Payload<E extends keyof ClientToServerEvents> = Parameters<ClientToServerEvents[E]>[0];

export interface TypingState {
  userId: string;
  username: string;
  at: number;
}

export const timelineKey = (roomId: string) => ['rooms', roomId, 'timeline'] as const;
export const myRoomsKey = ['me', 'rooms'] as const;
export const notificationsKey = ['me', 'notifications'] as const;

const ACK_TIMEOUT_MS = 10_000;

interface Options {
  queryClient: QueryClient;
  outbox: Outbox;
  /** Builds the socket (unconnected); the auth callback asks for a fresh token on every (re)connect. */
  createSocket: (auth: (cb: (data: object) => void) => void) => HearthSocket;
  accessToken: () => Promise<string | null>;
  refresh: () => Promise<string | null>;
  /** Rooms to join on connect so unread counts stay live (the person's groups and conversations). */
  listMyRooms: () => Promise<string[]>;
  /** Latest page of history, used the first time a room is opened. */
  loadLatest: (roomId: string) => Promise<{ messages: MessageView[]; hasMore: boolean }>;
  onNewMessage?: (m: MessageView, mine: boolean) => void;
  myUserId: () => string | null;
}

/**
 * The one socket of the app. It joins the person's rooms, keeps each open room's timeline in the
 * query cache, resyncs every open room from its last seq after each reconnect, and flushes the
 * outbox once the socket is back. React reaches it through SocketProvider.
 */
export class RealtimeClient {
  private socket: HearthSocket | null = null;
  private status: ConnectionStatus = 'offline';
  private statusListeners = new Set<() => void>();
  private open = new Map<string, number>();
  private joined = new Set<string>();
  private typing = new Map<string, TypingState[]>();
  private typingListeners = new Set<() => void>();
  private online = new Map<string, { userId: string; username: string }[]>();
  readonly sender: OutboxSender<MessageView>;
  private stopped = false;
  /** How long the server asked us to wait before coming back (it is restarting). */
  private comeBackAfterMs = 500;

  constructor(readonly o: Options) {
    this.sender = new OutboxSender<MessageView>(
      o.outbox,
      (item) => this.sendItem(item),
      (_item, message) => this.merge(message.roomId, [message]),
      () => this.status === 'online',
    );
  }

  // ---- lifecycle -------------------------------------------------------------------------

  start(): void {
    if (this.socket) return;
    this.stopped = false;
    const socket = this.o.createSocket((cb) => {
      void this.o.accessToken().then((token) => cb({ token: token ?? '' }));
    });
    this.socket = socket;
    this.setStatus('connecting');

    socket.on('connect', () => {
      this.setStatus('online');
      void this.afterConnect();
    });
    socket.on('disconnect', (reason) => {
      this.joined.clear();
      this.setStatus('offline');
      // The server closed us (session ended, token expired): come back with a fresh token.
      if (reason === 'io server disconnect' && !this.stopped) setTimeout(() => this.reconnect(), this.comeBackAfterMs);
      this.comeBackAfterMs = 500;
    });
    socket.on('connect_error', (err: Error & { data?: { code?: string } }) => {
      this.setStatus('offline');
      if (socket.active || this.stopped) return; // socket.io retries by itself
      // Refused at the handshake (expired token, ended session): refresh, then try again.
      void this.o.refresh().then((token) => {
        if (token && !this.stopped) setTimeout(() => this.reconnect(), 1000);
      });
      void err;
    });
    socket.on('message:new', (m) => {
      this.merge(m.roomId, [m]);
      this.o.outbox.acknowledgeDelivered([m.clientMsgId]);
      const mine = m.author?.id === this.o.myUserId();
      this.bumpUnread(m, mine);
      this.o.onNewMessage?.(m, mine);
    });
    socket.on('message:updated', (m) => this.merge(m.roomId, [m]));
    socket.on('message:deleted', (m) => this.merge(m.roomId, [m]));
    socket.on('typing', (e) => this.setTyping(e.roomId, e.userId, e.username, e.isTyping));
    socket.on('presence', (e) => {
      const list = (this.online.get(e.roomId) ?? []).filter((p) => p.userId !== e.userId);
      if (e.status === 'online') list.push({ userId: e.userId, username: e.username });
      this.online.set(e.roomId, list);
      this.emitTyping();
    });
    socket.on('notification', (n) => {
      void this.o.queryClient.invalidateQueries({ queryKey: notificationsKey });
      if (n.kind === 'join_approved' || n.kind === 'join_declined') {
        // My membership changed: group pages, my groups and my rooms are stale; join the new room.
        void this.o.queryClient.invalidateQueries({ queryKey: ['groups'] });
        void this.o.queryClient.invalidateQueries({ queryKey: ['me'] });
      }
    });
    socket.on('room:removed', (e) => {
      this.joined.delete(e.roomId);
      void this.o.queryClient.invalidateQueries({ queryKey: ['me'] });
    });
    socket.on('server:restarting', (e) => {
      // Every send it acknowledged is committed; the outbox keeps the rest for the next instance.
      this.comeBackAfterMs = Math.min(Math.max(e.retryAfterMs, 200), 10_000);
    });
    socket.on('session:ended', () => {
      /* the disconnect that follows brings us back with a fresh token, or to sign-in */
    });
    socket.connect();
  }

  stop(): void {
    this.stopped = true;
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
    this.joined.clear();
    this.setStatus('offline');
  }

  private reconnect(): void {
    if (this.socket && !this.socket.connected && !this.stopped) this.socket.connect();
  }

  private async afterConnect(): Promise<void> {
    try {
      const rooms = new Set(await this.o.listMyRooms().catch(() => [] as string[]));
      for (const r of this.open.keys()) rooms.add(r);
      await Promise.all([...rooms].map((roomId) => this.joinAndSync(roomId)));
    } finally {
      void this.sender.flush();
    }
  }

  // ---- rooms ---------------------------------------------------------------------------

  /** Joins rooms not joined yet (e.g. a conversation someone just started with me). */
  joinRooms(roomIds: string[]): void {
    if (this.status !== 'online') return;
    for (const id of roomIds) if (!this.joined.has(id)) void this.joinAndSync(id);
  }

  /** A screen shows this room: keep it joined and its timeline complete. Returns a release function. */
  openRoom(roomId: string): () => void {
    this.open.set(roomId, (this.open.get(roomId) ?? 0) + 1);
    void this.ensureTimeline(roomId);
    return () => {
      const n = (this.open.get(roomId) ?? 1) - 1;
      if (n <= 0) this.open.delete(roomId);
      else this.open.set(roomId, n);
    };
  }

  private async ensureTimeline(roomId: string): Promise<void> {
    const qc = this.o.queryClient;
    if (!qc.getQueryData(timelineKey(roomId))) {
      const page = await this.o.loadLatest(roomId);
      const current = qc.getQueryData<RoomTimeline>(timelineKey(roomId));
      qc.setQueryData<RoomTimeline>(timelineKey(roomId), {
        messages: mergeMessages(current?.messages ?? [], page.messages),
        hasMoreBefore: page.hasMore,
      });
      this.o.outbox.acknowledgeDelivered(page.messages.map((m) => m.clientMsgId));
    }
    if (this.status === 'online') await this.joinAndSync(roomId);
  }

  private async joinAndSync(roomId: string): Promise<void> {
    if (!this.joined.has(roomId)) {
      const res = await this.emit('room:join', { roomId });
      if (!res.ok) return;
      this.joined.add(roomId);
    }
    const tl = this.o.queryClient.getQueryData<RoomTimeline>(timelineKey(roomId));
    if (!tl) return; // never opened: only unread counts matter, and /api/me/rooms has those
    const after = lastContiguousSeq(tl.messages);
    const missed = await resyncRoom<MessageView>(after, async (afterSeq) => {
      const r = await this.emit('room:sync', { roomId, afterSeq, limit: 200 });
      if (!r.ok) throw new Error(r.error.code);
      return r.data;
    }).catch(() => [] as MessageView[]);
    this.merge(roomId, missed);
    this.o.outbox.acknowledgeDelivered(missed.map((m) => m.clientMsgId));
    void this.o.queryClient.invalidateQueries({ queryKey: myRoomsKey });
  }

  /** Older history for upward scrolling. */
  async loadOlder(roomId: string, loadBefore: (beforeSeq: number) => Promise<{ messages: MessageView[]; hasMore: boolean }>): Promise<void> {
    const tl = this.o.queryClient.getQueryData<RoomTimeline>(timelineKey(roomId));
    if (!tl || !tl.hasMoreBefore || tl.messages.length === 0) return;
    const page = await loadBefore(tl.messages[0].seq);
    const now = this.o.queryClient.getQueryData<RoomTimeline>(timelineKey(roomId)) ?? tl;
    this.o.queryClient.setQueryData<RoomTimeline>(timelineKey(roomId), {
      messages: mergeMessages(now.messages, page.messages),
      hasMoreBefore: page.hasMore,
    });
  }

  merge(roomId: string, messages: MessageView[]): void {
    if (!messages.length) return;
    const qc = this.o.queryClient;
    const tl = qc.getQueryData<RoomTimeline>(timelineKey(roomId));
    if (!tl) return;
    const next = mergeMessages(tl.messages, messages);
    if (next !== tl.messages) qc.setQueryData<RoomTimeline>(timelineKey(roomId), { ...tl, messages: next });
  }

  private bumpUnread(m: MessageView, mine: boolean): void {
    type Rooms = { roomId: string; lastSeq: number; unreadCount: number; lastMessageAt: string | null }[];
    this.o.queryClient.setQueryData<Rooms>(myRoomsKey, (rooms) =>
      rooms?.map((r) =>
        r.roomId === m.roomId && m.seq > r.lastSeq
          ? { ...r, lastSeq: m.seq, lastMessageAt: m.createdAt, unreadCount: mine ? r.unreadCount : r.unreadCount + 1 }
          : r,
      ),
    );
  }

  // ---- sending -------------------------------------------------------------------------

  send(roomId: string, body: string, replyToId?: string): OutboxItem {
    const item = this.o.outbox.add(roomId, body, replyToId);
    void this.sender.flush();
    return item;
  }

  private sendItem(item: OutboxItem): Promise<SendResult<MessageView>> {
    return this.emit('message:send', {
      roomId: item.roomId,
      clientMsgId: item.clientMsgId,
      body: item.body,
      ...(item.replyToId ? { replyToId: item.replyToId } : {}),
      ...(item.confirmNudge ? { confirmNudge: true } : {}),
    });
  }

  /** Emits with an acknowledgement; never buffers while offline (the outbox does that). */
  async emit<E extends keyof ClientToServerEvents>(event: E, payload: Payload<E>): Promise<AckData<E>> {
    const s = this.socket;
    if (!s || !s.connected) return { ok: false, error: { code: 'DISCONNECTED', message: 'offline' } } as AckData<E>;
    try {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      return (await (s.timeout(ACK_TIMEOUT_MS) as any).emitWithAck(event, payload)) as AckData<E>;
    } catch {
      return { ok: false, error: { code: 'TIMEOUT', message: 'no answer' } } as AckData<E>;
    }
  }

  // ---- status, typing, presence -------------------------------------------------------

  getStatus = (): ConnectionStatus => this.status;

  subscribeStatus = (fn: () => void): (() => void) => {
    this.statusListeners.add(fn);
    return () => this.statusListeners.delete(fn);
  };

  private setStatus(s: ConnectionStatus): void {
    if (this.status === s) return;
    this.status = s;
    for (const fn of this.statusListeners) fn();
  }

  private typingVersion = 0;
  getTypingVersion = (): number => this.typingVersion;
  subscribeTyping = (fn: () => void): (() => void) => {
    this.typingListeners.add(fn);
    return () => this.typingListeners.delete(fn);
  };

  typingIn(roomId: string): TypingState[] {
    const cutoff = Date.now() - 6000;
    return (this.typing.get(roomId) ?? []).filter((t) => t.at > cutoff);
  }

  onlineIn(roomId: string): { userId: string; username: string }[] {
    return this.online.get(roomId) ?? [];
  }

  async refreshPresence(roomId: string): Promise<void> {
    const r = await this.emit('room:presence', { roomId });
    if (r.ok) {
      this.online.set(roomId, r.data.online);
      this.emitTyping();
    }
  }

  private setTyping(roomId: string, userId: string, username: string, isTyping: boolean): void {
    const list = (this.typing.get(roomId) ?? []).filter((t) => t.userId !== userId);
    if (isTyping) list.push({ userId, username, at: Date.now() });
    this.typing.set(roomId, list);
    this.emitTyping();
    if (isTyping) setTimeout(() => this.emitTyping(), 6500);
  }

  private emitTyping(): void {
    this.typingVersion++;
    for (const fn of this.typingListeners) fn();
  }
}
