import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { RoomsService } from '@hearth/chat';
import { AuthUser } from '@hearth/common';
import type { PeersConfig } from '@hearth/config';
import { Transactions, Tx } from '@hearth/database';
import { NotificationsService } from '@hearth/notifications';
import { RealtimePublisher } from '@hearth/realtime';
import { ThemesService } from '@hearth/themes';
import { ChoosePeerDto, CreateSupportRequestDto } from './dto/support-request.dto';
import { AcceptedView, QueueView, SupportRequestView } from './dto/peers.view';
import { MatchingService } from './matching/matching.service';
import { ActivePeer, PeerRoleService, TODAY_SQL } from './peer-role.service';
import { peopleOf, themeNamesOf, themeRefs } from './peer-views';
import { peersErrors } from './peers.errors';
import { CrisisResourcesForMember, SupportCrisisResources } from './safety/crisis-resources';

export interface RequestRow {
  id: string;
  requester_id: string;
  community_id: string | null;
  theme_ids: string[];
  language: string;
  note: string | null;
  preferred_peer_id: string | null;
  same_peer_as_last_time: boolean;
  pref_pronouns: string | null;
  pref_age_bands: string[];
  choice: 'first_available' | 'peer';
  target_peer_id: string | null;
  excluded_peer_ids: string[];
  origin: 'new' | 'rematch' | 'handover';
  previous_session_id: string | null;
  status: 'waiting' | 'accepted' | 'cancelled';
  accepted_by: string | null;
  accepted_at: Date | null;
  created_at: Date;
  session_id: string | null;
  room_id: string | null;
}

const REQUEST_COLUMNS = `r.*, s.id AS session_id, s.room_id`;
const REQUEST_FROM = `support_requests r LEFT JOIN support_sessions s ON s.request_id = r.id`;

/** What a follow-up request (re-match, handover) carries over from the session's request. */
export interface FollowUp {
  origin: 'rematch' | 'handover';
  previousSessionId: string;
  from: RequestRow | null;
  requesterId: string;
  communityId: string | null;
  excludedPeerIds: string[];
  targetPeerId: string | null;
}

/**
 * Member-led requests for 1:1 support, the peer's queue, and accepting: exactly
 * one peer wins a request (a conditional update on `status = 'waiting'`; the
 * others get 409 ALREADY_ACCEPTED), and the caseload cap holds because each
 * accept first locks the accepting peer's profile row.
 */
