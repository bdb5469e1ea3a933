import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { keyset, notFound, OnDomainEvent, PersonalDataRegistry } from '@hearth/common';
import { streamRows, Tx } from '@hearth/database';
import { RealtimePublisher } from '@hearth/realtime';
import { UsersService } from '@hearth/users';
import { Notification, NotificationKind } from './entities/notification.entity';
import { NotificationPageView, NotificationView, toNotificationView } from './dto/notification.view';

export interface NewNotification {
  userId: string;
  kind: NotificationKind;
  /** References only (ids, seqs): names are looked up when shown, so nobody's name is copied into someone else's records. */
  data: Record<string, unknown>;
}

@Injectable()
export class NotificationsService implements OnModuleInit {
  constructor(
    @InjectRepository(Notification) private readonly notifications: Repository<Notification>,
    private readonly users: UsersService,
    private readonly publisher: RealtimePublisher,
    private readonly personalData: PersonalDataRegistry,
  ) {}

  onModuleInit(): void {
    this.personalData.register({
      section: 'notifications',
      tables: ['notifications'],
      export: (userId, em) => streamRows(em, `SELECT id, kind, data, read_at, created_at FROM notifications WHERE user_id = $1 ORDER BY created_at, id`, [userId]),
      erase: async (userId, _o, em) => {
        await em.query(`DELETE FROM notifications WHERE user_id = $1`, [userId]);
      },
    });
  }

  /** Inside the caller's transaction; pushed live once it commits. */
  async create(tx: Tx, items: NewNotification[]): Promise<Notification[]> {
    if (!items.length) return [];
    const saved = await tx.em.save(items.map((i) => tx.em.create(Notification, i)));
    tx.emit('notification.created', saved);
    return saved;
  }

  @OnDomainEvent('notification.created')
  async relay(created: Notification[]): Promise<void> {
    for (const view of await this.toViews(created)) this.publisher.toUser(view.userId, 'notification', view.view);
  }

  /** Views with the people they refer to (`byUserId`) resolved to their current names. */
  private async toViews(rows: Notification[]): Promise<Array<{ userId: string; view: NotificationView }>> {
    const ids = [...new Set(rows.map((n) => n.data?.byUserId).filter((x): x is string => typeof x === 'string'))];
    const people = new Map((await this.users.findByIds(ids)).map((u) => [u.id, { id: u.id, username: u.username, displayName: u.displayName }]));
    return rows.map((n) => {
      const by = typeof n.data?.byUserId === 'string' ? (people.get(n.data.byUserId) ?? null) : undefined;
      return { userId: n.userId, view: toNotificationView(n, by) };
    });
  }

  async list(userId: string, limit = 20, cursor?: string): Promise<NotificationPageView> {
    const page = keyset({ limit, cursor }, { t: 'string', id: 'uuid' });
    const qb = this.notifications
      .createQueryBuilder('n')
      .where('n.user_id = :userId', { userId })
      .orderBy('n.created_at', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .limit(page.take);
    if (page.after) qb.andWhere('(n.created_at, n.id) < (:t::timestamptz, :id::uuid)', { t: page.after.t, id: page.after.id });
    const { rows, nextCursor } = page.page(await qb.getMany(), (last) => ({ t: last.createdAt.toISOString(), id: last.id }));
    const unreadCount = await this.notifications.count({ where: { userId, readAt: IsNull() } });
    return {
      items: (await this.toViews(rows)).map((v) => v.view),
      nextCursor,
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
    return (await this.toViews([n]))[0].view;
  }

  async markAllRead(userId: string): Promise<void> {
    await this.notifications.update({ userId, readAt: IsNull() }, { readAt: () => 'now()' });
  }
}
