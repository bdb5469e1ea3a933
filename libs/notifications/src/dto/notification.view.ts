import { ApiProperty } from '@nestjs/swagger';
import { Notification, NOTIFICATION_KINDS } from '../entities/notification.entity';

export class NotificationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) data: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: String }) readAt: string | null;
  @ApiProperty() createdAt: string;
}

export class NotificationPageView {
  @ApiProperty({ type: [NotificationView] }) items: NotificationView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
  @ApiProperty() unreadCount: number;
}

/** `by`: the person the notification is about, resolved when shown (null when their account is gone). */
export const toNotificationView = (n: Notification, by?: { id: string; username: string; displayName: string } | null): NotificationView => ({
  id: n.id,
  kind: n.kind,
  data: by === undefined ? n.data : { ...n.data, by },
  readAt: n.readAt?.toISOString() ?? null,
  createdAt: n.createdAt.toISOString(),
});

export class NotificationPreferenceView {
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind: string;
  @ApiProperty() inApp: boolean;
  @ApiProperty() live: boolean;
}

export class NotificationPreferencesView {
  @ApiProperty({ type: [NotificationPreferenceView], description: 'Every kind, with its current setting (default: both on)' })
  preferences: NotificationPreferenceView[];
}
