import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const SHARE_PARTS = ['statement', 'goal', 'indicator', 'safety_plan'] as const;
export type SharePart = (typeof SHARE_PARTS)[number];

/** A peer worker's comment on a part the owner shared with them. */
@Entity('recovery_share_comments')
export class RecoveryShareComment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'share_id', type: 'uuid' })
  shareId: string;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @Column({ type: 'varchar', length: 16 })
  part: SharePart;

  /** The goal or indicator commented on (null for the statement and the safety plan). */
  @Column({ name: 'part_id', type: 'uuid', nullable: true })
  partId: string | null;

  @Column({ type: 'text' })
  body: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
