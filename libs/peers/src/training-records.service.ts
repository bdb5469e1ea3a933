import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@hearth/audit';
import { AuthUser, isPlatformAdmin } from '@hearth/common';
import type { PeersConfig } from '@hearth/config';
import { Transactions } from '@hearth/database';
import { NotificationsService } from '@hearth/notifications';
import { AdminApplicationListView, TrainingRecordView } from './dto/peers.view';
import { PeerRoleService, TODAY_SQL } from './peer-role.service';
import { peopleOf, PROFILE_COLUMNS, ProfileRow, RECORD_COLUMNS, RecordRow, themeNamesOf, toProfileView, toRecordView } from './peer-views';
import { peersErrors } from './peers.errors';

/**
 * Platform admins verify, reject or revoke training records (with a reason the
 * applicant sees); the role follows in the same transaction, audited. A daily
 * job warns 30 and 7 days before a verified record expires and ends the role of
 * peers whose last record lapsed (the auth path and every peer action also check).
 */
@Injectable()
export class TrainingRecordsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('TrainingRecords');
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly role: PeerRoleService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly config: ConfigService,
  ) {}

  onApplicationBootstrap(): void {
    const hours = this.config.getOrThrow<PeersConfig>('peers').expiryJobHours;
    if (!hours) return;
    const run = () =>
      void this.runExpiryJob().catch((e: Error) => this.logger.error({ err: { name: e?.name, message: e?.message } }, 'Training expiry job failed'));
    this.timer = setInterval(run, hours * 3600_000);
    this.timer.unref();
    setTimeout(run, 30_000).unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Applicants with at least one record waiting for a decision, oldest first, with all their records. */
  async listApplications(caller: AuthUser): Promise<AdminApplicationListView> {
    if (!isPlatformAdmin(caller)) throw peersErrors.adminsOnly();
    const profiles: Array<ProfileRow & { first_pending: Date }> = await this.dataSource.query(
      `SELECT ${PROFILE_COLUMNS}, f.first_pending FROM peer_profiles p
         JOIN (SELECT user_id, min(created_at) AS first_pending FROM peer_training_records WHERE status = 'pending' GROUP BY user_id) f ON f.user_id = p.user_id
        ORDER BY f.first_pending, p.user_id LIMIT 200`,
    );
    const ids = profiles.map((p) => p.user_id);
    const records: RecordRow[] = ids.length
      ? await this.dataSource.query(`SELECT ${RECORD_COLUMNS} FROM peer_training_records r WHERE r.user_id = ANY($1::uuid[]) ORDER BY r.created_at, r.id`, [ids])
      : [];
    const names = await themeNamesOf(this.dataSource.manager, profiles.flatMap((p) => p.theme_ids));
    const people = await peopleOf(this.dataSource.manager, ids);
    return {
      items: profiles.map((p) => ({
        user: people.get(p.user_id)!,
        profile: toProfileView(p, names),
        trainingRecords: records.filter((r) => r.user_id === p.user_id).map(toRecordView),
      })),
    };
  }

  verify(caller: AuthUser, recordId: string): Promise<TrainingRecordView> {
    return this.decide(caller, recordId, 'verified', null);
  }

  reject(caller: AuthUser, recordId: string, reason: string): Promise<TrainingRecordView> {
    return this.decide(caller, recordId, 'rejected', reason.trim());
  }

  revoke(caller: AuthUser, recordId: string, reason: string): Promise<TrainingRecordView> {
    return this.decide(caller, recordId, 'revoked', reason.trim());
  }

  private async decide(caller: AuthUser, recordId: string, to: 'verified' | 'rejected' | 'revoked', reason: string | null): Promise<TrainingRecordView> {
    if (!isPlatformAdmin(caller)) throw peersErrors.adminsOnly();
    return this.transactions.run(async (tx) => {
      const rows: Array<RecordRow> = await tx.em.query(`SELECT ${RECORD_COLUMNS} FROM peer_training_records r WHERE r.id = $1 FOR UPDATE`, [recordId]);
      const record = rows[0];
      if (!record) throw peersErrors.recordNotFound();
      const from = to === 'revoked' ? 'verified' : 'pending';
      if (record.status !== from) throw peersErrors.recordDecided(record.status);
      if (to === 'verified' && record.expired) throw peersErrors.recordExpired();
      if (record.user_id === caller.id) throw peersErrors.ownRecord();
      await tx.em.query(`UPDATE peer_training_records SET status = $2, decided_by = $3, decided_at = now(), reason = $4 WHERE id = $1`, [
        recordId,
        to,
        caller.id,
        reason,
      ]);
      await this.audit.record(tx, {
        action: `peer.training.${to}`,
        actorId: caller.id,
        subjectUserId: record.user_id,
        targetType: 'training_record',
        targetId: recordId,
        reason,
        details: { course: record.course, provider: record.provider, expiresOn: record.expires_on },
      });
      await this.notifications.create(tx, [{ userId: record.user_id, kind: 'training_decision', data: { recordId, status: to } }]);
      await this.role.sync(tx, record.user_id, { actorId: caller.id, reason: `training_${to}` });
      const after: RecordRow[] = await tx.em.query(`SELECT ${RECORD_COLUMNS} FROM peer_training_records r WHERE r.id = $1`, [recordId]);
      return toRecordView(after[0]);
    });
  }

  /**
   * The daily job (idempotent): warns 30 and 7 days before expiry, once each,
   * and ends the role of peers whose last verified record has lapsed.
   */
  async runExpiryJob(): Promise<{ warned30: number; warned7: number; revoked: number }> {
    const warn = async (days: 30 | 7): Promise<number> => {
      const column = days === 30 ? 'notified_30_at' : 'notified_7_at';
      const lower = days === 30 ? 7 : -1;
      return this.transactions.run(async (tx) => {
        const [rows]: [Array<{ id: string; user_id: string; expires_on: string; days_left: number }>, number] = await tx.em.query(
          `UPDATE peer_training_records r SET ${column} = now()
            WHERE r.status = 'verified' AND r.${column} IS NULL
              AND r.expires_on - ${TODAY_SQL} BETWEEN ${lower + 1} AND ${days}
           RETURNING r.id, r.user_id, to_char(r.expires_on, 'YYYY-MM-DD') AS expires_on, (r.expires_on - ${TODAY_SQL})::int AS days_left`,
        );
        await this.notifications.create(
          tx,
          rows.map((r) => ({ userId: r.user_id, kind: 'training_expiry' as const, data: { recordId: r.id, expiresOn: r.expires_on, daysLeft: r.days_left } })),
        );
        return rows.length;
      });
    };
    const warned30 = await warn(30);
    const warned7 = await warn(7);
    const lapsed: Array<{ id: string }> = await this.dataSource.query(
      `SELECT u.id FROM users u WHERE u.role = 'peer'
          AND NOT EXISTS (SELECT 1 FROM peer_training_records r WHERE r.user_id = u.id AND r.status = 'verified' AND r.expires_on >= ${TODAY_SQL})`,
    );
    let revoked = 0;
    for (const { id } of lapsed) {
      const r = await this.transactions.run((tx) => this.role.sync(tx, id, { actorId: null, reason: 'training_expired' }));
      if (r.changed) revoked++;
    }
    return { warned30, warned7, revoked };
  }
}
