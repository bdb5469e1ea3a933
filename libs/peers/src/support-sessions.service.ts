import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { RoomsService } from '@hearth/chat';
import { AuthUser } from '@hearth/common';
import type { PeersConfig } from '@hearth/config';
import { Transactions, Tx } from '@hearth/database';
import { NotificationsService } from '@hearth/notifications';
import { FeedbackListView, FeedbackView, SupportRequestView, SupportSessionListView, SupportSessionView } from './dto/peers.view';
import { HandoverSessionDto, RespondHandoverDto, SessionFeedbackDto } from './dto/support-request.dto';
import { PeerRoleService } from './peer-role.service';
import { peopleOf } from './peer-views';
import { peersErrors } from './peers.errors';
import { SupportRequestsService } from './support-requests.service';

interface SessionRow {
  id: string;
  request_id: string | null;
  requester_id: string | null;
  peer_id: string | null;
  room_id: string;
  community_id: string | null;
  status: 'active' | 'ended';
  started_at: Date;
  ended_at: Date | null;
  end_reason: 'ended' | 'rematch' | 'handover' | null;
  crisis_alert: boolean;
  handover_to_peer_id: string | null;
  handover_proposed_at: Date | null;
  feedback_rating: number | null;
  feedback_note: string | null;
  feedback_at: Date | null;
  next_request_id: string | null;
}

const SESSION_COLUMNS = `s.*, (SELECT n.id FROM support_requests n WHERE n.previous_session_id = s.id ORDER BY n.created_at DESC LIMIT 1) AS next_request_id`;

/**
 * 1:1 sessions after acceptance: ending, the member's no-fault re-match, a
 * handover with the member's consent, feedback (the peer sees it; admins only
 * aggregates), and the peer's wellbeing (a debrief prompt and a pause after a
 * session that raised a crisis alert). Only the two people in a session can see it.
 */
