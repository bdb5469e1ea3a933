import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppError, AuthUser } from '@hearth/common';
import { AuditService } from '@hearth/audit';
import { AuthService } from '@hearth/auth';
import { MessagesService, RoomsService } from '@hearth/chat';
import { Transactions, Tx } from '@hearth/database';
import { GroupMembershipsService } from '@hearth/groups';
import { NewNotification, NotificationsService } from '@hearth/notifications';
import { UsersService } from '@hearth/users';
import { CaseRow, CasesService } from './cases.service';
import { CreateActionDto } from './dto/moderation.dto';
import { ActionView } from './dto/moderation.views';
import { moderationErrors } from './moderation.errors';
import { ActionKind, APPEALABLE, refusal, TargetStanding } from './moderation-policy';
import { isRoomModerator, ModerationScope, RoomScope } from './moderation-scope';

export interface ActionRow {
  id: string;
  action: ActionKind;
  actor_id: string | null;
  target_user_id: string | null;
  community_id: string | null;
  group_id: string | null;
  room_id: string | null;
  message_id: string | null;
  case_id: string | null;
  rule: string;
  reason: string;
  until: Date | null;
  lifted_at: Date | null;
  created_at: Date;
}

export const toActionView = (a: ActionRow): ActionView => ({
  id: a.id,
  action: a.action,
  targetUserId: a.target_user_id,
  roomId: a.room_id,
  communityId: a.community_id,
  messageId: a.message_id,
  caseId: a.case_id,
  rule: a.rule,
  reason: a.reason,
  until: a.until?.toISOString() ?? null,
  createdAt: a.created_at.toISOString(),
});

/** What an action is about, resolved from the request (case, message, room, person, community). */
interface Resolved {
  case: CaseRow | null;
  room: RoomScope | null;
  communityId: string | null;
  messageId: string | null;
  targetUserId: string | null;
  account: boolean;
  communityWide: boolean;
}

const NEEDS_TARGET: ReadonlySet<ActionKind> = new Set(['nudge', 'warn', 'hide', 'mute', 'remove', 'ban', 'suspend']);
const TAKES_DURATION: ReadonlySet<ActionKind> = new Set(['mute', 'ban', 'suspend']);

/**
 * The restorative ladder. Each action is one transaction: its effect (hide, mute,
 * remove, ban, suspend), its `moderation_actions` row, its append-only audit row,
 * the case and its reports resolved, reporters told the outcome, and the person's
 * notice — all commit together or not at all.
 */
