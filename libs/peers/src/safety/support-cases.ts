import { Injectable } from '@nestjs/common';
import { AuditService } from '@hearth/audit';
import type { Tx } from '@hearth/database';
import type { SupportCaseRequestedEvent } from '../peers.events';

/**
 * The seam "repeated off-platform contact attempts in a session open a case".
 * Called inside the send transaction. It records the request in the audit log
 * and announces `support.case.requested` after commit; the moderation lib opens
 * the case from that event (or replaces this body with a direct call to its case
 * service). Only the named messages are shared with the reviewers, never the rest
 * of the private session.
 */
@Injectable()
export class SupportCases {
  constructor(private readonly audit: AuditService) {}

  async open(tx: Tx, c: SupportCaseRequestedEvent): Promise<void> {
    await this.audit.record(tx, {
      action: 'support.case.requested',
      subjectUserId: c.userId,
      roomId: c.roomId,
      targetType: 'support_session',
      targetId: c.sessionId,
      reason: c.reason,
      details: { attempts: c.attempts, messageIds: c.messageIds },
    });
    tx.emit('support.case.requested', c);
  }
}