@Injectable()
export class SupportSessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly requests: SupportRequestsService,
    private readonly role: PeerRoleService,
    private readonly rooms: RoomsService,
    private readonly notifications: NotificationsService,
    private readonly config: ConfigService,
  ) {}

  async get(user: AuthUser, sessionId: string): Promise<SupportSessionView> {
    const s = await this.load(this.dataSource.manager, sessionId);
    this.assertParticipant(user, s);
    return (await this.views(user, [s]))[0];
  }

  async listMine(user: AuthUser): Promise<SupportSessionListView> {
    const rows: SessionRow[] = await this.dataSource.query(
      `SELECT ${SESSION_COLUMNS} FROM support_sessions s WHERE s.requester_id = $1 OR s.peer_id = $1
        ORDER BY (s.status = 'active') DESC, s.started_at DESC LIMIT 100`,
      [user.id],
    );
    return { items: await this.views(user, rows) };
  }

  async end(user: AuthUser, sessionId: string): Promise<SupportSessionView> {
    await this.transactions.run(async (tx) => {
      const s = await this.lockActive(tx.em, user, sessionId);
      await this.close(tx, s, user.id, 'ended');
    });
    return this.get(user, sessionId);
  }

  /** The member asks for another peer; no reason is asked for, and the first peer is told only that the session ended. */
  async rematch(user: AuthUser, sessionId: string): Promise<SupportRequestView> {
    const requestId = await this.transactions.run(async (tx) => {
      const s = await this.lockActive(tx.em, user, sessionId);
      if (s.requester_id !== user.id) throw peersErrors.onlyRequester('ask for another peer');
      await this.close(tx, s, user.id, 'rematch');
      return this.requests.createFollowUp(tx, {
        origin: 'rematch',
        previousSessionId: s.id,
        from: s.request_id ? ((await this.requests.find(tx.em, s.request_id)) ?? null) : null,
        requesterId: user.id,
        communityId: s.community_id,
        excludedPeerIds: s.peer_id ? [s.peer_id] : [],
        targetPeerId: null,
      });
    });
    return this.requests.get(user, requestId);
  }

  /** The peer proposes another peer; nothing changes until the member consents. */
  async proposeHandover(user: AuthUser, sessionId: string, dto: HandoverSessionDto): Promise<SupportSessionView> {
    await this.role.assertActivePeer(user);
    await this.transactions.run(async (tx) => {
      const s = await this.lockActive(tx.em, user, sessionId);
      if (s.peer_id !== user.id) throw peersErrors.onlyPeer('hand over');
      if (dto.peerId === user.id) throw peersErrors.unknownPeer('peerId');
      if (dto.peerId === s.requester_id) throw peersErrors.self('peerId');
      await this.requests.assertMatchablePeer(tx.em, s.requester_id!, dto.peerId, 'peerId');
      await tx.em.query(`UPDATE support_sessions SET handover_to_peer_id = $2, handover_proposed_at = now() WHERE id = $1`, [s.id, dto.peerId]);
      await this.notifications.create(tx, [
        { userId: s.requester_id!, kind: 'handover_proposed', data: { sessionId: s.id, byUserId: user.id, toPeerId: dto.peerId } },
      ]);
    });
    return this.get(user, sessionId);
  }

  /** The member's answer: with consent the session ends and the proposed peer is asked to take over. */
  async respondHandover(user: AuthUser, sessionId: string, dto: RespondHandoverDto): Promise<SupportSessionView> {
    await this.transactions.run(async (tx) => {
      const s = await this.lockActive(tx.em, user, sessionId);
      if (s.requester_id !== user.id) throw peersErrors.onlyRequester('consent to a handover');
      if (!s.handover_to_peer_id) throw peersErrors.noHandover();
      if (!dto.consent) {
        await tx.em.query(`UPDATE support_sessions SET handover_to_peer_id = NULL, handover_proposed_at = NULL WHERE id = $1`, [s.id]);
        return;
      }
      await this.requests.assertMatchablePeer(tx.em, user.id, s.handover_to_peer_id, 'peerId');
      await this.close(tx, s, user.id, 'handover');
      await this.requests.createFollowUp(tx, {
        origin: 'handover',
        previousSessionId: s.id,
        from: s.request_id ? ((await this.requests.find(tx.em, s.request_id)) ?? null) : null,
        requesterId: user.id,
        communityId: s.community_id,
        excludedPeerIds: s.peer_id ? [s.peer_id] : [],
        targetPeerId: s.handover_to_peer_id,
      });
    });
    return this.get(user, sessionId);
  }

  async leaveFeedback(user: AuthUser, sessionId: string, dto: SessionFeedbackDto): Promise<FeedbackView> {
    return this.transactions.run(async (tx) => {
      const s = await this.load(tx.em, sessionId);
      this.assertParticipant(user, s);
      if (s.requester_id !== user.id) throw peersErrors.onlyRequester('leave feedback');
      const [rows]: [Array<{ feedback_at: Date }>, number] = await tx.em.query(
        `UPDATE support_sessions SET feedback_rating = $2, feedback_note = $3, feedback_at = now()
          WHERE id = $1 AND feedback_at IS NULL RETURNING feedback_at`,
        [s.id, dto.rating, dto.note?.trim() || null],
      );
      if (!rows.length) throw peersErrors.feedbackGiven();
      if (s.peer_id) await this.notifications.create(tx, [{ userId: s.peer_id, kind: 'support_feedback', data: { sessionId: s.id } }]);
      return { rating: dto.rating, note: dto.note?.trim() || null, at: rows[0].feedback_at.toISOString() };
    });
  }

  /** The feedback members left the calling peer, newest first. */
  async myFeedback(user: AuthUser): Promise<FeedbackListView> {
    const rows: Array<{ id: string; feedback_rating: number; feedback_note: string | null; feedback_at: Date }> = await this.dataSource.query(
      `SELECT id, feedback_rating, feedback_note, feedback_at FROM support_sessions WHERE peer_id = $1 AND feedback_at IS NOT NULL
        ORDER BY feedback_at DESC LIMIT 200`,
      [user.id],
    );
    return { items: rows.map((r) => ({ sessionId: r.id, rating: r.feedback_rating, note: r.feedback_note, at: r.feedback_at.toISOString() })) };
  }

  /**
   * Marks that a session raised a crisis alert (moderation's crisis flow calls this, or
   * its event is relayed here): when the session ends the peer is offered a debrief and paused.
   */
  async recordCrisisAlert(roomId: string, em: EntityManager = this.dataSource.manager): Promise<boolean> {
    const [rows]: [unknown[], number] = await em.query(`UPDATE support_sessions SET crisis_alert = true WHERE room_id = $1 AND status = 'active' RETURNING id`, [roomId]);
    return rows.length > 0;
  }

  private async close(tx: Tx, s: SessionRow, byUserId: string, reason: 'ended' | 'rematch' | 'handover'): Promise<void> {
    await tx.em.query(`UPDATE support_sessions SET status = 'ended', ended_at = now(), ended_by = $2, end_reason = $3 WHERE id = $1`, [s.id, byUserId, reason]);
    // The history stays readable to the two of them, and to nobody else; nothing new can be sent.
    await this.rooms.setReadOnly(tx.em, s.room_id, true);
    let pausedUntil: string | null = null;
    if (s.peer_id) {
      const pauseMinutes = this.config.getOrThrow<PeersConfig>('peers').crisisPauseMinutes;
      const [rows]: [Array<{ paused_until: Date | null }>, number] = await tx.em.query(
        `UPDATE peer_profiles SET active_sessions = GREATEST(active_sessions - 1, 0),
                paused_until = CASE WHEN $2 THEN GREATEST(COALESCE(paused_until, now()), now() + make_interval(mins => $3)) ELSE paused_until END,
                debrief_session_id = CASE WHEN $2 THEN $4::uuid ELSE debrief_session_id END
          WHERE user_id = $1 RETURNING paused_until`,
        [s.peer_id, s.crisis_alert, pauseMinutes, s.id],
      );
      if (s.crisis_alert) {
        pausedUntil = rows[0]?.paused_until?.toISOString() ?? null;
        await this.notifications.create(tx, [{ userId: s.peer_id, kind: 'peer_debrief', data: { sessionId: s.id, pausedUntil } }]);
      }
    }
    const other = byUserId === s.peer_id ? s.requester_id : s.peer_id;
    // The peer of a re-match is told the session ended, never why.
    if (other) await this.notifications.create(tx, [{ userId: other, kind: 'session_ended', data: { sessionId: s.id, roomId: s.room_id } }]);
    if (s.requester_id && s.peer_id) {
      tx.emit('support.session.changed', {
        sessionId: s.id,
        requestId: s.request_id,
        roomId: s.room_id,
        requesterId: s.requester_id,
        peerId: s.peer_id,
        status: 'ended',
        endReason: reason,
        peerPausedUntil: pausedUntil,
      });
    }
  }

  private assertParticipant(user: AuthUser, s: SessionRow): void {
    // Not a moderator, not an admin: a session exists only for its two people.
    if (s.requester_id !== user.id && s.peer_id !== user.id) throw peersErrors.sessionNotFound();
  }

  private async lockActive(em: EntityManager, user: AuthUser, sessionId: string): Promise<SessionRow> {
    const rows: SessionRow[] = await em.query(`SELECT s.*, NULL AS next_request_id FROM support_sessions s WHERE s.id = $1 FOR UPDATE`, [sessionId]);
    const s = rows[0];
    if (!s) throw peersErrors.sessionNotFound();
    this.assertParticipant(user, s);
    if (s.status !== 'active') throw peersErrors.sessionEnded();
    return s;
  }

  private async load(em: EntityManager, sessionId: string): Promise<SessionRow> {
    const rows: SessionRow[] = await em.query(`SELECT ${SESSION_COLUMNS} FROM support_sessions s WHERE s.id = $1`, [sessionId]);
    if (!rows[0]) throw peersErrors.sessionNotFound();
    return rows[0];
  }

  private async views(user: AuthUser, rows: SessionRow[]): Promise<SupportSessionView[]> {
    const people = await peopleOf(this.dataSource.manager, rows.flatMap((s) => [s.requester_id, s.peer_id, s.handover_to_peer_id]));
    return rows.map((s) => {
      const asPeer = s.peer_id === user.id;
      return {
        id: s.id,
        requestId: s.request_id,
        roomId: s.room_id,
        status: s.status,
        yourRole: asPeer ? 'peer' : 'member',
        member: s.requester_id ? (people.get(s.requester_id) ?? null) : null,
        peer: s.peer_id ? (people.get(s.peer_id) ?? null) : null,
        startedAt: s.started_at.toISOString(),
        endedAt: s.ended_at?.toISOString() ?? null,
        endReason: asPeer && s.end_reason === 'rematch' ? 'ended' : s.end_reason,
        handover:
          s.handover_to_peer_id && s.handover_proposed_at && people.get(s.handover_to_peer_id)
            ? { toPeer: people.get(s.handover_to_peer_id)!, proposedAt: s.handover_proposed_at.toISOString() }
            : null,
        feedback: s.feedback_at ? { rating: s.feedback_rating!, note: s.feedback_note, at: s.feedback_at.toISOString() } : null,
        nextRequestId: asPeer ? null : s.next_request_id,
      };
    });
  }
}

