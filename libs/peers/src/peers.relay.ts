import { Injectable, Logger } from '@nestjs/common';
import { OnDomainEvent } from '@hearth/common';
import { RealtimePublisher } from '@hearth/realtime';
import type { CrisisDetectedEvent } from '@hearth/moderation';
import type { SupportContactEvent, SupportRequestEvent, SupportSessionEvent } from './peers.events';
import { SupportSessionsService } from './support-sessions.service';

export const OFF_PLATFORM_REMINDER =
  'A reminder from Hearth: for both of your safety, please keep this conversation here. Sharing phone numbers, e-mail addresses or social accounts ' +
  'takes it outside the protections of the platform (moderation, crisis support, and being able to end or hand over the session). Nothing was blocked.';

/** Turns committed peer-support events into private socket pushes (never to anyone outside the session). */
@Injectable()
export class PeersRelay {
  private readonly logger = new Logger('Peers');

  constructor(
    private readonly publisher: RealtimePublisher,
    private readonly sessions: SupportSessionsService,
  ) {}

  /** The moderation lib's crisis flow saw a crisis message: in a support session, the peer's debrief and pause follow its end. */
  @OnDomainEvent('moderation.crisis.detected')
  async crisisInSession(e: CrisisDetectedEvent): Promise<void> {
    try {
      await this.sessions.recordCrisisAlert(e.roomId);
    } catch (err) {
      this.logger.warn(`Recording a crisis alert failed: ${(err as Error)?.name}`);
    }
  }

  @OnDomainEvent('support.session.changed')
  sessionChanged(e: SupportSessionEvent): void {
    const base = { sessionId: e.sessionId, requestId: e.requestId, roomId: e.roomId, status: e.status };
    this.publisher.toUser(e.requesterId, 'support:session', { ...base, endReason: e.endReason ?? null });
    // A no-fault re-match reads as a plain end to the peer.
    this.publisher.toUser(e.peerId, 'support:session', {
      ...base,
      endReason: e.endReason === 'rematch' ? 'ended' : (e.endReason ?? null),
      pausedUntil: e.peerPausedUntil ?? null,
    });
  }

  @OnDomainEvent('support.request.changed')
  requestChanged(e: SupportRequestEvent): void {
    this.publisher.toUser(e.requesterId, 'support:request', { requestId: e.requestId, status: e.status, sessionId: e.sessionId ?? null, roomId: e.roomId ?? null });
  }

  @OnDomainEvent('support.contact.detected')
  contactDetected(e: SupportContactEvent): void {
    this.publisher.toUser(e.participantIds, 'support:reminder', {
      sessionId: e.sessionId,
      roomId: e.roomId,
      messageId: e.messageId,
      kind: 'off_platform_contact',
      text: OFF_PLATFORM_REMINDER,
    });
  }
}
