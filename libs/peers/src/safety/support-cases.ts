import { Injectable } from '@nestjs/common';
import { AuditService } from '@hearth/audit';
import { CasesService } from '@hearth/moderation';
import type { Tx } from '@hearth/database';
import type { SupportCaseRequestedEvent } from '../peers.events';

/**
 * "Repeated off-platform contact attempts in a session open a case". Called
 * inside the send transaction: the moderation case (on the latest such message,
 * as if a participant had reported it), its audit row and the after-commit
 * announcement commit together with the message.
 */
@Injectable()
export class SupportCases {
  constructor(
    private readonly audit: AuditService,
    private readonly cases: CasesService,
  ) {}

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
    await this.cases.open(tx, {
      kind: 'report',
      priority: 1,
      subjectKey: `contact:${c.sessionId}:${c.userId}`,
      communityId: null,
      roomId: c.roomId,
      messageId: c.messageIds[c.messageIds.length - 1] ?? null,
      targetUserId: c.userId,
      reportCount: 1,
    });
    tx.emit('support.case.requested', c);
  }
}
