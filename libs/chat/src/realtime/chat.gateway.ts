import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { OnEvent } from '@nestjs/event-emitter';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayDisconnect,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Server, Socket } from 'socket.io';
import { AuthService } from '@hearth/auth';
import { AppError, assertSafeInput, AuthUser, DomainEvents, ErrorCode, mapError, RoomMemberEvent, SessionsRevokedEvent, validationError } from '@hearth/common';
import type { NotificationView } from '@hearth/notifications';
import { UsersService } from '@hearth/users';
import { MessagesService } from '../messages.service';
import { RoomsService } from '../rooms.service';
import { EditMessageDto, MessageRefDto, ReactionDto, ReadMarkerDto, RoomRefDto, SendMessageDto, SyncRoomDto, TypingDto } from '../dto/message.dto';
import type { MessageView } from '../dto/message.view';
import { channels } from './channels';
import type { Ack, ClientToServerEvents, PresenceUser, ServerToClientEvents, SocketData } from './events';

type HearthSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type HearthServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const TYPING_MIN_INTERVAL_MS = 2000;

class HandshakeError extends Error {
  constructor(readonly data: { code: string; message: string }) {
    super(data.message);
  }
}

/**
 * The socket edge: authenticates the handshake, validates every event, checks
 * access through the same services as REST, and relays what services publish.
 * Domain events arrive here in-process and go out through the socket.io
 * adapter, so every instance acts on them.
 */
