import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { AuthUser } from '@hearth/common';
import { AuditService } from '@hearth/audit';
import { Transactions, Tx } from '@hearth/database';
import { NotificationsService } from '@hearth/notifications';
import { UsersService } from '@hearth/users';
import { RecoveryShare } from './entities/recovery-share.entity';
import { RecoveryShareRead } from './entities/recovery-share-read.entity';
import { RecoveryShareComment } from './entities/recovery-share-comment.entity';
import { RecoveryPlan } from './entities/recovery-plan.entity';
import { RecoveryGoal } from './entities/recovery-goal.entity';
import { RecoveryIndicator } from './entities/recovery-indicator.entity';
import { RecoveryCheckIn } from './entities/recovery-check-in.entity';
import { SafetyPlan } from './entities/safety-plan.entity';
import { CreateShareDto } from './dto/create-share.dto';
import { CreateCommentDto } from './dto/create-comment.dto';
import {
  IncomingShareListView,
  PersonRefView,
  ShareCommentView,
  ShareDetailView,
  SharedPlanView,
  ShareListView,
  ShareView,
} from './dto/recovery.view';
import { recoveryErrors } from './recovery.errors';
import { RecoveryService } from './recovery.service';
import { toCheckInView, toIndicatorView, toSafetyPlanView } from './recovery.mappers';
import { hasSupportRelationship } from './support-relationship';

export const MAX_ACTIVE_SHARES = 20;
export const MAX_COMMENTS_PER_SHARE = 500;
const MAX_SHARE_YEARS = 5;
const SHARED_CHECK_INS = 500;

/** Still readable by its peer right now: not revoked and not past its end. Evaluated by the database clock. */
const ACTIVE = `s.revoked_at IS NULL AND (s.until IS NULL OR s.until > now())`;

/**
 * Consented sharing. The owner chooses the peer, the parts and the end; the
 * peer reads only those parts while the share is active, and every read is
 * recorded for the owner and audited (ids and counts, never content).
 */
@Injectable()
export class RecoverySharesService {
  constructor(
    private readonly transactions: Transactions,
    private readonly recovery: RecoveryService,
    private readonly users: UsersService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    @InjectRepository(RecoveryShare) private readonly shares: Repository<RecoveryShare>,
  ) {}

  // --- the owner ----------------------------------------------------------------

  async create(owner: AuthUser, dto: CreateShareDto): Promise<ShareDetailView> {
    const parts = dto.parts;
    const goalIds = parts.goalIds ?? [];
    const indicatorIds = parts.indicatorIds ?? [];
    if (!parts.statement && !parts.safetyPlan && !goalIds.length && !indicatorIds.length) {
      throw recoveryErrors.invalid('parts', 'must include at least one part');
    }
    let until: Date | null = null;
    if (dto.until !== undefined) {
      until = new Date(dto.until);
      if (Number.isNaN(until.getTime()) || until.getTime() <= Date.now()) throw recoveryErrors.invalid('until', 'must be in the future');
      if (until.getTime() > Date.now() + MAX_SHARE_YEARS * 366 * 24 * 3600 * 1000) throw recoveryErrors.invalid('until', `must be within ${MAX_SHARE_YEARS} years`);
    }
    if (dto.peerId === owner.id) throw recoveryErrors.notYourPeer();
    const ownGoals = await this.recovery.ownGoalIds(owner.id, goalIds);
    if (ownGoals.length !== goalIds.length) throw recoveryErrors.invalid('parts.goalIds', 'must all be goals of yours');
    const ownIndicators = await this.recovery.ownIndicatorIds(owner.id, indicatorIds);
    if (ownIndicators.length !== indicatorIds.length) throw recoveryErrors.invalid('parts.indicatorIds', 'must all be indicators of yours');

    const id = await this.transactions.run(async (tx) => {
      const peer = await this.users.findById(dto.peerId, tx.em);
      if (!peer || peer.role !== 'peer' || peer.status !== 'active' || !(await hasSupportRelationship(tx.em, owner.id, peer.id))) {
        throw recoveryErrors.notYourPeer();
      }
      await tx.em.query(`SELECT pg_advisory_xact_lock(hashtext('recovery_shares:' || $1))`, [owner.id]);
      const [{ n }]: Array<{ n: number }> = await tx.em.query(`SELECT count(*)::int AS n FROM recovery_shares s WHERE s.owner_id = $1 AND ${ACTIVE}`, [owner.id]);
      if (n >= MAX_ACTIVE_SHARES) throw recoveryErrors.tooMany('active shares', MAX_ACTIVE_SHARES);
      const share = await tx.em.save(
        tx.em.create(RecoveryShare, {
          ownerId: owner.id,
          peerId: peer.id,
          includeStatement: parts.statement ?? false,
          includeSafetyPlan: parts.safetyPlan ?? false,
          goalIds,
          indicatorIds,
          until,
        }),
      );
      await this.audit.record(tx, {
        action: 'recovery.share.created',
        actorId: owner.id,
        subjectUserId: owner.id,
        targetType: 'recovery_share',
        targetId: share.id,
        until,
        details: { peerId: peer.id, ...partCounts(share) },
      });
      await this.notifications.create(tx, [{ userId: peer.id, kind: 'recovery_share', data: { shareId: share.id, byUserId: owner.id } }]);
      tx.emit('recovery.share.created', { shareId: share.id, ownerId: owner.id, peerId: peer.id });
      return share.id;
    });
    return this.detail(owner, id);
  }

