import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser } from '@hearth/common';
import { Transactions, Tx } from '@hearth/database';
import { NotificationsService } from '@hearth/notifications';
import { UsersService } from '@hearth/users';
import { GroupMember } from './entities/group-member.entity';
import { GroupJoinRequest, JoinRequestStatus } from './entities/group-join-request.entity';
import type { GroupContext } from './group-access';
import { GroupAccess } from './group-access.service';
import { GroupJoinChecks } from './group-join-checks';
import { GroupMembers } from './group-members';
import { groupErrors } from './groups.errors';
import { JoinRequestView, MyJoinRequestView } from './dto/group.view';

type RequestFields = Pick<GroupJoinRequest, 'id' | 'groupId' | 'message' | 'status' | 'decisionReason' | 'createdAt' | 'decidedAt'>;

/** The view a person gets of their own request. */
export function myJoinRequestView(r: RequestFields, groupName: string): MyJoinRequestView {
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

/** Asking to join an approval-only group, and the moderators' decision (with a reason the person sees). */
@Injectable()
export class GroupJoinRequestsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: GroupAccess,
    private readonly members: GroupMembers,
    private readonly joinChecks: GroupJoinChecks,
    private readonly users: UsersService,
    private readonly transactions: Transactions,
    private readonly notifications: NotificationsService,
  ) {}

  /**
   * A pending request (the existing one if there is one), inside the joining transaction.
   * The join checks run here too (via `join`), so someone who may not join is told now, not at approval.
   */
  async ask(tx: Tx, ctx: GroupContext, userId: string, message: string | undefined): Promise<GroupJoinRequest> {
    const { em } = tx;
    const existing = await em.findOne(GroupJoinRequest, { where: { groupId: ctx.id, userId, status: 'pending' } });
    if (existing) return existing;
    await this.joinChecks.assertAllowed(tx, { groupId: ctx.id, communityId: ctx.communityId, userId, via: 'join' });
    return em.save(em.create(GroupJoinRequest, { groupId: ctx.id, userId, message: message?.trim() || null, status: 'pending' }));
  }

  /** True when there was a pending request to withdraw. */
  async withdraw(em: EntityManager, groupId: string, userId: string): Promise<boolean> {
    const withdrawn = await em.delete(GroupJoinRequest, { groupId, userId, status: 'pending' });
    return !!withdrawn.affected;
  }

  async list(caller: AuthUser, groupId: string, status: JoinRequestStatus = 'pending'): Promise<JoinRequestView[]> {
    await this.access.require(caller, groupId, 'moderate', { doing: 'see join requests' });
    const requests = await this.dataSource.manager.find(GroupJoinRequest, { where: { groupId, status }, order: { createdAt: 'ASC' }, take: 200 });
    const names = await this.users.displayNames(requests.map((r) => r.userId));
    return requests.map((r) => this.view(r, names));
  }

  async approve(caller: AuthUser, groupId: string, requestId: string): Promise<JoinRequestView> {
    await this.transactions.run(async (tx) => {
      const { em } = tx;
      const { ctx, request } = await this.pending(tx, caller, groupId, requestId);
      const already = await em.count(GroupMember, { where: { groupId, userId: request.userId } });
      if (!already) await this.members.add(tx, ctx, request.userId, 'approve');
      await em.update(GroupJoinRequest, { id: request.id }, { status: 'approved', decidedBy: caller.id, decidedAt: new Date() });
      return this.notifications.create(tx, [{ userId: request.userId, kind: 'join_approved', data: { groupId, requestId, roomId: ctx.roomId } }]);
    });
    return this.viewById(groupId, requestId);
  }

  async decline(caller: AuthUser, groupId: string, requestId: string, reason: string): Promise<JoinRequestView> {
    await this.transactions.run(async (tx) => {
      const { request } = await this.pending(tx, caller, groupId, requestId);
      await tx.em.update(GroupJoinRequest, { id: request.id }, { status: 'declined', decidedBy: caller.id, decidedAt: new Date(), decisionReason: reason.trim() });
      // The reason itself stays on the request (GET /api/me/join-requests); the notification only points to it.
      return this.notifications.create(tx, [{ userId: request.userId, kind: 'join_declined', data: { groupId, requestId } }]);
    });
    return this.viewById(groupId, requestId);
  }

  /** My requests and their outcome, with the reason when declined. */
  async mine(caller: AuthUser): Promise<MyJoinRequestView[]> {
    const rows: Array<GroupJoinRequest & { groupName: string }> = await this.dataSource.query(
      `SELECT jr.id, jr.group_id AS "groupId", g.name AS "groupName", jr.message, jr.status, jr.decision_reason AS "decisionReason",
              jr.created_at AS "createdAt", jr.decided_at AS "decidedAt"
         FROM group_join_requests jr JOIN groups g ON g.id = jr.group_id
        WHERE jr.user_id = $1 ORDER BY jr.created_at DESC LIMIT 200`,
      [caller.id],
    );
    return rows.map((r) => myJoinRequestView(r, r.groupName));
  }

  private async pending(tx: Tx, caller: AuthUser, groupId: string, requestId: string) {
    const ctx = await this.access.require(caller, groupId, 'moderate', { em: tx.em, lock: true, writable: true, doing: 'decide join requests' });
    const request = await tx.em.findOne(GroupJoinRequest, { where: { id: requestId, groupId }, lock: { mode: 'pessimistic_write' } });
    if (!request) throw groupErrors.joinRequestNotFound();
    if (request.status !== 'pending') throw groupErrors.requestAlreadyDecided(request.status);
    return { ctx, request };
  }

  private async viewById(groupId: string, requestId: string): Promise<JoinRequestView> {
    const r = await this.dataSource.manager.findOneOrFail(GroupJoinRequest, { where: { id: requestId, groupId } });
    return this.view(r, await this.users.displayNames([r.userId]));
  }

  private view(r: GroupJoinRequest, names: Map<string, string>): JoinRequestView {
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
}