@Injectable()
export class ActionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly scope: ModerationScope,
    private readonly cases: CasesService,
    private readonly messages: MessagesService,
    private readonly rooms: RoomsService,
    private readonly memberships: GroupMembershipsService,
    private readonly users: UsersService,
    private readonly auth: AuthService,
    private readonly notifications: NotificationsService,
  ) {}

  async take(caller: AuthUser, dto: CreateActionDto): Promise<ActionView> {
    const r = await this.resolve(caller, dto);
    await this.authorize(caller, dto.action, r);
    // A prompt or warning about a person (not a message or case) is for someone in the room; a ban may come before they join.
    if ((dto.action === 'nudge' || dto.action === 'warn') && !r.case && !r.messageId && r.room && !(await this.scope.isRoomMember(r.room.roomId, r.targetUserId!))) {
      throw moderationErrors.notMember();
    }
    const until = dto.durationMinutes ? new Date(Date.now() + dto.durationMinutes * 60_000) : null;
    return this.transactions.run(async (tx) => {
      const { em } = tx;
      if (r.case) {
        const [c]: Array<{ status: string }> = await em.query(`SELECT status FROM moderation_cases WHERE id = $1 FOR UPDATE`, [r.case.id]);
        if (c.status !== 'open') throw moderationErrors.caseClosed();
      }
      await this.apply(tx, dto.action, r, until);
      const [row]: ActionRow[] = await em.query(
        `INSERT INTO moderation_actions (action, actor_id, target_user_id, community_id, group_id, room_id, message_id, case_id, rule, reason, until)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING *`,
        [dto.action, caller.id, r.targetUserId, r.communityId, r.room?.groupId ?? null, r.room?.roomId ?? null, r.messageId, r.case?.id ?? null, dto.rule, dto.reason, until],
      );
      await this.audit.record(tx, {
        action: `moderation.${dto.action}`,
        actorId: caller.id,
        subjectUserId: r.targetUserId,
        communityId: r.communityId,
        roomId: r.room?.roomId ?? null,
        targetType: r.messageId ? 'message' : r.case ? 'case' : r.targetUserId ? 'user' : null,
        targetId: r.messageId ?? r.case?.id ?? r.targetUserId,
        rule: dto.rule,
        reason: dto.reason,
        until,
        details: { actionId: row.id, caseId: r.case?.id ?? null, ...(r.account ? { scope: 'account' } : r.communityWide ? { scope: 'community' } : {}) },
      });
      if (r.case) await this.resolveCase(tx, r.case, row);
      if (r.targetUserId && dto.action !== 'dismiss') {
        const appealable = APPEALABLE.has(dto.action);
        await this.notifications.create(tx, [{ userId: r.targetUserId, kind: 'moderation', data: { actionId: row.id, action: dto.action, roomId: row.room_id, communityId: row.community_id } }]);
        tx.emit('moderation.notice', {
          userId: r.targetUserId,
          actionId: row.id,
          action: dto.action,
          roomId: row.room_id,
          communityId: row.community_id,
          until: until?.toISOString() ?? null,
          rule: dto.rule,
          reason: dto.reason,
          appealable,
        });
      }
      return toActionView(row);
    });
  }

  private async resolve(caller: AuthUser, dto: CreateActionDto): Promise<Resolved> {
    const need = (cond: unknown, field: string, message: string) => {
      if (!cond) throw moderationErrors.invalid(field, message);
    };
    if (dto.durationMinutes !== undefined) need(TAKES_DURATION.has(dto.action), 'durationMinutes', `does not apply to ${dto.action}`);
    if (dto.action === 'mute') need(dto.durationMinutes !== undefined, 'durationMinutes', 'is required for mute (1 minute to 30 days)');
    if (dto.action === 'dismiss') need(dto.caseId, 'caseId', 'is required to dismiss');
    if (dto.action === 'hide') need(dto.messageId || dto.caseId, 'messageId', 'is required to hide');
    need(dto.action === 'suspend' || !dto.communityId, 'communityId', 'applies to suspend only');

    let c: CaseRow | null = null;
    let roomId = dto.roomId ?? null;
    let messageId = dto.messageId ?? null;
    let targetUserId = dto.targetUserId ?? null;
    if (dto.caseId) {
      c = await this.cases.caseInScope(caller, dto.caseId);
      if (c.status !== 'open') throw moderationErrors.caseClosed();
      if (roomId && roomId !== c.room_id) throw moderationErrors.invalid('roomId', 'is not the room of this case');
      roomId = c.room_id;
      messageId = messageId ?? c.message_id;
      targetUserId = targetUserId ?? c.target_user_id;
    }
    if (messageId) {
      const ref = await this.messages.findRef(messageId);
      if (!ref) throw moderationErrors.messageNotFound();
      if (roomId && ref.roomId !== roomId) throw moderationErrors.invalid('messageId', 'is a message from another room');
      roomId = ref.roomId;
      if (targetUserId && ref.authorId !== targetUserId) throw moderationErrors.invalid('targetUserId', 'is not the author of the message');
      targetUserId = ref.authorId;
    }
    if (NEEDS_TARGET.has(dto.action)) need(targetUserId, 'targetUserId', `is required for ${dto.action}`);
    if (targetUserId && !(await this.users.findById(targetUserId))) throw moderationErrors.userNotFound();

    if (dto.action === 'suspend' && !dto.caseId && !dto.roomId && !dto.messageId) {
      if (dto.communityId) {
        if (!(await this.scope.communityExists(dto.communityId))) throw moderationErrors.communityNotFound();
        return { case: null, room: null, communityId: dto.communityId, messageId: null, targetUserId, account: false, communityWide: true };
      }
      return { case: null, room: null, communityId: null, messageId: null, targetUserId, account: true, communityWide: false };
    }
    need(roomId, 'roomId', `is required for ${dto.action} (or give a caseId or messageId)`);
    const room = await this.scope.room(roomId!);
    if (!room) throw moderationErrors.roomNotFound();
    if (dto.action === 'suspend') {
      // Suspension from the room's community (or the account, for rooms outside any community).
      if (dto.communityId && dto.communityId !== room.communityId) throw moderationErrors.invalid('communityId', 'is not the community of this room');
      return { case: c, room, communityId: room.communityId, messageId, targetUserId, account: !room.communityId, communityWide: !!room.communityId };
    }
    return { case: c, room, communityId: room.communityId, messageId, targetUserId, account: false, communityWide: false };
  }

  private async authorize(caller: AuthUser, action: ActionKind, r: Resolved): Promise<void> {
    const standing = await this.scope.standing(caller, { groupId: r.room?.groupId ?? null, communityId: r.communityId });
    const roomModerator = r.room ? isRoomModerator(r.room, standing) : false;
    let target: TargetStanding | null = null;
    if (r.targetUserId) {
      const t = await this.scope.standing({ id: r.targetUserId, role: (await this.users.findById(r.targetUserId))?.role ?? 'member' }, { groupId: r.room?.groupId ?? null, communityId: r.communityId });
      target = { self: r.targetUserId === caller.id, groupRole: t.groupRole, communityAdmin: t.communityAdmin, platformAdmin: t.platformAdmin };
    }
    const why = refusal(action, { groupId: r.room?.groupId ?? null, communityWide: r.communityWide, account: r.account }, { ...standing, roomModerator }, target);
    if (why) throw moderationErrors.notInScope(why);
  }

  private async apply(tx: Tx, action: ActionKind, r: Resolved, until: Date | null): Promise<void> {
    const target = r.targetUserId!;
    switch (action) {
      case 'dismiss':
        // Dismissing a held message's case approves it: the room gets it now.
        if (r.case?.kind === 'hold' && r.messageId) await this.messages.setHeld(tx, r.messageId, false);
        return;
      case 'nudge':
      case 'warn':
        return;
      case 'hide':
        await this.messages.setHidden(tx, r.messageId!, true);
        return;
      case 'mute':
        if (!(await this.rooms.setMute(tx, r.room!.roomId, target, until))) throw moderationErrors.notMember();
        return;
      case 'remove':
        if (!(await this.memberships.removeWithin(tx, r.room!.groupId!, target, 'removed'))) throw moderationErrors.notMember();
        return;
      case 'ban':
        await this.memberships.removeWithin(tx, r.room!.groupId!, target, 'banned');
        return;
      case 'suspend':
        if (r.communityWide) {
          for (const g of await this.scope.groupsOfCommunity(r.communityId!, target, tx.em)) await this.memberships.removeWithin(tx, g.groupId, target, 'removed');
          return;
        }
        await this.users.setRoleAndStatus(target, { status: 'suspended' }, tx.em);
        await this.auth.revokeSessions({ userId: target, sessionIds: 'all', reason: 'suspended' }, tx);
        return;
      default: {
        const never: never = action;
        throw new Error(`Unhandled action ${String(never)}`);
      }
    }
  }

  /** Resolves the case and its reports, and tells each reporter the outcome (the action, nothing about the other person). */
  private async resolveCase(tx: Tx, c: CaseRow, action: ActionRow): Promise<void> {
    await tx.em.query(
      `UPDATE moderation_cases SET status = 'resolved', resolved_by = $2, resolved_at = now(), outcome = $3, action_id = $4, updated_at = now() WHERE id = $1`,
      [c.id, action.actor_id, action.action, action.id],
    );
    const [reports]: [Array<{ id: string; reporter_id: string }>, number] = await tx.em.query(
      `UPDATE moderation_reports SET status = 'resolved', outcome = $2 WHERE case_id = $1 AND status = 'open' RETURNING id, reporter_id`,
      [c.id, action.action],
    );
    const told: NewNotification[] = reports.map((rep) => ({ userId: rep.reporter_id, kind: 'report_outcome', data: { reportId: rep.id, caseId: c.id, outcome: action.action } }));
    await this.notifications.create(tx, told);
  }

  /**
   * Lifts a restriction (a granted appeal), in the caller's transaction: the mute ends,
   * the message comes back, the ban or suspension stops applying, the account is restored.
   */
  async lift(tx: Tx, a: ActionRow, by: string): Promise<void> {
    await tx.em.query(`UPDATE moderation_actions SET lifted_at = now(), lifted_by = $2 WHERE id = $1`, [a.id, by]);
    if (a.action === 'mute' && a.room_id && a.target_user_id) await this.rooms.setMute(tx, a.room_id, a.target_user_id, null);
    if (a.action === 'hide' && a.message_id) await this.messages.setHidden(tx, a.message_id, false);
    if (a.action === 'suspend' && !a.community_id && a.target_user_id) await this.restoreAccount(tx, a.target_user_id);
  }

  private async restoreAccount(tx: Tx, userId: string): Promise<void> {
    const u = await this.users.findById(userId);
    if (u?.status === 'suspended') await this.users.setRoleAndStatus(userId, { status: 'active' }, tx.em);
  }

  /** Account suspensions with an end: restored when it passes (run by the sweeper on any instance; idempotent). */
  async liftExpiredAccountSuspensions(): Promise<number> {
    const rows: ActionRow[] = await this.dataSource.query(
      `SELECT * FROM moderation_actions WHERE action = 'suspend' AND community_id IS NULL AND lifted_at IS NULL AND until IS NOT NULL AND until <= now() LIMIT 100`,
    );
    for (const a of rows) {
      await this.transactions.run(async (tx) => {
        const [locked]: ActionRow[] = await tx.em.query(`SELECT * FROM moderation_actions WHERE id = $1 AND lifted_at IS NULL FOR UPDATE SKIP LOCKED`, [a.id]);
        if (!locked) return;
        await tx.em.query(`UPDATE moderation_actions SET lifted_at = now() WHERE id = $1`, [a.id]);
        // Only if no other account suspension is still running.
        const [other]: Array<{ n: number }> = await tx.em.query(
          `SELECT count(*)::int AS n FROM moderation_actions WHERE action = 'suspend' AND community_id IS NULL AND lifted_at IS NULL AND target_user_id = $1 AND (until IS NULL OR until > now())`,
          [a.target_user_id],
        );
        if (!other.n && a.target_user_id) await this.restoreAccount(tx, a.target_user_id);
        await this.audit.record(tx, { action: 'moderation.suspend.expired', subjectUserId: a.target_user_id, targetType: 'action', targetId: a.id });
      });
    }
    return rows.length;
  }

  /** The registered group join check: nobody is added to a group while banned from it or suspended from its community. */
  async joinRefusal(tx: Tx, attempt: { groupId: string; userId: string }): Promise<AppError | undefined> {
    try {
      await this.assertMayJoinGroup(attempt.userId, attempt.groupId, tx.em);
      return undefined;
    } catch (e) {
      if (e instanceof AppError) return e;
      throw e;
    }
  }

  /** Whether the person may be added to the group: not while banned from it or suspended from its community. */
  async assertMayJoinGroup(userId: string, groupId: string, em: EntityManager = this.dataSource.manager): Promise<void> {
    const rows: Array<{ action: string; until: Date | null }> = await em.query(
      `SELECT a.action, a.until FROM moderation_actions a
        WHERE a.target_user_id = $1 AND a.lifted_at IS NULL AND (a.until IS NULL OR a.until > now())
          AND ((a.action = 'ban' AND a.group_id = $2)
            OR (a.action = 'suspend' AND a.community_id = (SELECT community_id FROM groups WHERE id = $2)))
        ORDER BY a.until DESC NULLS FIRST LIMIT 1`,
      [userId, groupId],
    );
    const a = rows[0];
    if (!a) return;
    throw a.action === 'ban' ? moderationErrors.banned(a.until) : moderationErrors.suspendedFromCommunity(a.until);
  }

  async findAction(actionId: string, em: EntityManager = this.dataSource.manager, lock = false): Promise<ActionRow | null> {
    const rows: ActionRow[] = await em.query(`SELECT * FROM moderation_actions WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [actionId]);
    return rows[0] ?? null;
  }

}
