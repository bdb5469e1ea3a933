import { Injectable, Logger } from '@nestjs/common';
import { OnDomainEvent } from '@hearth/common';
import { RealtimePublisher } from '@hearth/realtime';
import { CrisisService } from './crisis/crisis.service';
import { CaseOpenedEvent, CrisisDetectedEvent, ModerationNoticeEvent, PRIORITY_LABEL } from './moderation.events';
import { ModerationScope } from './moderation-scope';

/** Turns committed moderation events into socket pushes (through the adapter, so every instance). */
@Injectable()
export class ModerationRelay {
  private readonly logger = new Logger('Moderation');

  constructor(
    private readonly publisher: RealtimePublisher,
    private readonly scope: ModerationScope,
    private readonly crisis: CrisisService,
  ) {}

  @OnDomainEvent('moderation.case.opened')
  async alert(e: CaseOpenedEvent): Promise<void> {
    if (!e.roomId) return;
    try {
      const moderators = await this.scope.moderatorsOfRoom(e.roomId);
      this.publisher.toUser(moderators, 'moderation:alert', { caseId: e.caseId, priority: PRIORITY_LABEL[e.priority], roomId: e.roomId, kind: e.kind });
    } catch (err) {
      this.logger.warn(`Alert failed: ${(err as Error)?.name}`);
    }
  }

  /** Only the sender, privately: their own plan first, then one or two resources for them, then more. */
  @OnDomainEvent('moderation.crisis.detected')
  async crisisResources(e: CrisisDetectedEvent): Promise<void> {
    try {
      const language = await this.crisis.languageOf(e.userId);
      const [found, personalPlan] = await Promise.all([this.crisis.resourcesFor({ communityId: e.communityId, language }), this.crisis.personalPlanFor(e.userId)]);
      this.publisher.toUser(e.userId, 'crisis:resources', { roomId: e.roomId, messageId: e.messageId, personalPlan, resources: found.resources, more: found.more });
    } catch (err) {
      this.logger.warn(`Crisis resources failed: ${(err as Error)?.name}`);
    }
  }

  @OnDomainEvent('moderation.notice')
  notice(e: ModerationNoticeEvent): void {
    const { userId, ...notice } = e;
    this.publisher.toUser(userId, 'moderation:notice', notice);
  }
}
