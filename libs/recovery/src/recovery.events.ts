export interface RecoveryShareEvent {
  shareId: string;
  ownerId: string;
  peerId: string;
}

declare module '@hearth/common' {
  interface DomainEventMap {
    /** A share was created (committed). Ids only: never recovery content. */
    'recovery.share.created': RecoveryShareEvent;
    /** A share was revoked by its owner (committed): the peer's access has already ended. */
    'recovery.share.revoked': RecoveryShareEvent;
    /** A peer commented on a share (committed). */
    'recovery.share.commented': RecoveryShareEvent & { commentId: string };
  }
}
export {};
