import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { NotificationKind } from './notification.entity';

/** A person's choice for one kind; no row means both on. */
@Entity('notification_preferences')
export class NotificationPreference {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  kind: NotificationKind;

  /** Kept in the notification centre at all. */
  @Column({ name: 'in_app', type: 'boolean', default: true })
  inApp: boolean;

  /** Pushed live as the `notification` socket event (only when also in-app). */
  @Column({ type: 'boolean', default: true })
  live: boolean;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
