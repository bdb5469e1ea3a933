import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser, decodeCursor, encodeCursor, isPlatformAdmin } from '@hearth/common';
import { AuditService } from '@hearth/audit';
import { Transactions, Tx } from '@hearth/database';
import { extractMentions, MessagesService } from '@hearth/chat';
import { CaseNoteDto, ListCasesDto, NeedsResponseQueryDto } from './dto/moderation.dto';
import { CaseDetailView, CaseListView, CaseNoteView, CaseView, NeedsResponseListView } from './dto/moderation.views';
import { CasePriority, PRIORITY_LABEL } from './moderation.events';
import { moderationErrors } from './moderation.errors';
import { ModerationScope } from './moderation-scope';

export type CaseKind = 'report' | 'concern' | 'automod' | 'hold' | 'crisis' | 'pile_on';

export interface OpenCase {
  kind: CaseKind;
  priority: CasePriority;
  /** Reports on one message, or on one person in one room, share a key: they collapse into one open case. */
  subjectKey: string;
  communityId: string | null;
  roomId: string;
  messageId?: string | null;
  targetUserId?: string | null;
  reportCount?: number;
  needsSecondReview?: boolean;
}

export interface CaseRow {
  id: string;
  kind: CaseKind;
  priority: CasePriority;
  status: 'open' | 'resolved';
  community_id: string | null;
  room_id: string | null;
  message_id: string | null;
  target_user_id: string | null;
  report_count: number;
  needs_second_review: boolean;
  claimed_by: string | null;
  outcome: string | null;
  created_at: Date;
  created_key?: string;
}

export const caseKeys = {
  message: (messageId: string) => `m:${messageId}`,
  person: (roomId: string, userId: string) => `u:${roomId}:${userId}`,
  crisis: (roomId: string, userId: string) => `crisis:${roomId}:${userId}`,
  pileOn: (roomId: string, userId: string) => `pile:${roomId}:${userId}`,
};

export const toCaseView = (c: CaseRow): CaseView => ({
  id: c.id,
  roomId: c.room_id,
  communityId: c.community_id,
  kind: c.kind,
  priority: PRIORITY_LABEL[c.priority],
  status: c.status,
  reportCount: c.report_count,
  messageId: c.message_id,
  targetUserId: c.target_user_id,
  needsSecondReview: c.needs_second_review,
  claimedBy: c.claimed_by,
  outcome: c.outcome,
  createdAt: c.created_at.toISOString(),
});

export interface PileOnSignal {
  roomId: string;
  targetUserId: string;
  authorId: string;
  messageId: string;
}

/** How many messages around a reported one a moderator sees. */
const CONTEXT_AROUND = 3;
const CASE_COLUMNS = `c.id, c.kind, c.priority, c.status, c.community_id, c.room_id, c.message_id, c.target_user_id, c.report_count,
  c.needs_second_review, c.claimed_by, c.outcome, c.created_at`;

/**
 * Cases: what reports, automod, crisis and pile-on detection open, and the scoped
 * review queue over them (claim, private notes, context, prior actions).
 */
