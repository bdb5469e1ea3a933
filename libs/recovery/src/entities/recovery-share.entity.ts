import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The owner's consent to show chosen parts of their plan to one peer worker, until a time or until revoked. */
@Entity('recovery_shares')
export class RecoveryShare {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId: string;

  @Column({ name: 'peer_id', type: 'uuid' })
  peerId: string;

  @Column({ name: 'include_statement', type: 'boolean', default: false })
  includeStatement: boolean;

  @Column({ name: 'include_safety_plan', type: 'boolean', default: false })
  includeSafetyPlan: boolean;

  @Column({ name: 'goal_ids', type: 'uuid', array: true, default: () => "'{}'" })
  goalIds: string[];

  @Column({ name: 'indicator_ids', type: 'uuid', array: true, default: () => "'{}'" })
  indicatorIds: string[];

  @Column({ type: 'timestamptz', nullable: true })
  until: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
