import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const GOAL_STATUSES = ['active', 'paused', 'achieved', 'let_go'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

/** A goal in the person's own words. */
@Entity('recovery_goals')
export class RecoveryGoal {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text', default: '' })
  why: string;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status: GoalStatus;

  /** A calendar date (YYYY-MM-DD), kept as text so no time zone shifts it. */
  @Column({ name: 'target_date', type: 'date', nullable: true })
  targetDate: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
