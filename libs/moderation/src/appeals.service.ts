import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser, decodeCursor, encodeCursor, isPlatformAdmin } from '@hearth/common';
import { AuditService } from '@hearth/audit';
import { Transactions } from '@hearth/database';
import { NotificationsService } from '@hearth/notifications';
import { ActionRow, ActionsService, toActionView } from './actions.service';
import { AppealDecisionDto, AppealDto, ListAppealsDto } from './dto/moderation.dto';
import { AppealListView, AppealView, RestrictionListView } from './dto/moderation.views';
import { moderationErrors } from './moderation.errors';
import { APPEALABLE } from './moderation-policy';
import { ModerationScope } from './moderation-scope';

interface AppealRow {
  id: string;
  action_id: string;
  user_id: string;
  statement: string;
  status: 'pending' | 'granted' | 'denied';
  decided_by: string | null;
  decision_reason: string | null;
  created_at: Date;
  created_key?: string;
}

const toAppealView = (a: AppealRow, action?: ActionRow): AppealView => ({
  id: a.id,
  actionId: a.action_id,
  userId: a.user_id,
  statement: a.statement,
  status: a.status,
  decisionReason: a.decision_reason,
  decidedBy: a.decided_by,
  createdAt: a.created_at.toISOString(),
  ...(action ? { actionTaken: toActionView(action) } : {}),
});

/** Warnings, hidden messages and removals stay listed this long; mutes, bans and suspensions while they run. */
const RECENT_DAYS = 30;

/**
 * No hidden punishment: the person sees every restriction with its rule, reason and
 * end, and appeals each once; a community admin other than the one who acted decides.
 */
