import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '@hearth/common';
import { GroupAccess } from '@hearth/groups';

/** Where a room sits: a group's room (in a community), or a direct/support room (no group). */
export interface RoomScope {
  roomId: string;
  kind: 'group' | 'direct' | 'support';
  groupId: string | null;
  communityId: string | null;
}

/** How the caller stands in a room, for the rules in moderation-policy.ts. */
export interface ModeratorStanding {
  /** The caller's group role in the room's group (null: not in it). */
  groupRole: 'owner' | 'moderator' | 'member' | null;
  communityAdmin: boolean;
  platformAdmin: boolean;
}

/**
 * Who moderates what. Room moderators are the group's members with role
 * moderator/owner plus the community's admins (@hearth/groups' `GroupAccess.canModerateRoom`
 * / `moderatorsOfRoom`); rooms without a group (direct conversations, support sessions)
 * are moderated by platform admins.
 *
 * CROSS-LIB READ: besides GroupAccess, read-only queries of the groups/communities
 * tables (group_members, groups, community_admins), chat's rooms and room_members and
 * the users' roles, for what GroupAccess does not answer (a target's standing, the SQL
 * filter of the queue, platform admins). This is the ONE place moderation reads them.
 */
@Injectable()
export class ModerationScope {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly groups: GroupAccess,
  ) {}

  async room(roomId: string, em: EntityManager = this.dataSource.manager): Promise<RoomScope | null> {
    const rows: Array<{ id: string; kind: RoomScope['kind']; group_id: string | null; community_id: string | null }> = await em.query(
      `SELECT r.id, r.kind, r.group_id, g.community_id FROM rooms r LEFT JOIN groups g ON g.id = r.group_id WHERE r.id = $1`,
      [roomId],
    );
    const r = rows[0];
    return r ? { roomId: r.id, kind: r.kind, groupId: r.group_id, communityId: r.community_id } : null;
  }

  /** Community of each room (null for rooms without a group), for a batch of rooms. */
  async communitiesOfRooms(roomIds: readonly string[], em: EntityManager): Promise<Map<string, string | null>> {
    const out = new Map<string, string | null>();
    if (!roomIds.length) return out;
    const rows: Array<{ id: string; community_id: string | null }> = await em.query(
      `SELECT r.id, g.community_id FROM rooms r LEFT JOIN groups g ON g.id = r.group_id WHERE r.id = ANY($1::uuid[])`,
      [roomIds],
    );
    for (const r of rows) out.set(r.id, r.community_id);
    return out;
  }

  async standing(user: Pick<AuthUser, 'id' | 'role'>, scope: { groupId: string | null; communityId: string | null }, em: EntityManager = this.dataSource.manager): Promise<ModeratorStanding> {
    const rows: Array<{ role: ModeratorStanding['groupRole']; admin: boolean }> = await em.query(
      `SELECT (SELECT role FROM group_members WHERE group_id = $2 AND user_id = $1) AS role,
              EXISTS (SELECT 1 FROM community_admins WHERE community_id = $3 AND user_id = $1) AS admin`,
      [user.id, scope.groupId, scope.communityId],
    );
    return { groupRole: rows[0]?.role ?? null, communityAdmin: rows[0]?.admin ?? false, platformAdmin: user.role === 'admin' };
  }

  /** Whether the person is in the room (chat's room_members). */
  async isRoomMember(roomId: string, userId: string, em: EntityManager = this.dataSource.manager): Promise<boolean> {
    const rows: unknown[] = await em.query(`SELECT 1 FROM room_members WHERE room_id = $1 AND user_id = $2`, [roomId, userId]);
    return rows.length > 0;
  }

  async isCommunityAdmin(userId: string, communityId: string, em: EntityManager = this.dataSource.manager): Promise<boolean> {
    const rows: unknown[] = await em.query(`SELECT 1 FROM community_admins WHERE community_id = $1 AND user_id = $2`, [communityId, userId]);
    return rows.length > 0;
  }

  async communityExists(communityId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM communities WHERE id = $1`, [communityId]);
    return rows.length > 0;
  }

  async canModerateRoom(user: Pick<AuthUser, 'id' | 'role'>, roomId: string, em: EntityManager = this.dataSource.manager): Promise<boolean> {
    const scope = await this.room(roomId, em);
    if (!scope) return false;
    if (scope.groupId) return this.groups.canModerateRoom(user.id, roomId, em);
    return user.role === 'admin';
  }

  /** The people alerted for a room: its group's moderators and owners and the community's admins; platform admins for rooms without a group. */
  async moderatorsOfRoom(roomId: string, em: EntityManager = this.dataSource.manager): Promise<string[]> {
    const scope = await this.room(roomId, em);
    if (!scope) return [];
    if (scope.groupId) return (await this.groups.moderatorsOfRoom(roomId, em)).map((m) => m.userId);
    return this.platformAdmins(em);
  }

  async platformAdmins(em: EntityManager = this.dataSource.manager): Promise<string[]> {
    const rows: Array<{ id: string }> = await em.query(`SELECT id FROM users WHERE role = 'admin' AND status = 'active' ORDER BY id LIMIT 50`);
    return rows.map((r) => r.id);
  }

  /** The community's admins (appeals go to one other than who acted). */
  async communityAdmins(communityId: string): Promise<string[]> {
    const rows: Array<{ user_id: string }> = await this.dataSource.query(`SELECT user_id FROM community_admins WHERE community_id = $1`, [communityId]);
    return rows.map((r) => r.user_id);
  }

  /**
   * SQL condition (for a query with `r` = rooms joined as `r` and `g` = groups
   * left-joined as `g`) that the room is one the user at `$n` moderates.
   */
  moderatedRoomCondition(userParam: string, platformAdmin: boolean): string {
    return `(EXISTS (SELECT 1 FROM group_members gm WHERE gm.group_id = r.group_id AND gm.user_id = ${userParam} AND gm.role IN ('moderator','owner'))
          OR EXISTS (SELECT 1 FROM community_admins ca WHERE ca.community_id = g.community_id AND ca.user_id = ${userParam})
          ${platformAdmin ? 'OR r.group_id IS NULL' : ''})`;
  }

  /** The group ids of a community (for a community-wide suspension). */
  async groupsOfCommunity(communityId: string, userId: string, em: EntityManager): Promise<Array<{ groupId: string; roomId: string }>> {
    const rows: Array<{ group_id: string; room_id: string }> = await em.query(
      `SELECT g.id AS group_id, g.room_id FROM groups g JOIN group_members gm ON gm.group_id = g.id AND gm.user_id = $2 WHERE g.community_id = $1`,
      [communityId, userId],
    );
    return rows.map((r) => ({ groupId: r.group_id, roomId: r.room_id }));
  }

  async groupRoleOf(groupId: string, userId: string, em: EntityManager = this.dataSource.manager): Promise<string | null> {
    const rows: Array<{ role: string }> = await em.query(`SELECT role FROM group_members WHERE group_id = $1 AND user_id = $2`, [groupId, userId]);
    return rows[0]?.role ?? null;
  }
}

/** Pure: does this standing make someone a moderator of a room in this scope? */
export function isRoomModerator(scope: Pick<RoomScope, 'groupId'>, s: ModeratorStanding): boolean {
  if (!scope.groupId) return s.platformAdmin;
  return s.communityAdmin || s.groupRole === 'moderator' || s.groupRole === 'owner';
}
