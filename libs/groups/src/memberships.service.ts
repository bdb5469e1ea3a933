import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AppError, AuthUser, decodeCursor, encodeCursor, ErrorCode, forbidden, notFound, Page, PageQueryDto } from '@hearth/common';
import { Transactions, Tx } from '@hearth/database';
import { RoomsService } from '@hearth/chat';
import { NotificationsService } from '@hearth/notifications';
import { UsersService } from '@hearth/users';
import { GroupMember, GroupRole } from './entities/group-member.entity';
import { GroupJoinRequest } from './entities/group-join-request.entity';
import { GroupInvite } from './entities/group-invite.entity';
import { GroupContext, GroupsService } from './groups.service';
import { canAdminister, canModerate, canRemove, canSeeMembers, isStaff } from './group-access';
import { JoinGroupDto } from './dto/join-group.dto';
import { CreateInviteDto } from './dto/create-invite.dto';
import {
  CreatedInviteView,
  InvitePreviewView,
  InviteView,
  JoinRequestView,
  JoinResultView,
  MemberView,
  MyJoinRequestView,
} from './dto/group.view';

const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const inviteInvalid = () => new AppError(ErrorCode.INVITE_INVALID, 'This invite link is invalid, expired or revoked');

const toInviteView = (i: GroupInvite): InviteView => ({
  id: i.id,
  groupId: i.groupId,
  expiresAt: i.expiresAt.toISOString(),
  maxUses: i.maxUses,
  uses: i.uses,
  revokedAt: i.revokedAt?.toISOString() ?? null,
  createdAt: i.createdAt.toISOString(),
});

/**
 * Joining, leaving, requests, invites, roles. Every change to group membership changes
 * room membership in the same transaction, and is announced only after commit.
 */
