import { Column, Entity, PrimaryColumn } from 'typeorm';

export type GroupRole = 'owner' | 'moderator' | 'member';

/** Membership and group role. Mirrored into room_members in the same transaction. */
@Entity('group_members')
export class GroupMember {
  @PrimaryColumn({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'varchar', length: 16, default: 'member' })
  role: GroupRole;

  @Column({ name: 'joined_at', type: 'timestamptz', default: () => 'now()' })
  joinedAt: Date;
}
