import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser, isPlatformAdmin } from '@hearth/common';
import { CommunitiesService } from '@hearth/communities';
import { UsersService } from '@hearth/users';
import type { GroupRole } from './entities/group-member.entity';
import type { GroupVisibility, JoinPolicy } from './entities/group.entity';
import { GroupContext, groupAccessError, GroupPermission, groupWriteError } from './group-access';
import { groupErrors } from './groups.errors';

export interface GroupAccessOptions {
  /** Run inside this transaction. */
  em?: EntityManager;
  /** Lock the group row (FOR UPDATE): serialises membership changes on the group. Needs `em` in a transaction. */
  lock?: boolean;
  /** Also refuse when the group or its community is archived (after the permission check). */
  writable?: boolean;
  /** Finishes the refusal for moderate/administer, e.g. "can archive it". */
  doing?: string;
}

/** Someone who moderates a group's room: the group's moderators and owners, and its community's admins. */
export interface RoomModerator {
  userId: string;
  /** Their role in the group, if they are in it. */
  groupRole: GroupRole | null;
  communityAdmin: boolean;
}

/**
 * Access to a group in one line at the top of a service method (in the spirit of
 * immich's `requireAccess`): `const ctx = await this.access.require(caller, groupId, 'moderate', { em, lock: true })`.
 * The rules themselves are the pure, unit-tested `groupAccessError` in group-access.ts.
 */
@Injectable()
export class GroupAccess {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly communities: CommunitiesService,
    private readonly users: UsersService,
  ) {}

  /** The group and who the caller is to it, or 404 (private groups the caller may not see included). */
  async require(caller: AuthUser, groupId: string, permission: GroupPermission, options: GroupAccessOptions = {}): Promise<GroupContext> {
    const ctx = await this.load(caller, groupId, options);
    const refused = groupAccessError(ctx, permission, options.doing) ?? (options.writable ? groupWriteError(ctx) : null);
    if (refused) throw refused;
    return ctx;
  }

  /** The group and who the caller is to it, without a decision (for flows whose first check is something else, e.g. an invite token). */
  async load(caller: AuthUser, groupId: string, { em = this.dataSource.manager, lock = false }: GroupAccessOptions = {}): Promise<GroupContext> {
    const rows: Array<{
      id: string;
      room_id: string;
      community_id: string;
      name: string;
      visibility: GroupVisibility;
      join_policy: JoinPolicy;
      max_members: number | null;
      archived_at: Date | null;
      community_archived_at: Date | null;
      role: GroupRole | null;
    }> = await em.query(
      `SELECT g.id, g.room_id, g.community_id, g.name, g.visibility, g.join_policy, g.max_members, g.archived_at,
              c.archived_at AS community_archived_at,
              (SELECT m.role FROM group_members m WHERE m.group_id = g.id AND m.user_id = $2) AS role
         FROM groups g JOIN communities c ON c.id = g.community_id
        WHERE g.id = $1 ${lock ? 'FOR UPDATE OF g' : ''}`,
      [groupId, caller.id],
    );
    const g = rows[0];
    if (!g) throw groupErrors.groupNotFound();
    return {
      id: g.id,
      roomId: g.room_id,
      communityId: g.community_id,
      name: g.name,
      visibility: g.visibility,
      joinPolicy: g.join_policy,
      maxMembers: g.max_members,
      archivedAt: g.archived_at,
      communityArchivedAt: g.community_archived_at,
      actor: {
        role: g.role,
        platformAdmin: isPlatformAdmin(caller),
        communityAdmin: await this.communities.isCommunityAdmin(caller.id, g.community_id, em),
      },
    };
  }

  /**
   * Whether this person moderates this room, as the moderation contract has it: the group's
   * moderators and owners, and the admins of the group's community (active accounts only).
   * Platform admins are not room moderators by that contract (they act on accounts). A room
   * that is not a group's (direct, support) has no moderators here.
   */
  async canModerateRoom(userId: string, roomId: string, em: EntityManager = this.dataSource.manager): Promise<boolean> {
    return (await this.moderatorsOfRoom(roomId, em)).some((m) => m.userId === userId);
  }

  /** The group (and its community) whose room this is; null for rooms that are not a group's (direct, support). */
  async groupOfRoom(roomId: string, em: EntityManager = this.dataSource.manager): Promise<{ groupId: string; communityId: string } | null> {
    const rows: Array<{ id: string; community_id: string }> = await em.query(`SELECT id, community_id FROM groups WHERE room_id = $1`, [roomId]);
    return rows[0] ? { groupId: rows[0].id, communityId: rows[0].community_id } : null;
  }

  /** Everyone who moderates this room (see `canModerateRoom`), e.g. for alerts and the review queue. */
  async moderatorsOfRoom(roomId: string, em: EntityManager = this.dataSource.manager): Promise<RoomModerator[]> {
    const group = await this.groupOfRoom(roomId, em);
    if (!group) return [];
    const admins = new Set(await this.communities.adminIds(group.communityId, em));
    const members: Array<{ user_id: string; role: GroupRole }> = await em.query(
      `SELECT user_id, role FROM group_members WHERE group_id = $1 AND (role IN ('moderator', 'owner') OR user_id = ANY($2::uuid[]))`,
      [group.groupId, [...admins]],
    );
    const byId = new Map<string, RoomModerator>();
    for (const id of admins) byId.set(id, { userId: id, groupRole: null, communityAdmin: true });
    for (const m of members) byId.set(m.user_id, { userId: m.user_id, groupRole: m.role, communityAdmin: admins.has(m.user_id) });
    const active = new Set((await this.users.findByIds([...byId.keys()])).filter((u) => u.status === 'active').map((u) => u.id));
    return [...byId.values()].filter((m) => active.has(m.userId)).sort((a, b) => a.userId.localeCompare(b.userId));
  }
}
