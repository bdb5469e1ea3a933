import { OnGatewayConnection, WebSocketGateway } from '@nestjs/websockets';
import { OnDomainEvent } from '@hearth/common';
import { channels, HearthSocket, RealtimePublisher, SocketEvent } from '@hearth/realtime';
import { UsersService } from '@hearth/users';
import type { MessageCreatedEvent, RoomMemberEvent } from './chat.events';
import { chatErrors } from './chat.errors';
import { MessagesService } from './messages.service';
import { RoomsService } from './rooms.service';
import { EditMessageDto, MessageRefDto, ReactionDto, ReadMarkerDto, RoomRefDto, SendMessageDto, SyncRoomDto, TypingDto } from './dto/message.dto';
import { MessageView, placeholderOf } from './dto/message.view';

const TYPING_MIN_INTERVAL_MS = 2000;

/**
 * Chat's socket events. The transport (handshake, connection cap, session
 * expiry) is libs/realtime's; every handler validates its payload and checks
 * access through the same services as REST, and answers with an ack.
 */
@WebSocketGateway()
export class ChatGateway implements OnGatewayConnection {
  constructor(
    private readonly users: UsersService,
    private readonly rooms: RoomsService,
    private readonly messages: MessagesService,
    private readonly publisher: RealtimePublisher,
  ) {}

  handleConnection(socket: HearthSocket): void {
    socket.on('disconnecting', () => {
      for (const room of socket.rooms) if (room.startsWith('room:')) this.announcePresence(socket, room.slice(5), 'offline');
    });
  }

  private assertJoined(socket: HearthSocket, roomId: string): void {
    if (!socket.rooms.has(channels.room(roomId))) throw chatErrors.notJoined();
  }

  @SocketEvent('room:join', RoomRefDto)
  async onJoin(socket: HearthSocket, { roomId }: RoomRefDto) {
    const room = await this.rooms.requireRoom(socket.data.user.id, roomId, 'read');
    // The privacy setting may have changed since the handshake.
    socket.data.user.showPresence = (await this.users.findById(socket.data.user.id))?.showPresence ?? false;
    await socket.join(channels.room(roomId));
    // Removal may have raced the join: check again now that the socket is in.
    try {
      await this.rooms.requireRoom(socket.data.user.id, roomId, 'read');
    } catch (e) {
      await socket.leave(channels.room(roomId));
      throw e;
    }
    this.announcePresence(socket, roomId, 'online');
    return { roomId, lastSeq: room.lastSeq };
  }

  @SocketEvent('room:leave', RoomRefDto)
  async onLeave(socket: HearthSocket, { roomId }: RoomRefDto) {
    if (socket.rooms.has(channels.room(roomId))) {
      this.announcePresence(socket, roomId, 'offline');
      await socket.leave(channels.room(roomId));
    }
    return { roomId };
  }

  @SocketEvent('room:sync', SyncRoomDto)
  onSync(socket: HearthSocket, dto: SyncRoomDto) {
    return this.messages.history(socket.data.user.id, dto.roomId, { after: dto.afterSeq, limit: dto.limit });
  }

  @SocketEvent('room:read', ReadMarkerDto)
  onRead(socket: HearthSocket, dto: ReadMarkerDto) {
    return this.rooms.markRead(socket.data.user.id, dto.roomId, dto.seq);
  }

  @SocketEvent('room:presence', RoomRefDto)
  async onPresence(socket: HearthSocket, { roomId }: RoomRefDto) {
    this.assertJoined(socket, roomId);
    const online = new Map<string, { userId: string; username: string }>();
    for (const s of await this.publisher.roomSockets(roomId)) {
      const u = s.data.user;
      if (u) online.set(u.id, { userId: u.id, username: u.username });
    }
    // Read the setting now, not from the handshake: hiding presence takes effect at once.
    const visible = new Set((await this.users.findByIds([...online.keys()])).filter((u) => u.showPresence && u.status === 'active').map((u) => u.id));
    // Neither side of a block sees the other's presence.
    for (const id of await this.rooms.blockedAmong(socket.data.user.id, [...visible])) visible.delete(id);
    return { roomId, online: [...online.values()].filter((p) => visible.has(p.userId)) };
  }