  async list(owner: AuthUser): Promise<ShareListView> {
    const rows = await this.shares.find({ where: { ownerId: owner.id }, order: { createdAt: 'DESC', id: 'DESC' }, take: 200 });
    return { items: await this.views(rows) };
  }

  async detail(owner: AuthUser, shareId: string): Promise<ShareDetailView> {
    const share = await this.shares.findOne({ where: { id: shareId, ownerId: owner.id } });
    if (!share) throw recoveryErrors.shareNotFound();
    const [view] = await this.views([share]);
    const reads = await this.shares.manager.find(RecoveryShareRead, { where: { shareId }, order: { readAt: 'DESC', id: 'DESC' }, take: 200 });
    const people = await this.people(reads.map((r) => r.readerId));
    return {
      ...view,
      reads: reads.map((r) => ({ reader: people.get(r.readerId) ?? null, at: r.readAt.toISOString() })),
      comments: await this.comments(this.shares.manager, shareId),
    };
  }

  /** Ends the share at once: the peer's next read is refused. Idempotent for an already revoked share. */
  async revoke(owner: AuthUser, shareId: string): Promise<void> {
    await this.transactions.run(async (tx) => {
      // TypeORM returns [rows, affected] for an UPDATE … RETURNING on PostgreSQL.
      const [rows]: [Array<{ id: string; peer_id: string }>, number] = await tx.em.query(
        `UPDATE recovery_shares SET revoked_at = now() WHERE id = $1 AND owner_id = $2 AND revoked_at IS NULL RETURNING id, peer_id`,
        [shareId, owner.id],
      );
      if (!rows.length) {
        if (!(await tx.em.exists(RecoveryShare, { where: { id: shareId, ownerId: owner.id } }))) throw recoveryErrors.shareNotFound();
        return;
      }
      const peerId = rows[0].peer_id;
      await this.audit.record(tx, { action: 'recovery.share.revoked', actorId: owner.id, subjectUserId: owner.id, targetType: 'recovery_share', targetId: shareId, details: { peerId } });
      await this.notifications.create(tx, [{ userId: peerId, kind: 'recovery_share_revoked', data: { shareId, byUserId: owner.id } }]);
      tx.emit('recovery.share.revoked', { shareId, ownerId: owner.id, peerId });
    });
  }

  // --- the peer ------------------------------------------------------------------