@Injectable()
export class SupportRequestsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly matching: MatchingService,
    private readonly role: PeerRoleService,
    private readonly themes: ThemesService,
    private readonly rooms: RoomsService,
    private readonly notifications: NotificationsService,
    private readonly publisher: RealtimePublisher,
    private readonly crisis: SupportCrisisResources,
    private readonly config: ConfigService,
  ) {}

  private get widenMinutes(): number {
    return this.config.getOrThrow<PeersConfig>('peers').widenAfterMinutes;
  }

  async create(user: AuthUser, dto: CreateSupportRequestDto): Promise<SupportRequestView> {
    if (dto.preferredPeerId === user.id) throw peersErrors.self('preferredPeerId');
    const id = await this.transactions.run(async (tx) => {
      // One waiting request per member at a time (their row is the lock).
      await tx.em.query(`SELECT 1 FROM users WHERE id = $1 FOR UPDATE`, [user.id]);
      const open: unknown[] = await tx.em.query(`SELECT 1 FROM support_requests WHERE requester_id = $1 AND status = 'waiting'`, [user.id]);
      if (open.length) throw peersErrors.openRequestExists();
      if (dto.communityId) {
        // Read-only read of the communities lib's table.
        const c: unknown[] = await tx.em.query(`SELECT 1 FROM communities WHERE id = $1`, [dto.communityId]);
        if (!c.length) throw peersErrors.communityNotFound();
      }
      const themeIds = (await this.themes.resolveIds(tx.em, dto.themeIds)).map((t) => t.id);
      if (dto.preferredPeerId) await this.assertMatchablePeer(tx.em, user.id, dto.preferredPeerId, 'preferredPeerId');
      const rows: Array<{ id: string }> = await tx.em.query(
        `INSERT INTO support_requests (requester_id, community_id, theme_ids, language, note, preferred_peer_id, same_peer_as_last_time,
                                       pref_pronouns, pref_age_bands, choice, target_peer_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $6) RETURNING id`,
        [
          user.id,
          dto.communityId ?? null,
          themeIds,
          dto.language,
          dto.note?.trim() || null,
          dto.preferredPeerId ?? null,
          dto.samePeerAsLastTime ?? false,
          dto.preferredPronouns?.trim() || null,
          dto.preferredAgeBands ?? [],
          dto.preferredPeerId ? 'peer' : 'first_available',
        ],
      );
      if (dto.preferredPeerId) await this.notifyChosen(tx, rows[0].id, dto.preferredPeerId);
      return rows[0].id;
    });
    const crisis = await this.crisis.forMember(user.id, { communityId: dto.communityId, language: dto.language, country: dto.country });
    // Privately, to the person waiting only.
    this.publisher.toUser(user.id, 'crisis:resources', { roomId: null, messageId: null, requestId: id, ...crisis });
    return this.view(user, await this.load(this.dataSource.manager, id), dto.suggestions ?? 5, crisis);
  }

  /** Starts a follow-up request inside the caller's transaction (re-match, handover). */
  async createFollowUp(tx: Tx, f: FollowUp): Promise<string> {
    const from = f.from;
    const rows: Array<{ id: string }> = await tx.em.query(
      `INSERT INTO support_requests (requester_id, community_id, theme_ids, language, note, same_peer_as_last_time, pref_pronouns, pref_age_bands,
                                     choice, target_peer_id, excluded_peer_ids, origin, previous_session_id)
       VALUES ($1, $2, $3, $4, $5, false, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [
        f.requesterId,
        f.communityId,
        from?.theme_ids ?? [],
        from?.language ?? 'en',
        from?.note ?? null,
        from?.pref_pronouns ?? null,
        from?.pref_age_bands ?? [],
        f.targetPeerId ? 'peer' : 'first_available',
        f.targetPeerId,
        f.excludedPeerIds,
        f.origin,
        f.previousSessionId,
      ],
    );
    if (f.targetPeerId) await this.notifyChosen(tx, rows[0].id, f.targetPeerId);
    return rows[0].id;
  }

  async get(user: AuthUser, requestId: string, limit = 5): Promise<SupportRequestView> {
    const r = await this.load(this.dataSource.manager, requestId);
    if (r.requester_id !== user.id) throw peersErrors.requestNotFound();
    return this.view(user, r, limit, await this.crisis.forMember(user.id, { communityId: r.community_id, language: r.language }));
  }

  async choose(user: AuthUser, requestId: string, dto: ChoosePeerDto): Promise<SupportRequestView> {
    if ((dto.peerId === undefined) === (dto.firstAvailable === undefined)) {
      throw peersErrors.badRecord('peerId', 'Give either peerId or firstAvailable: true');
    }
    if (dto.peerId === user.id) throw peersErrors.self('peerId');
    await this.transactions.run(async (tx) => {
      const r = await this.load(tx.em, requestId, true);
      if (r.requester_id !== user.id) throw peersErrors.requestNotFound();
      if (r.status !== 'waiting') throw peersErrors.requestClosed(r.status);
      if (dto.peerId) {
        if (r.excluded_peer_ids.includes(dto.peerId)) throw peersErrors.unknownPeer('peerId');
        await this.assertMatchablePeer(tx.em, user.id, dto.peerId, 'peerId');
      }
      await tx.em.query(`UPDATE support_requests SET choice = $2, target_peer_id = $3 WHERE id = $1`, [requestId, dto.peerId ? 'peer' : 'first_available', dto.peerId ?? null]);
      if (dto.peerId && dto.peerId !== r.target_peer_id) await this.notifyChosen(tx, requestId, dto.peerId);
    });
    return this.get(user, requestId);
  }

  async cancel(user: AuthUser, requestId: string): Promise<void> {
    await this.transactions.run(async (tx) => {
      const r = await this.load(tx.em, requestId, true);
      if (r.requester_id !== user.id) throw peersErrors.requestNotFound();
      if (r.status === 'cancelled') return;
      if (r.status !== 'waiting') throw peersErrors.requestClosed(r.status);
      await tx.em.query(`UPDATE support_requests SET status = 'cancelled', cancelled_at = now() WHERE id = $1`, [requestId]);
      tx.emit('support.request.changed', { requestId, requesterId: user.id, status: 'cancelled' });
    });
  }

  /**
   * Which waiting requests a peer may see and take: the ones that chose them;
   * "first available" ones in a language they speak or on a theme they share;
   * and, once a request has waited PEER_WIDEN_AFTER_MINUTES, every one. Never a
   * request from someone they blocked or who blocked them, nor one they declined
   * or were re-matched away from. Requests not addressed to them are shown only
   * while they accept requests and are not paused.
   */
  private visibleToPeerSql(peerParam: string, langsParam: string, themesParam: string): string {
    return `r.status = 'waiting' AND r.requester_id <> ${peerParam} AND NOT (${peerParam} = ANY(r.excluded_peer_ids))
      AND (r.target_peer_id = ${peerParam}
           OR (pp.accepting_requests AND (pp.paused_until IS NULL OR pp.paused_until <= now()) AND (
                 (r.choice = 'first_available' AND (split_part(lower(r.language), '-', 1) = ANY(${langsParam}::text[]) OR r.theme_ids && ${themesParam}::uuid[]))
                 OR r.created_at <= now() - make_interval(mins => ${this.widenMinutes}))))
      AND NOT EXISTS (SELECT 1 FROM user_blocks b
                       WHERE (b.blocker_id = r.requester_id AND b.blocked_id = ${peerParam}) OR (b.blocker_id = ${peerParam} AND b.blocked_id = r.requester_id))`;
  }

  async queue(user: AuthUser): Promise<QueueView> {
    const peer = await this.role.assertActivePeer(user);
    const rows: Array<RequestRow & { username: string; display_name: string; waiting_minutes: number; widened: boolean }> = await this.dataSource.query(
      `SELECT r.*, u.username, u.display_name,
              floor(EXTRACT(EPOCH FROM now() - r.created_at) / 60)::int AS waiting_minutes,
              r.created_at <= now() - make_interval(mins => ${this.widenMinutes}) AS widened
         FROM support_requests r JOIN users u ON u.id = r.requester_id JOIN peer_profiles pp ON pp.user_id = $1
        WHERE ${this.visibleToPeerSql('$1', '$2', '$3')}
        ORDER BY r.created_at, r.id LIMIT 100`,
      [user.id, peer.languageKeys, peer.themeIds],
    );
    const names = await themeNamesOf(this.dataSource.manager, rows.flatMap((r) => r.theme_ids));
    return {
      items: rows.map((r) => ({
        requestId: r.id,
        requester: { id: r.requester_id, username: r.username, displayName: r.display_name },
        themes: themeRefs(r.theme_ids, names),
        language: r.language,
        note: r.note,
        createdAt: r.created_at.toISOString(),
        waitingMinutes: r.waiting_minutes,
        chosenYou: r.target_peer_id === user.id,
        widened: r.widened,
        origin: r.origin,
      })),
    };
  }

  async accept(user: AuthUser, requestId: string): Promise<AcceptedView> {
    await this.role.assertActivePeer(user);
    return this.transactions.run(async (tx) => {
      // My own profile row first: my concurrent accepts queue here, so the caseload cap holds.
      const peer = await this.lockActivePeer(tx.em, user.id);
      if (peer.pausedUntil && peer.pausedUntil.getTime() > Date.now()) throw peersErrors.paused(peer.pausedUntil);
      if (peer.activeSessions >= peer.maxSessions) throw peersErrors.caseloadFull(peer.maxSessions);
      const visible: Array<{ id: string; status: string }> = await tx.em.query(
        `SELECT r.id, r.status FROM support_requests r JOIN peer_profiles pp ON pp.user_id = $1
          WHERE r.id = $4 AND ${this.visibleToPeerSql('$1', '$2', '$3')}`,
        [user.id, peer.languageKeys, peer.themeIds, requestId],
      );
      if (!visible.length) {
        const r = await this.find(tx.em, requestId);
        // A request taken by someone else reads the same to every other peer; anything else is "not found".
        if (r?.status === 'accepted' && r.requester_id !== user.id && r.accepted_by !== user.id) throw peersErrors.alreadyAccepted();
        if (r?.status === 'accepted' && r.accepted_by === user.id) throw peersErrors.requestClosed('already accepted by you');
        throw peersErrors.requestNotFound();
      }
      // The race: one conditional update wins; the others wait on the row, then match nothing.
      const [won]: [Array<{ requester_id: string; community_id: string | null }>, number] = await tx.em.query(
        `UPDATE support_requests SET status = 'accepted', accepted_by = $2, accepted_at = now()
          WHERE id = $1 AND status = 'waiting' RETURNING requester_id, community_id`,
        [requestId, user.id],
      );
      if (!won.length) {
        const r = await this.find(tx.em, requestId);
        if (r?.status === 'accepted') throw peersErrors.alreadyAccepted();
        throw peersErrors.requestClosed(r?.status ?? 'gone');
      }
      const { requester_id: requesterId, community_id: communityId } = won[0];
      const room = await this.rooms.createRoom(tx.em, { kind: 'support' });
      await this.rooms.addMember(tx, room.id, requesterId);
      await this.rooms.addMember(tx, room.id, user.id);
      const [session]: Array<{ id: string }> = await tx.em.query(
        `INSERT INTO support_sessions (request_id, requester_id, peer_id, room_id, community_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [requestId, requesterId, user.id, room.id, communityId],
      );
      await tx.em.query(`UPDATE peer_profiles SET active_sessions = active_sessions + 1 WHERE user_id = $1`, [user.id]);
      await this.notifications.create(tx, [
        { userId: requesterId, kind: 'support_match', data: { requestId, sessionId: session.id, roomId: room.id, byUserId: user.id } },
      ]);
      tx.emit('support.request.changed', { requestId, requesterId, status: 'accepted', sessionId: session.id, roomId: room.id });
      tx.emit('support.session.changed', { sessionId: session.id, requestId, roomId: room.id, requesterId, peerId: user.id, status: 'active' });
      return { sessionId: session.id, roomId: room.id };
    });
  }

  /** Not for me: the request leaves my queue; when I was the one chosen, it goes to whoever is free first. */
  async decline(user: AuthUser, requestId: string): Promise<void> {
    const peer = await this.role.assertActivePeer(user);
    await this.transactions.run(async (tx) => {
      const visible: Array<{ target_peer_id: string | null; requester_id: string }> = await tx.em.query(
        `SELECT r.target_peer_id, r.requester_id FROM support_requests r JOIN peer_profiles pp ON pp.user_id = $1
          WHERE r.id = $4 AND ${this.visibleToPeerSql('$1', '$2', '$3')} FOR UPDATE OF r`,
        [user.id, peer.languageKeys, peer.themeIds, requestId],
      );
      if (!visible.length) throw peersErrors.requestNotFound();
      const wasChosen = visible[0].target_peer_id === user.id;
      await tx.em.query(
        `UPDATE support_requests SET excluded_peer_ids = array_append(excluded_peer_ids, $2::uuid),
                choice = CASE WHEN target_peer_id = $2 THEN 'first_available' ELSE choice END,
                target_peer_id = CASE WHEN target_peer_id = $2 THEN NULL ELSE target_peer_id END
          WHERE id = $1`,
        [requestId, user.id],
      );
      if (wasChosen) tx.emit('support.request.changed', { requestId, requesterId: visible[0].requester_id, status: 'waiting' });
    });
  }

  /** A verified peer the member may be matched with: not expired, not blocked either way. */
  async assertMatchablePeer(em: EntityManager, requesterId: string, peerId: string, field: string): Promise<void> {
    const rows: unknown[] = await em.query(
      `SELECT 1 FROM peer_profiles p JOIN users u ON u.id = p.user_id
        WHERE p.user_id = $2 AND u.status = 'active'
          AND EXISTS (SELECT 1 FROM peer_training_records t WHERE t.user_id = p.user_id AND t.status = 'verified' AND t.expires_on >= ${TODAY_SQL})
          AND NOT EXISTS (SELECT 1 FROM user_blocks b WHERE (b.blocker_id = $1 AND b.blocked_id = $2) OR (b.blocker_id = $2 AND b.blocked_id = $1))`,
      [requesterId, peerId],
    );
    if (!rows.length) throw peersErrors.unknownPeer(field);
  }

  private async lockActivePeer(em: EntityManager, userId: string): Promise<ActivePeer> {
    const rows: Array<{ max_sessions: number; active_sessions: number; paused_until: Date | null; accepting_requests: boolean; language_keys: string[]; theme_ids: string[]; valid: boolean }> =
      await em.query(
        `SELECT max_sessions, active_sessions, paused_until, accepting_requests, language_keys, theme_ids,
                COALESCE(verified_until >= ${TODAY_SQL}, false) AS valid
           FROM peer_profiles WHERE user_id = $1 FOR UPDATE`,
        [userId],
      );
    const p = rows[0];
    if (!p || !p.valid) throw peersErrors.notAPeer();
    return {
      userId,
      maxSessions: p.max_sessions,
      activeSessions: p.active_sessions,
      pausedUntil: p.paused_until,
      acceptingRequests: p.accepting_requests,
      languageKeys: p.language_keys,
      themeIds: p.theme_ids,
    };
  }

  private async notifyChosen(tx: Tx, requestId: string, peerId: string): Promise<void> {
    await this.notifications.create(tx, [{ userId: peerId, kind: 'support_request', data: { requestId } }]);
  }

  async find(em: EntityManager, requestId: string, lock = false): Promise<RequestRow | undefined> {
    const rows: RequestRow[] = await em.query(
      lock
        ? `SELECT ${REQUEST_COLUMNS} FROM ${REQUEST_FROM} WHERE r.id = $1 FOR UPDATE OF r`
        : `SELECT ${REQUEST_COLUMNS} FROM ${REQUEST_FROM} WHERE r.id = $1`,
      [requestId],
    );
    return rows[0];
  }

  private async load(em: EntityManager, requestId: string, lock = false): Promise<RequestRow> {
    const r = await this.find(em, requestId, lock);
    if (!r) throw peersErrors.requestNotFound();
    return r;
  }

  /** The member's view, with fresh ranked suggestions while it waits. */
  private async view(user: AuthUser, r: RequestRow, limit: number, crisisResources: CrisisResourcesForMember): Promise<SupportRequestView> {
    let suggestions: SupportRequestView['suggestions'] = [];
    let waitEstimateMinutes: number | null = null;
    if (r.status === 'waiting') {
      const em = this.dataSource.manager;
      const lastPeerId = r.same_peer_as_last_time ? await this.lastPeerOf(em, user.id) : null;
      const names = await themeNamesOf(em, r.theme_ids);
      const ranked = await this.matching.suggest(
        {
          requesterId: user.id,
          themeIds: r.theme_ids,
          language: r.language,
          preferredPeerId: r.target_peer_id ?? r.preferred_peer_id,
          lastPeerId,
          prefPronouns: r.pref_pronouns,
          prefAgeBands: r.pref_age_bands,
          excludedPeerIds: r.excluded_peer_ids,
        },
        limit,
        names,
        em,
      );
      suggestions = ranked.suggestions;
      waitEstimateMinutes = ranked.firstAvailableWaitMinutes;
    }
    return {
      id: r.id,
      status: r.status,
      choice: r.choice,
      chosenPeerId: r.target_peer_id,
      themeIds: r.theme_ids,
      language: r.language,
      communityId: r.community_id,
      origin: r.origin,
      createdAt: r.created_at.toISOString(),
      widensAt: new Date(r.created_at.getTime() + this.widenMinutes * 60_000).toISOString(),
      acceptedAt: r.accepted_at?.toISOString() ?? null,
      sessionId: r.session_id,
      roomId: r.room_id,
      suggestions,
      waitEstimateMinutes,
      crisisResources,
    };
  }

  /** The peer of the member's latest session, for "same peer as last time". */
  private async lastPeerOf(em: EntityManager, requesterId: string): Promise<string | null> {
    const rows: Array<{ peer_id: string | null }> = await em.query(
      `SELECT peer_id FROM support_sessions WHERE requester_id = $1 AND peer_id IS NOT NULL AND end_reason IS DISTINCT FROM 'rematch'
        ORDER BY started_at DESC LIMIT 1`,
      [requesterId],
    );
    return rows[0]?.peer_id ?? null;
  }

  /** For views elsewhere: a person's name by id. */
  people(ids: ReadonlyArray<string | null>) {
    return peopleOf(this.dataSource.manager, ids);
  }
}