  @SocketEvent('message:send', SendMessageDto)
  onSend(socket: HearthSocket, dto: SendMessageDto) {
    return this.messages.send(socket.data.user, dto);
  }

  @SocketEvent('message:edit', EditMessageDto)
  onEdit(socket: HearthSocket, dto: EditMessageDto) {
    return this.messages.edit(socket.data.user, dto.messageId, dto.body);
  }

  @SocketEvent('message:delete', MessageRefDto)
  onDelete(socket: HearthSocket, dto: MessageRefDto) {
    return this.messages.delete(socket.data.user, dto.messageId);
  }

  @SocketEvent('reaction:add', ReactionDto)
  onReact(socket: HearthSocket, dto: ReactionDto) {
    return this.messages.react(socket.data.user, dto.messageId, dto.emoji, true);
  }

  @SocketEvent('reaction:remove', ReactionDto)
  onUnreact(socket: HearthSocket, dto: ReactionDto) {
    return this.messages.react(socket.data.user, dto.messageId, dto.emoji, false);
  }

  @SocketEvent('typing', TypingDto)
  onTyping(socket: HearthSocket, { roomId, isTyping }: TypingDto) {
    this.assertJoined(socket, roomId);
    const now = Date.now();
    const key = `typing:${roomId}`;
    const last = socket.data.lastAt.get(key) ?? 0;
    // "Started typing" is relayed at most every 2 s per room; "stopped" always.
    if (isTyping && now - last < TYPING_MIN_INTERVAL_MS) return null;
    socket.data.lastAt.set(key, isTyping ? now : 0);
    const u = socket.data.user;
    socket.to(channels.room(roomId)).emit('typing', { roomId, userId: u.id, username: u.username, isTyping });
    return null;
  }

  private announcePresence(socket: HearthSocket, roomId: string, status: 'online' | 'offline'): void {
    const u = socket.data.user;
    if (!u?.showPresence) return;
    const payload = { roomId, userId: u.id, username: u.username, status } as const;
    // Neither side of a block sees the other's presence: those people are left out.
    void this.rooms.blockedWithin(roomId, u.id).then(
      (hidden) => this.publisher.toRoom(roomId, 'presence', payload, { exceptUsers: [u.id, ...hidden] }),
      () => undefined,
    );
  }

  // Relays of what services committed; the adapter carries them to sockets on every instance.

  @OnDomainEvent('message.created')
  relayCreated(e: MessageCreatedEvent): void {
    this.relay('message:new', e.message, e.hiddenFrom ?? []);
  }

  @OnDomainEvent('message.updated')
  async relayUpdated(m: MessageView): Promise<void> {
    let blockers: string[] = [];
    try {
      if (m.author && m.body !== null) blockers = await this.rooms.blockersIn(m.roomId, m.author.id);
    } catch {
      // Without the block list nobody may get the body: a placeholder goes to the room instead.
      return this.publisher.toRoom(m.roomId, 'message:updated', placeholderOf(m, 'blocked'));
    }
    this.relay('message:updated', m, blockers);
  }

  @OnDomainEvent('message.deleted')
  relayDeleted(m: MessageView): void {
    this.publisher.toRoom(m.roomId, 'message:deleted', m);
  }

  /**
   * A message to its room, as each reader may see it: a held message goes whole to its
   * author only and as a placeholder to everyone else; people who blocked the author
   * get a placeholder (same seq, no body), so their seqs stay gap-free.
   */
  private relay(event: 'message:new' | 'message:updated', m: MessageView, blockers: readonly string[]): void {
    const authorId = m.author?.id;
    if (m.held && authorId && m.body !== null) {
      this.publisher.toRoom(m.roomId, event, placeholderOf(m, 'held'), { exceptUsers: [authorId] });
      this.publisher.toUser(authorId, event, m);
      return;
    }
    if (!blockers.length) return this.publisher.toRoom(m.roomId, event, m);
    this.publisher.toRoom(m.roomId, event, m, { exceptUsers: blockers });
    this.publisher.toUser(blockers, event, m.body === null ? m : placeholderOf(m, 'blocked'));
  }

  @OnDomainEvent('room.member.removed')
  relayRemoved(e: RoomMemberEvent): void {
    this.publisher.removeFromRoom(e.userId, e.roomId, e.reason);
  }
}