  /** Shares a peer can read right now (who and which parts; no content). */
  async incoming(peer: AuthUser): Promise<IncomingShareListView> {
    if (peer.role !== 'peer') return { items: [] };
    const rows: RecoveryShare[] = await this.shares
      .createQueryBuilder('s')
      .where(`s.peer_id = :peerId AND ${ACTIVE}`, { peerId: peer.id })
      .orderBy('s.created_at', 'DESC')
      .addOrderBy('s.id', 'DESC')
      .take(200)
      .getMany();
    const people = await this.people(rows.map((r) => r.ownerId));
    return {
      items: rows
        .filter((r) => people.has(r.ownerId))
        .map((r) => ({ id: r.id, owner: people.get(r.ownerId)!, parts: partsView(r), until: r.until?.toISOString() ?? null, createdAt: r.createdAt.toISOString() })),
    };
  }

  /**
   * The peer reads what was shared. Only the share's peer, only while it is
   * active, only while they are still a peer worker; anyone else gets 404.
   * The read is recorded for the owner and audited in the same transaction.
   */
  async read(peer: AuthUser, shareId: string): Promise<SharedPlanView> {
    return this.transactions.run(async (tx) => {
      const share = await this.activeShareFor(tx, peer, shareId);
      const owner = (await this.people([share.ownerId])).get(share.ownerId);
      if (!owner) throw recoveryErrors.shareNotFound();
      const em = tx.em;
      const statement = share.includeStatement ? ((await em.findOne(RecoveryPlan, { where: { userId: share.ownerId } }))?.statement ?? '') : undefined;
      const goals = share.goalIds.length
        ? await em.find(RecoveryGoal, { where: { userId: share.ownerId, id: In(share.goalIds) }, order: { createdAt: 'ASC', id: 'ASC' } })
        : [];
      const indicators = share.indicatorIds.length
        ? await em.find(RecoveryIndicator, { where: { userId: share.ownerId, id: In(share.indicatorIds) }, order: { createdAt: 'ASC', id: 'ASC' } })
        : [];
      const sharedIndicators = [];
      for (const ind of indicators) {
        const checkIns = await em.find(RecoveryCheckIn, { where: { indicatorId: ind.id, userId: share.ownerId }, order: { at: 'DESC', id: 'DESC' }, take: SHARED_CHECK_INS });
        sharedIndicators.push({ ...toIndicatorView(ind), checkIns: checkIns.map(toCheckInView) });
      }
      const safetyPlan = share.includeSafetyPlan ? toSafetyPlanView(await em.findOne(SafetyPlan, { where: { userId: share.ownerId } })) : undefined;

      await em.insert(RecoveryShareRead, { shareId: share.id, readerId: peer.id });
      await this.audit.record(tx, {
        action: 'recovery.share.read',
        actorId: peer.id,
        subjectUserId: share.ownerId,
        targetType: 'recovery_share',
        targetId: share.id,
        details: partCounts(share),
      });
      return {
        shareId: share.id,
        owner,
        until: share.until?.toISOString() ?? null,
        ...(statement !== undefined ? { statement } : {}),
        goals: await this.recovery.goalViews(goals, em),
        indicators: sharedIndicators,
        ...(safetyPlan !== undefined ? { safetyPlan } : {}),
        comments: await this.comments(em, share.id),
      };
    });
  }

  async comment(peer: AuthUser, shareId: string, dto: CreateCommentDto): Promise<ShareCommentView> {
    return this.transactions.run(async (tx) => {
      const share = await this.activeShareFor(tx, peer, shareId);
      const shared =
        (dto.part === 'statement' && share.includeStatement && dto.partId === undefined) ||
        (dto.part === 'safety_plan' && share.includeSafetyPlan && dto.partId === undefined) ||
        (dto.part === 'goal' && dto.partId !== undefined && share.goalIds.includes(dto.partId)) ||
        (dto.part === 'indicator' && dto.partId !== undefined && share.indicatorIds.includes(dto.partId));
      if (!shared) throw recoveryErrors.partNotShared();
      // The share row is locked by activeShareFor, so the cap holds under concurrency.
      const n = await tx.em.count(RecoveryShareComment, { where: { shareId } });
      if (n >= MAX_COMMENTS_PER_SHARE) throw recoveryErrors.tooMany('comments on a share', MAX_COMMENTS_PER_SHARE);
      const saved = await tx.em.save(tx.em.create(RecoveryShareComment, { shareId, authorId: peer.id, part: dto.part, partId: dto.partId ?? null, body: dto.body.trim() }));
      await this.notifications.create(tx, [{ userId: share.ownerId, kind: 'recovery_comment', data: { shareId, commentId: saved.id, byUserId: peer.id } }]);
      tx.emit('recovery.share.commented', { shareId, ownerId: share.ownerId, peerId: peer.id, commentId: saved.id });
      const people = await this.people([peer.id]);
      return toCommentView(saved, people);
    });
  }

