import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Every kind of notification, one list: preferences are per kind, and the
 * OpenAPI enum and the docs come from here. Libs add theirs to this list.
 */
export const NOTIFICATION_KINDS = [
  'mention',
  'reply',
  'join_approved',
  'join_declined',
  'support_match',
  'support_session',
  'moderation',
  'appeal_filed',
  'appeal_decided',
  'report_outcome',
  'recovery_share',
  'recovery_share_revoked',
  'recovery_comment',
  'training_expiry',
] as const;

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

@Entity('notifications')
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'varchar', length: 32 })
  kind: NotificationKind;

  /** References only (room, message, actor): never a copy of a message body. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  data: Record<string, unknown>;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