@Injectable()
export class AppealsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly actions: ActionsService,
    private readonly scope: ModerationScope,
    private readonly notifications: NotificationsService,
  ) {}

  async restrictions(caller: AuthUser): Promise<RestrictionListView> {
    const rows: Array<ActionRow & { appeal_status: string | null }> = await this.dataSource.query(
      `SELECT a.*, ap.status AS appeal_status FROM moderation_actions a LEFT JOIN moderation_appeals ap ON ap.action_id = a.id
        WHERE a.target_user_id = $1 AND a.lifted_at IS NULL AND a.action = ANY($2::text[])
          AND CASE WHEN a.action IN ('mute','ban','suspend') THEN a.until IS NULL OR a.until > now()
                   ELSE a.created_at > now() - make_interval(days => $3) END
        ORDER BY a.created_at DESC LIMIT 200`,
      [caller.id, [...APPEALABLE], RECENT_DAYS],
    );
    return {
      items: rows.map((a) => ({
        actionId: a.id,
        action: a.action,
        roomId: a.room_id,
        communityId: a.community_id,
        until: a.until?.toISOString() ?? null,
        rule: a.rule,
        reason: a.reason,
        appealable: a.appeal_status === null,
        appealStatus: a.appeal_status,
        createdAt: a.created_at.toISOString(),
      })),
    };
  }

  async appeal(caller: AuthUser, actionId: string, dto: AppealDto): Promise<AppealView> {
    return this.transactions.run(async (tx) => {
      const a = await this.actions.findAction(actionId, tx.em, true);
      // Only the person acted on can appeal; to anyone else the action does not exist.
      if (!a || a.target_user_id !== caller.id) throw moderationErrors.actionNotFound();
      const existing: unknown[] = await tx.em.query(`SELECT 1 FROM moderation_appeals WHERE action_id = $1`, [actionId]);
      if (existing.length) throw moderationErrors.alreadyAppealed();
      if (!APPEALABLE.has(a.action) || a.lifted_at) throw moderationErrors.notAppealable();
      const [row]: AppealRow[] = await tx.em.query(`INSERT INTO moderation_appeals (action_id, user_id, statement) VALUES ($1, $2, $3) RETURNING *`, [actionId, caller.id, dto.statement]);
      await this.audit.record(tx, {
        action: 'appeal.filed',
        actorId: caller.id,
        subjectUserId: caller.id,
        communityId: a.community_id,
        roomId: a.room_id,
        targetType: 'action',
        targetId: a.id,
        details: { appealId: row.id },
      });
      const deciders = (await this.decidersFor(a)).filter((id) => id !== a.actor_id);
      await this.notifications.create(tx, deciders.map((userId) => ({ userId, kind: 'appeal_filed' as const, data: { appealId: row.id, actionId: a.id } })));
      return toAppealView(row);
    });
  }

  /** Community actions: that community's admins; account-wide and direct-room actions: platform admins. */
  private async decidersFor(a: ActionRow): Promise<string[]> {
    if (a.community_id) return this.scope.communityAdmins(a.community_id);
    return this.scope.platformAdmins();
  }

  private async canDecide(caller: AuthUser, a: ActionRow): Promise<boolean> {
    if (a.community_id) return isPlatformAdmin(caller) || (await this.scope.isCommunityAdmin(caller.id, a.community_id));
    return isPlatformAdmin(caller);
  }

  async list(caller: AuthUser, q: ListAppealsDto): Promise<AppealListView> {
    const limit = q.limit ?? 20;
    const params: unknown[] = [caller.id, q.status ?? 'pending'];
    const where = [`ap.status = $2`];
    where.push(isPlatformAdmin(caller) ? `$1::uuid IS NOT NULL` : `a.community_id IN (SELECT community_id FROM community_admins WHERE user_id = $1)`);
    if (q.cursor) {
      const k = decodeCursor(q.cursor, { t: 'string', id: 'string' });
      params.push(k.t, k.id);
      where.push(`(ap.created_at, ap.id) > ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(limit + 1);
    const rows: Array<AppealRow & { a: ActionRow }> = await this.dataSource.query(
      `SELECT ap.*, to_char(ap.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_key, row_to_json(a) AS a
         FROM moderation_appeals ap JOIN moderation_actions a ON a.id = ap.action_id
        WHERE ${where.join(' AND ')} ORDER BY ap.created_at, ap.id LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const fix = (a: ActionRow & Record<string, unknown>): ActionRow => ({
      ...a,
      until: a.until ? new Date(a.until as unknown as string) : null,
      created_at: new Date(a.created_at as unknown as string),
      lifted_at: a.lifted_at ? new Date(a.lifted_at as unknown as string) : null,
    });
    return {
      items: page.map((r) => toAppealView(r, fix(r.a as ActionRow & Record<string, unknown>))),
      nextCursor: rows.length > limit && last ? encodeCursor({ t: last.created_key!, id: last.id }) : null,
    };
  }

  async decide(caller: AuthUser, appealId: string, dto: AppealDecisionDto): Promise<AppealView> {
    return this.transactions.run(async (tx) => {
      const rows: AppealRow[] = await tx.em.query(`SELECT * FROM moderation_appeals WHERE id = $1 FOR UPDATE`, [appealId]);
      const ap = rows[0];
      if (!ap) throw moderationErrors.appealNotFound();
      const a = (await this.actions.findAction(ap.action_id, tx.em, true))!;
      if (!(await this.canDecide(caller, a))) throw moderationErrors.notInScope('Appeals are decided by the community’s admins (platform admins for account-wide actions)');
      if (a.actor_id === caller.id) throw moderationErrors.sameAdmin();
      if (ap.user_id === caller.id) throw moderationErrors.notInScope('You cannot decide your own appeal');
      if (ap.status !== 'pending') throw moderationErrors.appealDecided();
      const [updated]: [AppealRow[], number] = await tx.em.query(
        `UPDATE moderation_appeals SET status = $2, decided_by = $3, decision_reason = $4, decided_at = now() WHERE id = $1 RETURNING *`,
        [appealId, dto.outcome, caller.id, dto.reason],
      );
      if (dto.outcome === 'granted') await this.actions.lift(tx, a, caller.id);
      await this.audit.record(tx, {
        action: `appeal.${dto.outcome}`,
        actorId: caller.id,
        subjectUserId: ap.user_id,
        communityId: a.community_id,
        roomId: a.room_id,
        targetType: 'action',
        targetId: a.id,
        reason: dto.reason,
        details: { appealId, lifted: dto.outcome === 'granted' },
      });
      await this.notifications.create(tx, [{ userId: ap.user_id, kind: 'appeal_decided', data: { appealId, actionId: a.id, outcome: dto.outcome } }]);
      if (dto.outcome === 'granted') {
        tx.emit('moderation.notice', {
          userId: ap.user_id,
          actionId: a.id,
          action: a.action,
          roomId: a.room_id,
          communityId: a.community_id,
          until: null,
          rule: a.rule,
          reason: dto.reason,
          appealable: false,
          lifted: true,
        });
      }
      return toAppealView(updated[0], { ...a, lifted_at: dto.outcome === 'granted' ? new Date() : a.lifted_at });
    });
  }
}
