import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser, cursorTimestampSql, keyset, Page, PageQueryDto } from '@hearth/common';
import { Transactions, Tx } from '@hearth/database';
import { UsersService } from '@hearth/users';
import { GroupMember, GroupRole } from './entities/group-member.entity';
import { GroupAccess } from './group-access.service';
import { canRemove, isStaff } from './group-access';
import { GroupMembers } from './group-members';
import { GroupInvitesService } from './invites.service';
import { GroupJoinRequestsService } from './join-requests.service';
import { GroupsService } from './groups.service';
import { groupErrors } from './groups.errors';
import { JoinGroupDto } from './dto/join-group.dto';
import { JoinResultView, MemberView } from './dto/group.view';

/**
 * Who is in a group: joining, leaving, member lists, roles, removal. Requests and
 * invites have their own services; every addition goes through `GroupMembers`.
 */
@Injectable()
export class GroupMembershipsService {
  private readonly logger = new Logger('GroupMemberships');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: GroupAccess,
    private readonly members: GroupMembers,
    private readonly groups: GroupsService,
    private readonly requests: GroupJoinRequestsService,
    private readonly invites: GroupInvitesService,
    private readonly users: UsersService,
    private readonly transactions: Transactions,
  ) {}

  /** open: a membership; approval: a pending request; invite-only (or private): needs a valid invite token. */
  async join(caller: AuthUser, groupId: string, dto: JoinGroupDto): Promise<JoinResultView> {
    if (dto.inviteToken !== undefined) return this.invites.joinWithToken(caller, groupId, dto.inviteToken);
    const outcome = await this.transactions.run(async (tx) => {
      const ctx = await this.access.require(caller, groupId, 'view', { em: tx.em, lock: true, writable: true });
      if (ctx.actor.role) return { status: 'member' as const, request: null };
      // Staff manage the group; they do not need to ask.
      if (ctx.joinPolicy === 'open' || isStaff(ctx.actor)) {
        await this.members.add(tx, ctx, caller.id, 'join');
        return { status: 'member' as const, request: null };
      }
      if (ctx.joinPolicy === 'invite') throw groupErrors.inviteOnly();
      return { status: 'pending' as const, request: await this.requests.ask(tx, ctx, caller.id, dto.message) };
    });
    return this.groups.joinResult(caller, groupId, outcome.status, outcome.request);
  }

  /** Leaving also withdraws a pending request. The last owner cannot leave people without one. */
  async leave(caller: AuthUser, groupId: string): Promise<void> {
    await this.transactions.run(async (tx) => {
      const { em } = tx;
      const ctx = await this.access.require(caller, groupId, 'view', { em, lock: true });
      if (!ctx.actor.role) {
        if (await this.requests.withdraw(em, groupId, caller.id)) return;
        throw groupErrors.notAMember();
      }
      if (ctx.actor.role === 'owner') await this.assertNotLastOwner(em, groupId, caller.id, 'leave');
      await this.members.remove(tx, ctx, caller.id, 'left');
    });
  }

  /** Display names and group roles only; for members and staff. */
  async list(caller: AuthUser, groupId: string, query: PageQueryDto): Promise<Page<MemberView>> {
    await this.access.require(caller, groupId, 'see-members');
    const page = keyset(query, { t: 'string', u: 'uuid' }, 50);
    const params: unknown[] = [groupId, page.take];
    if (page.after) params.push(page.after.t, page.after.u);
    const rows: Array<{ user_id: string; role: GroupRole; joined_at: Date; joined_key: string }> = await this.dataSource.query(
      `SELECT m.user_id, m.role, m.joined_at, ${cursorTimestampSql('m.joined_at')} AS joined_key
         FROM group_members m WHERE m.group_id = $1 ${page.after ? 'AND (m.joined_at, m.user_id) > ($3::timestamptz, $4::uuid)' : ''}
        ORDER BY m.joined_at, m.user_id LIMIT $2`,
      params,
    );
    const { rows: kept, nextCursor } = page.page(rows, (last) => ({ t: last.joined_key, u: last.user_id }));
    const names = await this.users.displayNames(kept.map((r) => r.user_id));
    return {
      // Deleted accounts drop out of the list.
      items: kept.flatMap((r) => (names.has(r.user_id) ? [{ userId: r.user_id, displayName: names.get(r.user_id)!, role: r.role, joinedAt: r.joined_at.toISOString() }] : [])),
      nextCursor,
    };
  }

  /**
   * Owners and staff change roles. A community admin (or platform admin) may also make a
   * verified peer worker (platform role `peer`) a moderator of a group they are not in yet:
   * that joins them, as the moderation contract says.
   */
  async changeRole(caller: AuthUser, groupId: string, userId: string, role: GroupRole): Promise<MemberView> {
    const member = await this.transactions.run(async (tx) => {
      const { em } = tx;
      const ctx = await this.access.require(caller, groupId, 'administer', { em, lock: true, writable: true, doing: 'can change roles' });
      const target = await em.findOne(GroupMember, { where: { groupId, userId } });
      if (!target) {
        const person = role === 'moderator' && isStaff(ctx.actor) ? await this.users.findById(userId, em) : null;
        if (person?.role !== 'peer' || person.status !== 'active') throw groupErrors.memberNotFound();
        await this.members.add(tx, ctx, userId, 'role', role);
        return em.findOneOrFail(GroupMember, { where: { groupId, userId } });
      }
      if (target.role === 'owner' && role !== 'owner') await this.assertNotLastOwner(em, groupId, userId, 'demote');
      target.role = role;
      return em.save(target);
    });
    const names = await this.users.displayNames([userId]);
    this.logger.log({ actorId: caller.id, groupId, userId, role }, 'Group role changed');
    return { userId, displayName: names.get(userId) ?? '', role: member.role, joinedAt: member.joinedAt.toISOString() };
  }

  async remove(caller: AuthUser, groupId: string, userId: string): Promise<void> {
    if (userId === caller.id) return this.leave(caller, groupId);
    await this.transactions.run(async (tx) => {
      const { em } = tx;
      const ctx = await this.access.require(caller, groupId, 'moderate', { em, lock: true, doing: 'can remove members' });
      const target = await em.findOne(GroupMember, { where: { groupId, userId } });
      if (!target) throw groupErrors.memberNotFound();
      if (!canRemove(ctx.actor, target.role)) throw groupErrors.cannotRemove(ctx.actor.role, target.role);
      await this.members.remove(tx, ctx, userId, 'removed');
    });
    this.logger.log({ actorId: caller.id, groupId, userId }, 'Group member removed');
  }

  /**
   * For moderation, inside its own transaction (so the action and its audit row commit together):
   * takes someone out of a group and its room (their sockets leave it on every instance after commit).
   * No permission check: the caller has decided. False when they were not a member.
   */
  async removeWithin(tx: Tx, groupId: string, userId: string, reason: 'removed' | 'banned' = 'removed'): Promise<boolean> {
    const rows: Array<{ id: string; room_id: string; community_id: string; max_members: number | null }> = await tx.em.query(
      `SELECT id, room_id, community_id, max_members FROM groups WHERE id = $1 FOR UPDATE`,
      [groupId],
    );
    const g = rows[0];
    if (!g) throw groupErrors.groupNotFound();
    if (!(await tx.em.count(GroupMember, { where: { groupId, userId } }))) return false;
    await this.members.remove(tx, { id: g.id, roomId: g.room_id, communityId: g.community_id, maxMembers: g.max_members }, userId, reason);
    return true;
  }

  private async assertNotLastOwner(em: EntityManager, groupId: string, userId: string, action: 'leave' | 'demote'): Promise<void> {
    const owners = await em.count(GroupMember, { where: { groupId, role: 'owner' } });
    if (owners > 1) return;
    const members = await em.count(GroupMember, { where: { groupId } });
    if (action === 'leave' && members <= 1) return;
    throw groupErrors.lastOwner(userId, action);
  }
}

