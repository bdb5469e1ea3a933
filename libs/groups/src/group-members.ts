import { Injectable } from '@nestjs/common';
import type { Tx } from '@hearth/database';
import { RoomsService } from '@hearth/chat';
import { GroupMember, GroupRole } from './entities/group-member.entity';
import type { GroupContext } from './group-access';
import { GroupJoinChecks, GroupJoinVia } from './group-join-checks';
import { groupErrors } from './groups.errors';

export type GroupRef = Pick<GroupContext, 'id' | 'roomId' | 'communityId' | 'maxMembers'>;

/**
 * The one place that writes group membership. Every change to a group's members
 * changes its room's members in the same transaction (announced after commit),
 * and every addition passes the capacity check and the registered join checks.
 */
@Injectable()
export class GroupMembers {
  constructor(
    private readonly rooms: RoomsService,
    private readonly joinChecks: GroupJoinChecks,
  ) {}

  /** The caller holds the group lock (`GroupAccess` with `lock`), so the count cannot be overtaken. */
  async add(tx: Tx, group: GroupRef, userId: string, via: GroupJoinVia, role: GroupRole = 'member'): Promise<void> {
    const { em } = tx;
    await this.joinChecks.assertAllowed(tx, { groupId: group.id, communityId: group.communityId, userId, via });
    if (group.maxMembers !== null) {
      const count = await em.count(GroupMember, { where: { groupId: group.id } });
      if (count >= group.maxMembers) throw groupErrors.full(group.maxMembers);
    }
    await em.insert(GroupMember, { groupId: group.id, userId, role });
    await this.rooms.addMember(tx, group.roomId, userId);
  }

  async remove(tx: Tx, group: GroupRef, userId: string, reason: 'left' | 'removed' | 'banned'): Promise<void> {
    await tx.em.delete(GroupMember, { groupId: group.id, userId });
    await this.rooms.removeMember(tx, group.roomId, userId, reason);
  }
}