@WebSocketGateway()
export class ChatGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger('ChatGateway');
  @WebSocketServer() private server: HearthServer;
  /** Sockets per user on this instance (the connection cap). */
  private readonly perUser = new Map<string, number>();

  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly rooms: RoomsService,
    private readonly messages: MessagesService,
    private readonly config: ConfigService,
  ) {}

  afterInit(server: HearthServer): void {
    server.use((socket, next) => {
      this.authenticate(socket as HearthSocket).then(
        () => next(),
        (e: unknown) => {
          const m = mapError(e);
          next(new HandshakeError({ code: String(m.code), message: m.message }));
        },
      );
    });
  }

  private originAllowed(socket: HearthSocket): boolean {
    const origin = socket.handshake.headers.origin;
    if (!origin) return true; // not a browser: no ambient credentials to abuse
    const allowed = this.config.getOrThrow<string[]>('app.corsOrigins');
    if (allowed.includes('*') || allowed.includes(origin)) return true;
    try {
      return allowed.length === 0 && new URL(origin).host === socket.handshake.headers.host;
    } catch {
      return false;
    }
  }

  private async authenticate(socket: HearthSocket): Promise<void> {
    if (!this.originAllowed(socket)) throw new AppError(ErrorCode.FORBIDDEN, 'Origin not allowed');
    const q = socket.handshake.query ?? {};
    if ('token' in q || 'access_token' in q || 'accessToken' in q) {
      throw new AppError(ErrorCode.UNAUTHENTICATED, 'Send the access token in auth.token, never in the query string');
    }
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    if (typeof token !== 'string' || !token) throw new AppError(ErrorCode.UNAUTHENTICATED, 'auth.token is required');
    const user: AuthUser = await this.auth.authenticateAccessToken(token);
    const max = this.config.getOrThrow<number>('realtime.maxConnectionsPerUser');
    if ((this.perUser.get(user.id) ?? 0) >= max) {
      throw new AppError(ErrorCode.TOO_MANY_CONNECTIONS, `At most ${max} connections per account`);
    }
    const profile = await this.users.findById(user.id);
    socket.data.user = { ...user, showPresence: profile?.showPresence ?? true };
    socket.data.typingAt = new Map();
    socket.data.joined = new Set();
    const exp = this.auth.accessTokenExpiry(token);
    if (exp) {
      const ms = exp * 1000 - Date.now();
      socket.data.expiryTimer = setTimeout(() => {
        socket.emit('session:ended', { reason: 'token_expired' });
        socket.disconnect(true);
      }, Math.max(0, Math.min(ms, 2 ** 31 - 1)));
      socket.data.expiryTimer.unref?.();
    }
  }

  handleConnection(socket: HearthSocket): void {
    const user = socket.data.user;
    if (!user) return void socket.disconnect(true);
    this.perUser.set(user.id, (this.perUser.get(user.id) ?? 0) + 1);
    void socket.join([channels.user(user.id), channels.session(user.sessionId)]);
    socket.on('disconnecting', () => {
      for (const room of socket.rooms) if (room.startsWith('room:')) this.announcePresence(socket, room.slice(5), 'offline');
    });
  }

  handleDisconnect(socket: HearthSocket): void {
    const user = socket.data.user;
    if (!user) return;
    if (socket.data.expiryTimer) clearTimeout(socket.data.expiryTimer);
    const n = (this.perUser.get(user.id) ?? 1) - 1;
    if (n <= 0) this.perUser.delete(user.id);
    else this.perUser.set(user.id, n);
  }

  /** Validates the payload into `dto`, runs `fn`, and answers `{ ok, data }` or `{ ok: false, error }`. */
  private async run<D extends object, R>(dtoClass: new () => D, payload: unknown, fn: (dto: D) => Promise<R> | R): Promise<Ack<R>> {
    try {
      if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
        throw new AppError(ErrorCode.VALIDATION_FAILED, 'payload must be an object');
      }
      assertSafeInput(payload, 'payload');
      const dto = plainToInstance(dtoClass, payload);
      const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
      if (errors.length) throw validationError(errors);
      return { ok: true, data: await fn(dto) };
    } catch (e) {
      const m = mapError(e);
      if (m.internal) {
        const err = e as Error;
        this.logger.error({ err: { name: err?.name, message: err?.message, stack: err?.stack } }, 'Socket event failed');
      }
      const retryAfterMs = m.retryAfterSeconds !== undefined ? Math.ceil(m.retryAfterSeconds * 1000) : undefined;
      return {
        ok: false,
        error: { code: String(m.code), message: m.message, ...(m.details ? { details: m.details } : {}), ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) },
      };
    }
  }

  private user(socket: HearthSocket): AuthUser {
    return socket.data.user as AuthUser;
  }

  private assertJoined(socket: HearthSocket, roomId: string): void {
    if (!socket.rooms.has(channels.room(roomId))) throw new AppError(ErrorCode.NOT_FOUND, 'Room not found (join it first)');
  }

  @SubscribeMessage('room:join')
  onJoin(@ConnectedSocket() socket: HearthSocket, @MessageBody() payload: unknown) {
    return this.run(RoomRefDto, payload, async ({ roomId }) => {
      const room = await this.rooms.assertCanRead(socket.data.user.id, roomId);
      // The privacy setting may have changed since the handshake.
      socket.data.user.showPresence = (await this.users.findById(socket.data.user.id))?.showPresence ?? false;
      await socket.join(channels.room(roomId));
      // Removal may have raced the join: check again now that the socket is in.
      if (!(await this.rooms.isMember(roomId, socket.data.user.id))) {
        await socket.leave(channels.room(roomId));
        throw new AppError(ErrorCode.NOT_FOUND, 'Room not found');
      }
      this.announcePresence(socket, roomId, 'online');
      return { roomId, lastSeq: room.lastSeq };
    });
  }

  @SubscribeMessage('room:leave')
  onLeave(@ConnectedSocket() socket: HearthSocket, @MessageBody() payload: unknown) {
    return this.run(RoomRefDto, payload, async ({ roomId }) => {
      if (socket.rooms.has(channels.room(roomId))) {
        this.announcePresence(socket, roomId, 'offline');
        await socket.leave(channels.room(roomId));
      }
      return { roomId };
    });
  }

  @SubscribeMessage('room:sync')
  onSync(@ConnectedSocket() socket: HearthSocket, @MessageBody() payload: unknown) {
    return this.run(SyncRoomDto, payload, (dto) => this.messages.history(socket.data.user.id, dto.roomId, { after: dto.afterSeq, limit: dto.limit }));
  }

  @SubscribeMessage('room:read')
  onRead(@ConnectedSocket() socket: HearthSocket, @MessageBody() payload: unknown) {
    return this.run(ReadMarkerDto, payload, (dto) => this.rooms.markRead(socket.data.user.id, dto.roomId, dto.seq));
  }

  @SubscribeMessage('room:presence')
  onPresence(@ConnectedSocket() socket: HearthSocket, @MessageBody() payload: unknown) {
    return this.run(RoomRefDto, payload, async ({ roomId }) => {
      this.assertJoined(socket, roomId);
      const sockets = await this.server.in(channels.room(roomId)).fetchSockets();
      const online = new Map<string, PresenceUser>();
      for (const s of sockets) {
        const u = s.data.user;
        if (u) online.set(u.id, { userId: u.id, username: u.username });
      }
      // Read the setting now, not from the handshake: hiding presence takes effect at once.
      const visible = new Set((await this.users.findByIds([...online.keys()])).filter((u) => u.showPresence && u.status === 'active').map((u) => u.id));
      return { roomId, online: [...online.values()].filter((p) => visible.has(p.userId)) };
    });
  }

  @SubscribeMessage('message:send')
  onSend(@ConnectedSocket() socket: HearthSocket, @MessageBody() payload: unknown) {
    return this.run(SendMessageDto, payload, (dto) => this.messages.send(this.user(socket), dto));
  }

  @SubscribeMessage('message:edit')
  onEdit(@ConnectedSocket() socket: HearthSocket, @MessageBody() payload: unknown) {
    return this.run(EditMessageDto, payload, (dto) => this.messages.edit(this.user(socket), dto.messageId, dto.body));
  }

  @SubscribeMessage('message:delete')
  onDelete(@ConnectedSocket() socket: HearthSocket, @MessageBody() payload: unknown) {
    return this.run(MessageRefDto, payload, (dto) => this.messages.delete(this.user(socket), dto.messageId));
  }

  @SubscribeMessage('reaction:add')
  onReact(@ConnectedSocket() socket: HearthSocket, @MessageBody() payload: unknown) {
    return this.run(ReactionDto, payload, (dto) => this.messages.react(this.user(socket), dto.messageId, dto.emoji, true));
  }

  @SubscribeMessage('reaction:remove')
  onUnreact(@ConnectedSocket() socket: HearthSocket, @MessageBody() payload: unknown) {
    return this.run(ReactionDto, payload, (dto) => this.messages.react(this.user(socket), dto.messageId, dto.emoji, false));
  }

  @SubscribeMessage('typing')
  onTyping(@ConnectedSocket() socket: HearthSocket, @MessageBody() payload: unknown) {
    return this.run(TypingDto, payload, ({ roomId, isTyping }) => {
      this.assertJoined(socket, roomId);
      const now = Date.now();
      const last = socket.data.typingAt.get(roomId) ?? 0;
      // "Started typing" is relayed at most every 2 s per room; "stopped" always.
      if (isTyping && now - last < TYPING_MIN_INTERVAL_MS) return null;
      socket.data.typingAt.set(roomId, isTyping ? now : 0);
      const u = socket.data.user;
      socket.to(channels.room(roomId)).emit('typing', { roomId, userId: u.id, username: u.username, isTyping });
      return null;
    });
  }

  private announcePresence(socket: HearthSocket, roomId: string, status: 'online' | 'offline'): void {
    const u = socket.data.user;
    if (!u?.showPresence) return;
    socket.to(channels.room(roomId)).emit('presence', { roomId, userId: u.id, username: u.username, status });
  }

  // Relays of what services publish. They run on the instance that made the change;
  // the adapter carries them to sockets on every instance.

  @OnEvent(DomainEvents.MessageCreated)
  relayCreated(m: MessageView): void {
    this.server?.to(channels.room(m.roomId)).emit('message:new', m);
  }

  @OnEvent(DomainEvents.MessageUpdated)
  relayUpdated(m: MessageView): void {
    this.server?.to(channels.room(m.roomId)).emit('message:updated', m);
  }

  @OnEvent(DomainEvents.MessageDeleted)
  relayDeleted(m: MessageView): void {
    this.server?.to(channels.room(m.roomId)).emit('message:deleted', m);
  }

  @OnEvent(DomainEvents.RoomMemberRemoved)
  relayRemoved(e: RoomMemberEvent): void {
    if (!this.server) return;
    this.server.in(channels.user(e.userId)).socketsLeave(channels.room(e.roomId));
    this.server.to(channels.user(e.userId)).emit('room:removed', { roomId: e.roomId, reason: e.reason });
  }

  @OnEvent(DomainEvents.NotificationCreated)
  relayNotification(e: { userId: string; notification: NotificationView }): void {
    this.server?.to(channels.user(e.userId)).emit('notification', e.notification);
  }

  @OnEvent(DomainEvents.SessionsRevoked)
  async relaySessionsRevoked(e: SessionsRevokedEvent): Promise<void> {
    if (!this.server) return;
    if (e.sessionIds !== 'all') {
      for (const sid of e.sessionIds) {
        this.server.to(channels.session(sid)).emit('session:ended', { reason: e.reason });
        this.server.in(channels.session(sid)).disconnectSockets(true);
      }
      return;
    }
    if (!e.exceptSessionId) {
      this.server.to(channels.user(e.userId)).emit('session:ended', { reason: e.reason });
      this.server.in(channels.user(e.userId)).disconnectSockets(true);
      return;
    }
    const sockets = await this.server.in(channels.user(e.userId)).fetchSockets();
    for (const s of sockets) {
      if (s.data.user?.sessionId !== e.exceptSessionId) {
        s.emit('session:ended', { reason: e.reason });
        s.disconnect(true);
      }
    }
  }
}
