/**
 * In-process domain events (EventEmitter2). Services publish them after commit;
 * the socket gateway turns them into broadcasts through the socket.io adapter,
 * so every instance acts on them. Services never import the gateway.
 */
export const DomainEvents = {
  SessionsRevoked: 'auth.sessions.revoked',
  RoomMemberRemoved: 'room.member.removed',
  RoomMemberAdded: 'room.member.added',
  MessageCreated: 'message.created',
  MessageUpdated: 'message.updated',
  MessageDeleted: 'message.deleted',
  ReactionsChanged: 'message.reactions.changed',
  NotificationCreated: 'notification.created',
} as const;

export interface SessionsRevokedEvent {
  userId: string;
  /** Specific sessions, or every session of the user except `exceptSessionId`. */
  sessionIds: string[] | 'all';
  exceptSessionId?: string;
  reason: 'logout' | 'password_changed' | 'suspended' | 'reuse_detected';
}

export interface RoomMemberEvent {
  roomId: string;
  userId: string;
  reason?: string;
}
