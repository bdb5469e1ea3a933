import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** Something the person chooses to keep an eye on, on a scale they define. */
@Entity('recovery_indicators')
export class RecoveryIndicator {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ name: 'scale_min', type: 'int' })
  scaleMin: number;

  @Column({ name: 'scale_max', type: 'int' })
  scaleMax: number;

  @Column({ name: 'min_label', type: 'varchar', length: 60, nullable: true })
  minLabel: string | null;

  @Column({ name: 'max_label', type: 'varchar', length: 60, nullable: true })
  maxLabel: string | null;

  /** A life-domain tag of the person's choosing (never used to score or group people). */
  @Column({ type: 'varchar', length: 40, nullable: true })
  domain: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
