import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A person appointed by a platform admin to run one community. */
@Entity('community_admins')
export class CommunityAdmin {
  @PrimaryColumn({ name: 'community_id', type: 'uuid' })
  communityId: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'appointed_by', type: 'uuid', nullable: true })
  appointedBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
