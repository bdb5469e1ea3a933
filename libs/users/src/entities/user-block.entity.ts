import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A block, two-way in effect: neither can start a direct conversation with the other; the blocker receives nothing from the blocked person. */
@Entity('user_blocks')
export class UserBlock {
  @PrimaryColumn({ name: 'blocker_id', type: 'uuid' })
  blockerId: string;

  @PrimaryColumn({ name: 'blocked_id', type: 'uuid' })
  blockedId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