@Injectable()
export class GroupMembershipsService {
  private readonly logger = new Logger('GroupMemberships');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly groups: GroupsService,
    private readonly rooms: RoomsService,
    private readonly users: UsersService,
    private readonly transactions: Transactions,
    private readonly notifications: NotificationsService,
  ) {}

  /** open: a membership; approval: a pending request; invite-only (or private): needs a valid invite token. */
  async join(caller: AuthUser, groupId: string, dto: JoinGroupDto): Promise<JoinResultView> {
    const outcome = await this.transactions.run(async (tx) => {
      const { em } = tx;
      const ctx = await this.groups.context(caller, groupId, em, true);
      if (dto.inviteToken !== undefined) {
        const invite = await this.findUsableInvite(em, dto.inviteToken);
        // A token for another group proves nothing about this one; do not reveal a private group either.
        if (!invite || invite.groupId !== groupId) {
          this.groups.assertVisible(ctx);
          throw inviteInvalid();
        }
        return this.admitWithInvite(tx, caller, ctx, invite);
      }
      this.groups.assertVisible(ctx);
      this.groups.assertWritable(ctx);
      if (ctx.actor.role) return { status: 'member' as const, request: null };
      // Staff manage the group; they do not need to ask.
      if (ctx.joinPolicy === 'open' || isStaff(ctx.actor)) {
        await this.addMember(tx, ctx, caller.id);
        return { status: 'member' as const, request: null };
      }
      if (ctx.joinPolicy === 'invite') {
        throw forbidden('This group is invite-only: ask a member or moderator for an invite link');
      }
      const existing = await em.findOne(GroupJoinRequest, { where: { groupId, userId: caller.id, status: 'pending' } });
      if (existing) return { status: 'pending' as const, request: existing };
      const request = await em.save(em.create(GroupJoinRequest, { groupId, userId: caller.id, message: dto.message?.trim() || null, status: 'pending' }));
      return { status: 'pending' as const, request };
    });
    return this.joinResult(caller, groupId, outcome.status, outcome.request);
  }

  async acceptInvite(caller: AuthUser, token: string): Promise<JoinResultView> {
    const groupId = await this.transactions.run(async (tx) => {
      const { em } = tx;
      const invite = await this.findUsableInvite(em, token);
      if (!invite) throw inviteInvalid();
      const ctx = await this.groups.context(caller, invite.groupId, em, true);
      await this.admitWithInvite(tx, caller, ctx, invite);
      return ctx.id;
    });
    return this.joinResult(caller, groupId, 'member', null);
  }

  /** What an invite leads to, so the person can decide before accepting (works for private groups: the token is the proof). */
  async previewInvite(token: string): Promise<InvitePreviewView> {
    const invite = await this.findUsableInvite(this.dataSource.manager, token);
    if (!invite) throw inviteInvalid();
    const rows: Array<{ id: string; name: string; description: string; community_id: string; community_name: string; community_slug: string; member_count: number; archived: boolean }> =
      await this.dataSource.query(
        `SELECT g.id, g.name, g.description, c.id AS community_id, c.name AS community_name, c.slug AS community_slug,
                (SELECT count(*) FROM group_members m WHERE m.group_id = g.id)::int AS member_count,
                (g.archived_at IS NOT NULL OR c.archived_at IS NOT NULL) AS archived
           FROM groups g JOIN communities c ON c.id = g.community_id WHERE g.id = $1`,
        [invite.groupId],
      );
    const g = rows[0];
    if (!g || g.archived) throw inviteInvalid();
    return {
      groupId: g.id,
      groupName: g.name,
      description: g.description,
      community: { id: g.community_id, name: g.community_name, slug: g.community_slug },
      memberCount: g.member_count,
      expiresAt: invite.expiresAt.toISOString(),
    };
  }

  /** Leaving also withdraws a pending request. The last owner cannot leave people without one. */
  async leave(caller: AuthUser, groupId: string): Promise<void> {
    await this.transactions.run(async (tx) => {
      const { em } = tx;
      const ctx = await this.groups.context(caller, groupId, em, true);
      this.groups.assertVisible(ctx);
      if (!ctx.actor.role) {
        const withdrawn = await em.delete(GroupJoinRequest, { groupId, userId: caller.id, status: 'pending' });
        if (withdrawn.affected) return;
        throw new AppError(ErrorCode.NOT_A_MEMBER, 'You are not a member of this group');
      }
      if (ctx.actor.role === 'owner') await this.assertNotLastOwner(em, groupId, caller.id, 'leave');
      await this.removeMembership(tx, ctx, caller.id, 'left');
    });
  }

  async listRequests(caller: AuthUser, groupId: string, status: 'pending' | 'approved' | 'declined' = 'pending'): Promise<JoinRequestView[]> {
    const ctx = await this.groups.context(caller, groupId);
    this.groups.assertVisible(ctx);
    if (!canModerate(ctx.actor)) throw forbidden('Only the group’s moderators, owners and community admins see join requests');
    const requests = await this.dataSource.manager.find(GroupJoinRequest, { where: { groupId, status }, order: { createdAt: 'ASC' }, take: 200 });
    const names = await this.displayNames(requests.map((r) => r.userId));
    return requests.map((r) => ({
      id: r.id,
      groupId: r.groupId,
      userId: r.userId,
      displayName: names.get(r.userId) ?? 'Former member',
      message: r.message,
      status: r.status,
      decisionReason: r.decisionReason,
      createdAt: r.createdAt.toISOString(),
      decidedAt: r.decidedAt?.toISOString() ?? null,
    }));
  }

  async approve(caller: AuthUser, groupId: string, requestId: string): Promise<JoinRequestView> {
    await this.transactions.run(async (tx) => {
      const { em } = tx;
      const { ctx, request } = await this.pendingRequest(em, caller, groupId, requestId);
      const already = await em.count(GroupMember, { where: { groupId, userId: request.userId } });
      if (!already) await this.addMember(tx, ctx, request.userId);
      await em.update(GroupJoinRequest, { id: request.id }, { status: 'approved', decidedBy: caller.id, decidedAt: new Date() });
      return this.notifications.create(tx, [{ userId: request.userId, kind: 'join_approved', data: { groupId, requestId, roomId: ctx.roomId } }]);
    });
    return this.requestView(groupId, requestId);
  }

  async decline(caller: AuthUser, groupId: string, requestId: string, reason: string): Promise<JoinRequestView> {
    await this.transactions.run(async (tx) => {
      const { em } = tx;
      const { request } = await this.pendingRequest(em, caller, groupId, requestId);
      await em.update(GroupJoinRequest, { id: request.id }, { status: 'declined', decidedBy: caller.id, decidedAt: new Date(), decisionReason: reason.trim() });
      // The reason itself stays on the request (GET /api/me/join-requests); the notification only points to it.
      return this.notifications.create(tx, [{ userId: request.userId, kind: 'join_declined', data: { groupId, requestId } }]);
    });
    return this.requestView(groupId, requestId);
  }

  /** My requests and their outcome, with the reason when declined. */
  async myRequests(caller: AuthUser): Promise<MyJoinRequestView[]> {
    const rows: Array<GroupJoinRequest & { groupName: string }> = await this.dataSource.query(
      `SELECT jr.id, jr.group_id AS "groupId", g.name AS "groupName", jr.message, jr.status, jr.decision_reason AS "decisionReason",
              jr.created_at AS "createdAt", jr.decided_at AS "decidedAt"
         FROM group_join_requests jr JOIN groups g ON g.id = jr.group_id
        WHERE jr.user_id = $1 ORDER BY jr.created_at DESC LIMIT 200`,
      [caller.id],
    );
    return rows.map((r) => this.myRequestView(r, r.groupName));
  }

  /** Display names and group roles only; for members and staff. */
  async members(caller: AuthUser, groupId: string, query: PageQueryDto): Promise<Page<MemberView>> {
    const ctx = await this.groups.context(caller, groupId);
    this.groups.assertVisible(ctx);
    if (!canSeeMembers(ctx.actor)) throw new AppError(ErrorCode.NOT_A_MEMBER, 'Only members can see who is in this group');
    const limit = query.limit ?? 50;
    const params: unknown[] = [groupId, limit + 1];
    let after = '';
    if (query.cursor) {
      const cur = decodeCursor(query.cursor, { t: 'string', u: 'string' });
      if (!UUID.test(cur.u) || Number.isNaN(Date.parse(cur.t))) throw new AppError(ErrorCode.INVALID_CURSOR, 'cursor is malformed; pass back nextCursor unchanged');
      params.push(cur.t, cur.u);
      after = `AND (m.joined_at, m.user_id) > ($3::timestamptz, $4::uuid)`;
    }
    const rows: Array<{ user_id: string; role: GroupRole; joined_at: Date; joined_key: string }> = await this.dataSource.query(
      `SELECT m.user_id, m.role, m.joined_at, to_char(m.joined_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS joined_key
         FROM group_members m WHERE m.group_id = $1 ${after}
        ORDER BY m.joined_at, m.user_id LIMIT $2`,
      params,
    );
    const page = rows.slice(0, limit);
    const names = await this.displayNames(page.map((r) => r.user_id));
    const last = page[page.length - 1];
    return {
      // Deleted accounts drop out of the list.
      items: page.flatMap((r) => (names.has(r.user_id) ? [{ userId: r.user_id, displayName: names.get(r.user_id)!, role: r.role, joinedAt: r.joined_at.toISOString() }] : [])),
      nextCursor: rows.length > limit && last ? encodeCursor({ t: last.joined_key, u: last.user_id }) : null,
    };
  }

  async changeRole(caller: AuthUser, groupId: string, userId: string, role: GroupRole): Promise<MemberView> {
    const member = await this.transactions.run(async (tx) => {
      const { em } = tx;
      const ctx = await this.groups.context(caller, groupId, em, true);
      this.groups.assertVisible(ctx);
      if (!canAdminister(ctx.actor)) throw forbidden('Only the group’s owners and community admins can change roles');
      this.groups.assertWritable(ctx);
      const target = await em.findOne(GroupMember, { where: { groupId, userId } });
      if (!target) throw notFound('Member');
      if (target.role === 'owner' && role !== 'owner') await this.assertNotLastOwner(em, groupId, userId, 'demote');
      target.role = role;
      return em.save(target);
    });
    const names = await this.displayNames([userId]);
    this.logger.log({ actorId: caller.id, groupId, userId, role }, 'Group role changed');
    return { userId, displayName: names.get(userId) ?? '', role: member.role, joinedAt: member.joinedAt.toISOString() };
  }

  async removeMember(caller: AuthUser, groupId: string, userId: string): Promise<void> {
    if (userId === caller.id) return this.leave(caller, groupId);
    await this.transactions.run(async (tx) => {
      const { em } = tx;
      const ctx = await this.groups.context(caller, groupId, em, true);
      this.groups.assertVisible(ctx);
      if (!canModerate(ctx.actor)) throw forbidden('Only the group’s moderators, owners and community admins can remove members');
      const target = await em.findOne(GroupMember, { where: { groupId, userId } });
      if (!target) throw notFound('Member');
      if (!canRemove(ctx.actor, target.role)) throw forbidden(`A ${ctx.actor.role} cannot remove a ${target.role}`);
      await this.removeMembership(tx, ctx, userId, 'removed');
    });
    this.logger.log({ actorId: caller.id, groupId, userId }, 'Group member removed');
  }

  async createInvite(caller: AuthUser, groupId: string, dto: CreateInviteDto): Promise<CreatedInviteView> {
    const ctx = await this.groups.context(caller, groupId);
    this.groups.assertVisible(ctx);
    if (!canModerate(ctx.actor)) throw forbidden('Only the group’s moderators, owners and community admins can create invite links');
    this.groups.assertWritable(ctx);
    const token = randomBytes(24).toString('base64url');
    const invite = await this.dataSource.manager.save(
      this.dataSource.manager.create(GroupInvite, {
        groupId,
        tokenHash: hashToken(token),
        createdBy: caller.id,
        expiresAt: new Date(Date.now() + (dto.expiresInHours ?? 168) * 3600 * 1000),
        maxUses: dto.maxUses ?? null,
        uses: 0,
      }),
    );
    return { ...toInviteView(invite), token };
  }

  async listInvites(caller: AuthUser, groupId: string): Promise<InviteView[]> {
    const ctx = await this.groups.context(caller, groupId);
    this.groups.assertVisible(ctx);
    if (!canModerate(ctx.actor)) throw forbidden('Only the group’s moderators, owners and community admins see invite links');
    const invites = await this.dataSource.manager.find(GroupInvite, { where: { groupId }, order: { createdAt: 'DESC' }, take: 200 });
    return invites.map(toInviteView);
  }

  /** Idempotent. */
  async revokeInvite(caller: AuthUser, groupId: string, inviteId: string): Promise<void> {
    const ctx = await this.groups.context(caller, groupId);
    this.groups.assertVisible(ctx);
    if (!canModerate(ctx.actor)) throw forbidden('Only the group’s moderators, owners and community admins can revoke invite links');
    const invite = await this.dataSource.manager.findOne(GroupInvite, { where: { id: inviteId, groupId } });
    if (!invite) throw notFound('Invite');
    if (!invite.revokedAt) await this.dataSource.manager.update(GroupInvite, { id: inviteId }, { revokedAt: new Date() });
  }

  // ---- internals ----

  private async admitWithInvite(tx: Tx, caller: AuthUser, ctx: GroupContext, invite: GroupInvite) {
    const { em } = tx;
    this.groups.assertWritable(ctx);
    if (ctx.actor.role) return { status: 'member' as const, request: null };
    await this.addMember(tx, ctx, caller.id);
    await em.query(`UPDATE group_invites SET uses = uses + 1 WHERE id = $1`, [invite.id]);
    // Any pending request is answered by the invite.
    await em.query(
      `UPDATE group_join_requests SET status = 'approved', decided_at = now() WHERE group_id = $1 AND user_id = $2 AND status = 'pending'`,
      [ctx.id, caller.id],
    );
    return { status: 'member' as const, request: null };
  }

  /** Locks the invite row so the last use of a limited invite cannot be taken twice. */
  private async findUsableInvite(em: EntityManager, token: string): Promise<GroupInvite | null> {
    const rows: Array<{ id: string }> = await em.query(
      `SELECT id FROM group_invites
        WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now() AND (max_uses IS NULL OR uses < max_uses)
        ${em.queryRunner?.isTransactionActive ? 'FOR UPDATE' : ''}`,
      [hashToken(token)],
    );
    return rows[0] ? em.findOne(GroupInvite, { where: { id: rows[0].id } }) : null;
  }

  /** Caller holds the group lock (context with lock), so the count cannot be overtaken. */
  private async addMember(tx: Tx, ctx: GroupContext, userId: string): Promise<void> {
    const { em } = tx;
    if (ctx.maxMembers !== null) {
      const count = await em.count(GroupMember, { where: { groupId: ctx.id } });
      if (count >= ctx.maxMembers) throw new AppError(ErrorCode.GROUP_FULL, `This group is full (${ctx.maxMembers} members)`);
    }
    await em.insert(GroupMember, { groupId: ctx.id, userId, role: 'member' });
    await this.rooms.addMember(tx, ctx.roomId, userId);
  }

  private async removeMembership(tx: Tx, ctx: GroupContext, userId: string, reason: 'left' | 'removed'): Promise<void> {
    await tx.em.delete(GroupMember, { groupId: ctx.id, userId });
    await this.rooms.removeMember(tx, ctx.roomId, userId, reason);
  }

  private async assertNotLastOwner(em: EntityManager, groupId: string, userId: string, action: 'leave' | 'demote'): Promise<void> {
    const owners = await em.count(GroupMember, { where: { groupId, role: 'owner' } });
    if (owners > 1) return;
    const members = await em.count(GroupMember, { where: { groupId } });
    if (action === 'leave' && members <= 1) return;
    throw new AppError(
      ErrorCode.CONFLICT,
      action === 'leave' ? 'You are the last owner: make someone else an owner before you leave' : 'A group needs an owner: make someone else an owner first',
      { userId },
    );
  }

  private async pendingRequest(em: EntityManager, caller: AuthUser, groupId: string, requestId: string) {
    const ctx = await this.groups.context(caller, groupId, em, true);
    this.groups.assertVisible(ctx);
    if (!canModerate(ctx.actor)) throw forbidden('Only the group’s moderators, owners and community admins decide join requests');
    this.groups.assertWritable(ctx);
    const request = await em.findOne(GroupJoinRequest, { where: { id: requestId, groupId }, lock: { mode: 'pessimistic_write' } });
    if (!request) throw notFound('Join request');
    if (request.status !== 'pending') throw new AppError(ErrorCode.CONFLICT, `This request was already ${request.status}`);
    return { ctx, request };
  }

  private async requestView(groupId: string, requestId: string): Promise<JoinRequestView> {
    const r = await this.dataSource.manager.findOneOrFail(GroupJoinRequest, { where: { id: requestId, groupId } });
    const names = await this.displayNames([r.userId]);
    return {
      id: r.id,
      groupId: r.groupId,
      userId: r.userId,
      displayName: names.get(r.userId) ?? 'Former member',
      message: r.message,
      status: r.status,
      decisionReason: r.decisionReason,
      createdAt: r.createdAt.toISOString(),
      decidedAt: r.decidedAt?.toISOString() ?? null,
    };
  }

  private myRequestView(r: Pick<GroupJoinRequest, 'id' | 'groupId' | 'message' | 'status' | 'decisionReason' | 'createdAt' | 'decidedAt'>, groupName: string): MyJoinRequestView {
    return {
      id: r.id,
      groupId: r.groupId,
      groupName,
      message: r.message,
      status: r.status,
      decisionReason: r.decisionReason,
      createdAt: new Date(r.createdAt).toISOString(),
      decidedAt: r.decidedAt ? new Date(r.decidedAt).toISOString() : null,
    };
  }

  private async joinResult(caller: AuthUser, groupId: string, status: 'member' | 'pending', request: GroupJoinRequest | null): Promise<JoinResultView> {
    const group = await this.groups.view(caller, groupId);
    return {
      status,
      message:
        status === 'member'
          ? `You are a member of ${group.name}`
          : `Your request to join ${group.name} is pending: its moderators will approve or decline it`,
      group,
      request: request ? this.myRequestView(request, group.name) : null,
    };
  }

  private async displayNames(userIds: string[]): Promise<Map<string, string>> {
    const users = await this.users.findByIds([...new Set(userIds)]);
    return new Map(users.filter((u) => u.status !== 'deleted').map((u) => [u.id, u.displayName]));
  }
}