  // --- helpers ---------------------------------------------------------------------

  /** The share, locked, if `peer` may use it now; otherwise 404 (never saying why). */
  private async activeShareFor(tx: Tx, peer: AuthUser, shareId: string): Promise<RecoveryShare> {
    if (peer.role !== 'peer') throw recoveryErrors.shareNotFound();
    const share = await tx.em
      .createQueryBuilder(RecoveryShare, 's')
      .setLock('pessimistic_write')
      .where(`s.id = :shareId AND s.peer_id = :peerId AND ${ACTIVE}`, { shareId, peerId: peer.id })
      .getOne();
    if (!share) throw recoveryErrors.shareNotFound();
    return share;
  }

  private async views(rows: RecoveryShare[]): Promise<ShareView[]> {
    if (!rows.length) return [];
    const ids = rows.map((r) => r.id);
    const stats: Array<{ id: string; reads: number; last_read: Date | null; comments: number; active: boolean }> = await this.shares.query(
      `SELECT s.id, (SELECT count(*)::int FROM recovery_share_reads r WHERE r.share_id = s.id) AS reads,
              (SELECT max(read_at) FROM recovery_share_reads r WHERE r.share_id = s.id) AS last_read,
              (SELECT count(*)::int FROM recovery_share_comments c WHERE c.share_id = s.id) AS comments,
              (${ACTIVE}) AS active
         FROM recovery_shares s WHERE s.id = ANY($1::uuid[])`,
      [ids],
    );
    const people = await this.people(rows.map((r) => r.peerId));
    return rows.map((r) => {
      const st = stats.find((x) => x.id === r.id);
      return {
        id: r.id,
        peer: people.get(r.peerId) ?? null,
        parts: partsView(r),
        until: r.until?.toISOString() ?? null,
        revokedAt: r.revokedAt?.toISOString() ?? null,
        active: st?.active ?? false,
        createdAt: r.createdAt.toISOString(),
        lastReadAt: st?.last_read ? new Date(st.last_read).toISOString() : null,
        readCount: st?.reads ?? 0,
        commentCount: st?.comments ?? 0,
      };
    });
  }

  private async comments(em: EntityManager, shareId: string): Promise<ShareCommentView[]> {
    const rows = await em.find(RecoveryShareComment, { where: { shareId }, order: { createdAt: 'ASC', id: 'ASC' } });
    const people = await this.people(rows.map((r) => r.authorId));
    return rows.map((r) => toCommentView(r, people));
  }

  private async people(ids: string[]): Promise<Map<string, PersonRefView>> {
    const users = await this.users.findByIds([...new Set(ids)]);
    return new Map(users.filter((u) => u.status !== 'deleted').map((u) => [u.id, { id: u.id, username: u.username, displayName: u.displayName }]));
  }
}

const partsView = (s: RecoveryShare) => ({ statement: s.includeStatement, goalIds: s.goalIds, indicatorIds: s.indicatorIds, safetyPlan: s.includeSafetyPlan });

/** What an audit row may say about a share: which kinds of part, how many, never what they contain. */
const partCounts = (s: RecoveryShare) => ({ statement: s.includeStatement, goals: s.goalIds.length, indicators: s.indicatorIds.length, safetyPlan: s.includeSafetyPlan });

const toCommentView = (c: RecoveryShareComment, people: Map<string, PersonRefView>): ShareCommentView => ({
  id: c.id,
  author: people.get(c.authorId) ?? null,
  part: c.part,
  partId: c.partId,
  body: c.body,
  createdAt: c.createdAt.toISOString(),
});
