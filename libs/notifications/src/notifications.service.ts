import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { NotificationsConfig } from '@hearth/config';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { AppError, ErrorCode, keyset, notFound, OnDomainEvent, PersonalDataRegistry } from '@hearth/common';
import { streamRows, Tx } from '@hearth/database';
import { RealtimePublisher } from '@hearth/realtime';
import { UsersService } from '@hearth/users';
import { Notification, NOTIFICATION_KINDS, NotificationKind } from './entities/notification.entity';
import { NotificationPreference } from './entities/notification-preference.entity';
import { NotificationPageView, NotificationPreferencesView, NotificationView, toNotificationView } from './dto/notification.view';
import type { UpdateNotificationPreferencesDto } from './dto/update-notification-preferences.dto';

export interface NewNotification {
  userId: string;
  kind: NotificationKind;
  /** References only (ids, seqs): names are looked up when shown, so nobody's name is copied into someone else's records. */
  data: Record<string, unknown>;
}

@Injectable()
export class NotificationsService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('NotificationsService');
  private pruneTimer?: NodeJS.Timeout;

  constructor(
    @InjectRepository(Notification) private readonly notifications: Repository<Notification>,
    @InjectRepository(NotificationPreference) private readonly preferences: Repository<NotificationPreference>,
    private readonly users: UsersService,
    private readonly publisher: RealtimePublisher,
    private readonly personalData: PersonalDataRegistry,
    private readonly config: ConfigService,
  ) {}

  onModuleDestroy(): void {
    if (this.pruneTimer) clearInterval(this.pruneTimer);
  }

  onModuleInit(): void {
    const minutes = this.config.getOrThrow<NotificationsConfig>('notifications').pruneIntervalMinutes;
    if (minutes > 0) {
      // Every instance prunes; the DELETE is idempotent, so running it on several at once is harmless.
      this.pruneTimer = setInterval(() => {
        this.pruneRead().catch((e: Error) => this.logger.warn({ err: { name: e?.name, message: e?.message } }, 'Pruning read notifications failed'));
      }, minutes * 60_000);
      this.pruneTimer.unref();
    }
    this.personalData.register({
      section: 'notificationPreferences',
      tables: ['notification_preferences'],
      export: (userId, em) => streamRows(em, `SELECT kind, in_app, live, updated_at FROM notification_preferences WHERE user_id = $1 ORDER BY kind`, [userId]),
      erase: async (userId, _o, em) => {
        await em.query(`DELETE FROM notification_preferences WHERE user_id = $1`, [userId]);
      },
    });
    this.personalData.register({
      section: 'notifications',
      tables: ['notifications'],
      export: (userId, em) => streamRows(em, `SELECT id, kind, data, read_at, created_at FROM notifications WHERE user_id = $1 ORDER BY created_at, id`, [userId]),
      erase: async (userId, _o, em) => {
        await em.query(`DELETE FROM notifications WHERE user_id = $1`, [userId]);
      },
    });
  }

  /**
   * Inside the caller's transaction; pushed live once it commits. Honours each
   * person's preferences: a kind they turned off in-app is not stored at all,
   * a kind with live off is stored but not pushed.
   */
  async create(tx: Tx, items: NewNotification[]): Promise<Notification[]> {
    if (!items.length) return [];
    const prefs: Array<{ user_id: string; kind: string; in_app: boolean; live: boolean }> = await tx.em.query(
      `SELECT user_id, kind, in_app, live FROM notification_preferences WHERE user_id = ANY($1::uuid[]) AND kind = ANY($2::text[])`,
      [[...new Set(items.map((i) => i.userId))], [...new Set(items.map((i) => i.kind))]],
    );
    const pref = (i: NewNotification) => prefs.find((p) => p.user_id === i.userId && p.kind === i.kind);
    const kept = items.filter((i) => pref(i)?.in_app !== false);
    if (!kept.length) return [];
    const saved = await tx.em.save(kept.map((i) => tx.em.create(Notification, i)));
    const live = saved.filter((n) => pref(n)?.live !== false);
    if (live.length) tx.emit('notification.created', live);
    return saved;
  }

  /** Every kind with the person's setting (no row: both on). */
  async getPreferences(userId: string): Promise<NotificationPreferencesView> {
    const rows = await this.preferences.find({ where: { userId } });
    return {
      preferences: NOTIFICATION_KINDS.map((kind) => {
        const r = rows.find((x) => x.kind === kind);
        return { kind, inApp: r?.inApp ?? true, live: r?.live ?? true };
      }),
    };
  }

  async updatePreferences(userId: string, dto: UpdateNotificationPreferencesDto): Promise<NotificationPreferencesView> {
    const kinds = dto.preferences.map((p) => p.kind);
    if (new Set(kinds).size !== kinds.length) {
      throw new AppError(ErrorCode.VALIDATION_FAILED, 'each kind may appear once', [{ field: 'preferences', message: 'each kind may appear once' }]);
    }
    await this.preferences.manager.transaction(async (em) => {
      for (const p of dto.preferences) {
        await em.query(
          `INSERT INTO notification_preferences (user_id, kind, in_app, live) VALUES ($1, $2, COALESCE($3, true), COALESCE($4, true))
           ON CONFLICT (user_id, kind) DO UPDATE SET in_app = COALESCE($3, notification_preferences.in_app),
             live = COALESCE($4, notification_preferences.live), updated_at = now()`,
          [userId, p.kind, p.inApp ?? null, p.live ?? null],
        );
      }
    });
    return this.getPreferences(userId);
  }

  /** Deletes read notifications older than the configured retention; unread ones stay. Returns how many went. */
  async pruneRead(now = new Date()): Promise<number> {
    const days = this.config.getOrThrow<NotificationsConfig>('notifications').readRetentionDays;
    const res: [unknown[], number] = await this.notifications.query(
      `DELETE FROM notifications WHERE read_at IS NOT NULL AND read_at < $1::timestamptz - make_interval(days => $2)`,
      [now, days],
    );
    return res[1];
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
