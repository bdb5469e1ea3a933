import type { MessageView } from './dto/message.view';

export interface MessageCreatedEvent {
  message: MessageView;
  /** Room members who blocked the author: they get a placeholder instead of the message. */
  hiddenFrom?: string[];
}

export interface RoomMemberEvent {
  roomId: string;
  userId: string;
  reason?: string;
}

declare module '@hearth/common' {
  interface DomainEventMap {
    /** A message was committed: relayed to the room as `message:new`. */
    'message.created': MessageCreatedEvent;
    /** Edited, reacted to, hidden or restored: relayed as `message:updated`. */
    'message.updated': MessageView;
    /** Deleted by its author (a tombstone): relayed as `message:deleted`. */
    'message.deleted': MessageView;
    /** Someone was added to a room (a group joined, a conversation or session opened). */
    'room.member.added': RoomMemberEvent;
    /** Someone left or was taken out of a room: their sockets leave it on every instance. */
    'room.member.removed': RoomMemberEvent;
  }
}