@Injectable()
export class CasesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly scope: ModerationScope,
    private readonly messages: MessagesService,
  ) {}

  /**
   * Opens a case, or adds to the open one about the same subject (inside the caller's
   * transaction). Moderators are alerted after commit when it is new or became more urgent.
   */
  async open(tx: Tx, c: OpenCase): Promise<{ id: string; created: boolean }> {
    const [row]: Array<{ id: string; created: boolean; escalated: boolean }> = await tx.em.query(
      `WITH prev AS (SELECT priority FROM moderation_cases WHERE subject_key = $3 AND status = 'open')
       INSERT INTO moderation_cases AS c (kind, priority, subject_key, community_id, room_id, message_id, target_user_id, report_count, needs_second_review)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (subject_key) WHERE status = 'open' DO UPDATE SET
         report_count = c.report_count + EXCLUDED.report_count,
         kind = CASE WHEN EXCLUDED.priority > c.priority THEN EXCLUDED.kind ELSE c.kind END,
         priority = GREATEST(c.priority, EXCLUDED.priority),
         needs_second_review = c.needs_second_review OR EXCLUDED.needs_second_review,
         updated_at = now()
       RETURNING c.id, (xmax = 0) AS created, c.priority > COALESCE((SELECT priority FROM prev), 0) AS escalated`,
      [c.kind, c.priority, c.subjectKey, c.communityId, c.roomId, c.messageId ?? null, c.targetUserId ?? null, c.reportCount ?? 0, c.needsSecondReview ?? false],
    );
    if (row.created || row.escalated) tx.emit('moderation.case.opened', { caseId: row.id, roomId: c.roomId, kind: c.kind, priority: c.priority });
    return { id: row.id, created: row.created };
  }

  /** The case, if the caller moderates its room and it is not about them; otherwise NOT_FOUND (a case's existence does not leak). */
  async caseInScope(caller: AuthUser, caseId: string, em: EntityManager = this.dataSource.manager, lock = false): Promise<CaseRow> {
    const rows: CaseRow[] = await em.query(`SELECT ${CASE_COLUMNS} FROM moderation_cases c WHERE c.id = $1 ${lock ? 'FOR UPDATE' : ''}`, [caseId]);
    const c = rows[0];
    // Nobody reviews reports about themselves (they would learn what was said and could retaliate).
    if (!c || !c.room_id || c.target_user_id === caller.id || !(await this.scope.canModerateRoom(caller, c.room_id, em))) throw moderationErrors.caseNotFound();
    return c;
  }

  async list(caller: AuthUser, q: ListCasesDto): Promise<CaseListView> {
    if (q.roomId && !(await this.scope.canModerateRoom(caller, q.roomId))) throw moderationErrors.notInScope('You do not moderate this room');
    const limit = q.limit ?? 20;
    const params: unknown[] = [caller.id, q.status ?? 'open'];
    const where = [`c.status = $2`, `c.target_user_id IS DISTINCT FROM $1`, this.scope.moderatedRoomCondition('$1', isPlatformAdmin(caller))];
    if (q.roomId) {
      params.push(q.roomId);
      where.push(`c.room_id = $${params.length}`);
    }
    if (q.cursor) {
      const k = decodeCursor(q.cursor, { p: 'number', t: 'string', id: 'string' });
      params.push(k.p, k.t, k.id);
      const [p, t, id] = [params.length - 2, params.length - 1, params.length];
      where.push(`(c.priority < $${p} OR (c.priority = $${p} AND (c.created_at, c.id) > ($${t}::timestamptz, $${id}::uuid)))`);
    }
    params.push(limit + 1);
    const rows: CaseRow[] = await this.dataSource.query(
      `SELECT ${CASE_COLUMNS}, to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_key
         FROM moderation_cases c JOIN rooms r ON r.id = c.room_id LEFT JOIN groups g ON g.id = r.group_id
        WHERE ${where.join(' AND ')}
        ORDER BY c.priority DESC, c.created_at ASC, c.id ASC LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return { items: page.map(toCaseView), nextCursor: rows.length > limit && last ? encodeCursor({ p: last.priority, t: last.created_key!, id: last.id }) : null };
  }

  /** A case with its context. The read itself is audited (which case, never the content). */
  async detail(caller: AuthUser, caseId: string): Promise<CaseDetailView> {
    const c = await this.caseInScope(caller, caseId);
    const reports: Array<{ reason: string; note: string | null; second_review: boolean; created_at: Date }> = await this.dataSource.query(
      `SELECT reason, note, second_review, created_at FROM moderation_reports WHERE case_id = $1 ORDER BY created_at`,
      [caseId],
    );
    const notes: Array<{ id: string; author_id: string | null; body: string; created_at: Date }> = await this.dataSource.query(
      `SELECT id, author_id, body, created_at FROM moderation_case_notes WHERE case_id = $1 ORDER BY created_at, id`,
      [caseId],
    );
    const prior: Array<{ id: string; action: string; room_id: string | null; rule: string; reason: string; until: Date | null; lifted_at: Date | null; created_at: Date }> = c.target_user_id
      ? await this.dataSource.query(
          `SELECT id, action, room_id, rule, reason, until, lifted_at, created_at FROM moderation_actions
            WHERE target_user_id = $1 AND action <> 'dismiss' AND (community_id = $2 OR ($2::uuid IS NULL AND room_id = $3))
            ORDER BY created_at DESC LIMIT 50`,
          [c.target_user_id, c.community_id, c.room_id],
        )
      : [];
    const context = c.message_id ? await this.messages.findForReview(c.message_id, CONTEXT_AROUND) : [];
    await this.transactions.run((tx) =>
      this.audit.record(tx, {
        action: 'case.context.read',
        actorId: caller.id,
        subjectUserId: c.target_user_id,
        communityId: c.community_id,
        roomId: c.room_id,
        targetType: 'case',
        targetId: c.id,
        details: { messages: context.length },
      }),
    );
    return {
      ...toCaseView(c),
      reports: reports.map((r) => ({ reason: r.reason, note: r.note, secondReview: r.second_review, createdAt: r.created_at.toISOString() })),
      context,
      priorActions: prior.map((a) => ({
        id: a.id,
        action: a.action,
        roomId: a.room_id,
        rule: a.rule,
        reason: a.reason,
        until: a.until?.toISOString() ?? null,
        liftedAt: a.lifted_at?.toISOString() ?? null,
        createdAt: a.created_at.toISOString(),
      })),
      notes: notes.map((n) => ({ id: n.id, authorId: n.author_id, body: n.body, createdAt: n.created_at.toISOString() })),
    };
  }

  async claim(caller: AuthUser, caseId: string): Promise<CaseView> {
    return this.transactions.run(async (tx) => {
      const c = await this.caseInScope(caller, caseId, tx.em, true);
      if (c.status !== 'open') throw moderationErrors.caseClosed();
      await tx.em.query(`UPDATE moderation_cases SET claimed_by = $2, claimed_at = now(), updated_at = now() WHERE id = $1`, [caseId, caller.id]);
      await this.audit.record(tx, { action: 'case.claimed', actorId: caller.id, subjectUserId: c.target_user_id, communityId: c.community_id, roomId: c.room_id, targetType: 'case', targetId: caseId });
      return toCaseView({ ...c, claimed_by: caller.id });
    });
  }

  async addNote(caller: AuthUser, caseId: string, dto: CaseNoteDto): Promise<CaseNoteView> {
    return this.transactions.run(async (tx) => {
      const c = await this.caseInScope(caller, caseId, tx.em);
      const [n]: Array<{ id: string; created_at: Date }> = await tx.em.query(
        `INSERT INTO moderation_case_notes (case_id, author_id, body) VALUES ($1, $2, $3) RETURNING id, created_at`,
        [caseId, caller.id, dto.body],
      );
      await this.audit.record(tx, { action: 'case.note.added', actorId: caller.id, communityId: c.community_id, roomId: c.room_id, targetType: 'case', targetId: caseId });
      return { id: n.id, authorId: caller.id, body: dto.body, createdAt: n.created_at.toISOString() };
    });
  }

  /**
   * "No one left unanswered": group messages in rooms the caller moderates that got no
   * message from anyone else within the community's window (default 15 minutes), in the last day.
   * Read-only read of chat's messages/rooms and the groups lib's groups.
   */
  async needsResponse(caller: AuthUser, q: NeedsResponseQueryDto): Promise<NeedsResponseListView> {
    if (q.roomId && !(await this.scope.canModerateRoom(caller, q.roomId))) throw moderationErrors.notInScope('You do not moderate this room');
    const params: unknown[] = [caller.id, q.limit ?? 50];
    let roomFilter = '';
    if (q.roomId) {
      params.push(q.roomId);
      roomFilter = `AND r.id = $${params.length}`;
    }
    const rows: Array<{ id: string; room_id: string; seq: string; author_id: string | null; created_at: Date; waiting: number }> = await this.dataSource.query(
      `SELECT m.id, m.room_id, m.seq, m.author_id, m.created_at, floor(extract(epoch FROM now() - m.created_at) / 60)::int AS waiting
         FROM rooms r JOIN groups g ON g.id = r.group_id LEFT JOIN moderation_settings s ON s.community_id = g.community_id
         JOIN LATERAL (SELECT * FROM messages x WHERE x.room_id = r.id AND x.seq > r.last_seq - 200 ORDER BY x.seq DESC) m ON true
        WHERE r.kind = 'group' AND g.archived_at IS NULL ${roomFilter} AND ${this.scope.moderatedRoomCondition('$1', false)}
          AND m.author_id IS NOT NULL AND m.deleted_at IS NULL AND m.hidden_at IS NULL AND m.held_at IS NULL
          AND m.created_at < now() - make_interval(mins => COALESCE(s.needs_response_minutes, 15))
          AND m.created_at > now() - interval '24 hours'
          AND NOT EXISTS (SELECT 1 FROM messages y WHERE y.room_id = m.room_id AND y.seq > m.seq AND y.author_id IS DISTINCT FROM m.author_id AND y.deleted_at IS NULL)
        ORDER BY m.created_at ASC LIMIT $2`,
      params,
    );
    return {
      items: rows.map((r) => ({ messageId: r.id, roomId: r.room_id, seq: Number(r.seq), authorId: r.author_id, createdAt: r.created_at.toISOString(), waitingMinutes: r.waiting })),
    };
  }

  /** Who a message addresses: the author it replies to and the room members it mentions (never its own author). */
  async addressees(em: EntityManager, msgs: ReadonlyArray<{ id: string; roomId: string; authorId: string; body: string | null; replyToId: string | null }>): Promise<Map<string, Set<string>>> {
    const out = new Map<string, Set<string>>(msgs.map((m) => [m.id, new Set<string>()]));
    const replyIds = [...new Set(msgs.map((m) => m.replyToId).filter((x): x is string => !!x))];
    if (replyIds.length) {
      const rows: Array<{ id: string; author_id: string | null }> = await em.query(`SELECT id, author_id FROM messages WHERE id = ANY($1::uuid[])`, [replyIds]);
      const authorOf = new Map(rows.map((r) => [r.id, r.author_id]));
      for (const m of msgs) {
        const to = m.replyToId ? authorOf.get(m.replyToId) : null;
        if (to && to !== m.authorId) out.get(m.id)!.add(to);
      }
    }
    const names = msgs.map((m) => ({ m, names: m.body?.includes('@') ? extractMentions(m.body) : [] }));
    const all = [...new Set(names.flatMap((n) => n.names))];
    if (all.length) {
      // Read-only read of chat's room_members and the users lib's users.
      const rows: Array<{ room_id: string; id: string; uname: string }> = await em.query(
        `SELECT rm.room_id, u.id, lower(u.username) AS uname FROM room_members rm JOIN users u ON u.id = rm.user_id
          WHERE rm.room_id = ANY($1::uuid[]) AND lower(u.username) = ANY($2::text[])`,
        [[...new Set(msgs.map((m) => m.roomId))], all],
      );
      const idOf = new Map(rows.map((r) => [`${r.room_id}:${r.uname}`, r.id]));
      for (const { m, names: ns } of names) {
        for (const n of ns) {
          const id = idOf.get(`${m.roomId}:${n}`);
          if (id && id !== m.authorId) out.get(m.id)!.add(id);
        }
      }
    }
    return out;
  }

  /**
   * Records messages that were reported or matched a rule and address someone; when
   * enough different members did so about the same person within the window, a
   * priority "possible pile-on" case opens for the room's moderators.
   */
  async recordPileOn(tx: Tx, signals: readonly PileOnSignal[], settings: (roomId: string) => { communityId: string | null; windowMinutes: number; threshold: number }): Promise<void> {
    if (!signals.length) return;
    await tx.em.query(
      `INSERT INTO pile_on_signals (room_id, target_user_id, author_id, message_id)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[]) ON CONFLICT DO NOTHING`,
      [signals.map((s) => s.roomId), signals.map((s) => s.targetUserId), signals.map((s) => s.authorId), signals.map((s) => s.messageId)],
    );
    const pairs = [...new Map(signals.map((s) => [`${s.roomId}:${s.targetUserId}`, s])).values()];
    for (const p of pairs) {
      const cfg = settings(p.roomId);
      const [row]: Array<{ n: number }> = await tx.em.query(
        `SELECT count(DISTINCT author_id)::int AS n FROM pile_on_signals
          WHERE room_id = $1 AND target_user_id = $2 AND created_at > now() - make_interval(mins => $3)`,
        [p.roomId, p.targetUserId, cfg.windowMinutes],
      );
      if (row.n >= cfg.threshold) {
        await this.open(tx, { kind: 'pile_on', priority: 2, subjectKey: caseKeys.pileOn(p.roomId, p.targetUserId), communityId: cfg.communityId, roomId: p.roomId, targetUserId: p.targetUserId });
      }
    }
  }

  /** The pile-on settings of a community (defaults when it has none). */
  async pileOnSettings(communityId: string | null, em: EntityManager): Promise<{ windowMinutes: number; threshold: number }> {
    if (!communityId) return { windowMinutes: 10, threshold: 3 };
    const rows: Array<{ w: number; t: number }> = await em.query(`SELECT pile_on_window_minutes AS w, pile_on_threshold AS t FROM moderation_settings WHERE community_id = $1`, [communityId]);
    return { windowMinutes: rows[0]?.w ?? 10, threshold: rows[0]?.t ?? 3 };
  }
}
