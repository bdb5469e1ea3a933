export interface SupportSessionEvent {
  sessionId: string;
  requestId: string | null;
  roomId: string;
  requesterId: string;
  peerId: string;
  status: 'active' | 'ended';
  endReason?: 'ended' | 'rematch' | 'handover';
  /** The peer is paused from new requests until then (a session that raised a crisis alert). */
  peerPausedUntil?: string | null;
}

export interface SupportRequestEvent {
  requestId: string;
  requesterId: string;
  status: 'waiting' | 'accepted' | 'cancelled';
  sessionId?: string | null;
  roomId?: string | null;
}

/** A support-session message carried contact details; both people are reminded privately. */
export interface SupportContactEvent {
  sessionId: string;
  roomId: string;
  messageId: string;
  authorId: string;
  participantIds: [string, string];
  /** How many such messages this author has sent in this session so far. */
  attempts: number;
  kinds: string[];
}

/**
 * The seam for moderation: "repeated off-platform contact attempts open a case".
 * Emitted after commit when an author reaches `PEER_CONTACT_CASE_AFTER` attempts
 * in a session; the moderation lib listens (`@OnDomainEvent('support.case.requested')`)
 * and opens a case for the session's room, sharing only the messages named here.
 */
export interface SupportCaseRequestedEvent {
  reason: 'off_platform_contact';
  sessionId: string;
  roomId: string;
  userId: string;
  messageIds: string[];
  attempts: number;
}

export interface PeerRoleEvent {
  userId: string;
  role: 'peer' | 'member';
  reason: string;
}

declare module '@hearth/common' {
  interface DomainEventMap {
    /** A support session started or ended: pushed to both people as `support:session`. */
    'support.session.changed': SupportSessionEvent;
    /** A support request was accepted or cancelled: pushed to the member as `support:request`. */
    'support.request.changed': SupportRequestEvent;
    /** Contact details in a session message: a private `support:reminder` to both people. */
    'support.contact.detected': SupportContactEvent;
    /** Repeated off-platform contact attempts: moderation opens a case. */
    'support.case.requested': SupportCaseRequestedEvent;
    /** The `peer` role was granted or ended (audited). */
    'peer.role.changed': PeerRoleEvent;
  }
}
