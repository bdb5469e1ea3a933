import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type TrainingRecordStatus = 'pending' | 'verified' | 'rejected' | 'revoked';

/** A peer-support training a person completed; verified or rejected (with a reason they see) by a platform admin. */
@Entity('peer_training_records')
export class TrainingRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'varchar', length: 200 })
  course: string;

  @Column({ type: 'varchar', length: 200 })
  provider: string;

  @Column({ name: 'completed_on', type: 'date' })
  completedOn: string;

  @Column({ name: 'expires_on', type: 'date' })
  expiresOn: string;

  @Column({ name: 'evidence_ref', type: 'varchar', length: 500, nullable: true })
  evidenceRef: string | null;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: TrainingRecordStatus;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  reason: string | null;

  @Column({ name: 'notified_30_at', type: 'timestamptz', nullable: true })
  notified30At: Date | null;

  @Column({ name: 'notified_7_at', type: 'timestamptz', nullable: true })
  notified7At: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
