import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, Repository } from 'typeorm';
import { decodeCursor, DomainEvents, encodeCursor, notFound } from '@hearth/common';
import { Notification, NotificationKind } from './entities/notification.entity';
import { NotificationPageView, NotificationView, toNotificationView } from './dto/notification.view';

export interface NewNotification {
  userId: string;
  kind: NotificationKind;
  data: Record<string, unknown>;
}

@Injectable()
export class NotificationsService {
  constructor(
    @InjectRepository(Notification) private readonly notifications: Repository<Notification>,
    private readonly events: EventEmitter2,
  ) {}

  /** Inside the caller's transaction; call `publish` with the result after commit. */
  async createMany(em: EntityManager, items: NewNotification[]): Promise<Notification[]> {
    if (!items.length) return [];
    return em.save(items.map((i) => em.create(Notification, i)));
  }

  publish(created: Notification[]): void {
    for (const n of created) this.events.emit(DomainEvents.NotificationCreated, { userId: n.userId, notification: toNotificationView(n) });
  }

  async list(userId: string, limit = 20, cursor?: string): Promise<NotificationPageView> {
    const qb = this.notifications
      .createQueryBuilder('n')
      .where('n.user_id = :userId', { userId })
      .orderBy('n.created_at', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .limit(limit + 1);
    if (cursor) {
      const c = decodeCursor(cursor, { t: 'string', id: 'string' });
      qb.andWhere('(n.created_at, n.id) < (:t::timestamptz, :id::uuid)', { t: c.t, id: c.id });
    }
    const rows = await qb.getMany();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const unreadCount = await this.notifications.count({ where: { userId, readAt: IsNull() } });
    return {
      items: page.map(toNotificationView),
      nextCursor: rows.length > limit && last ? encodeCursor({ t: last.createdAt.toISOString(), id: last.id }) : null,
      unreadCount,
    };
  }

  async markRead(userId: string, id: string): Promise<NotificationView> {
    const n = await this.notifications.findOne({ where: { id, userId } });
    if (!n) throw notFound('Notification');
    if (!n.readAt) {
      n.readAt = new Date();
      await this.notifications.save(n);
    }
    return toNotificationView(n);
  }

  async markAllRead(userId: string): Promise<void> {
    await this.notifications.update({ userId, readAt: IsNull() }, { readAt: () => 'now()' });
  }
}
