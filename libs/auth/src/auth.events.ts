export interface SessionsRevokedEvent {
  userId: string;
  /** Specific sessions, or every session of the user except `exceptSessionId`. */
  sessionIds: string[] | 'all';
  exceptSessionId?: string;
  reason: 'logout' | 'password_changed' | 'suspended' | 'reuse_detected' | 'account_deleted';
}

declare module '@hearth/common' {
  interface DomainEventMap {
    /** Sessions were revoked (committed): their sockets end on every instance. */
    'auth.sessions.revoked': SessionsRevokedEvent;
  }
}
