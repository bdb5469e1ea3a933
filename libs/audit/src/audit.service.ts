import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { cursorTimestampSql, keyset, Page, PersonalDataRegistry } from '@hearth/common';
import { streamRows, Tx } from '@hearth/database';

/** One audited act. Never message bodies, recovery content or other free text about a person beyond a reason they are shown. */
export interface AuditRecord {
  action: string;
  actorId?: string | null;
  subjectUserId?: string | null;
  communityId?: string | null;
  roomId?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  rule?: string | null;
  reason?: string | null;
  until?: Date | null;
  details?: Record<string, unknown>;
}

export interface AuditEntryView {
  id: string;
  createdAt: string;
  action: string;
  actorId: string | null;
  subjectUserId: string | null;
  communityId: string | null;
  roomId: string | null;
  targetType: string | null;
  targetId: string | null;
  rule: string | null;
  reason: string | null;
  until: string | null;
  details: Record<string, unknown>;
}

interface AuditRow {
  id: string;
  created_at: Date;
  action: string;
  actor_id: string | null;
  subject_user_id: string | null;
  community_id: string | null;
  room_id: string | null;
  target_type: string | null;
  target_id: string | null;
  rule: string | null;
  reason: string | null;
  until: Date | null;
  details: Record<string, unknown>;
  created_key: string;
}

const toView = (r: AuditRow): AuditEntryView => ({
  id: r.id,
  createdAt: r.created_at.toISOString(),
  action: r.action,
  actorId: r.actor_id,
  subjectUserId: r.subject_user_id,
  communityId: r.community_id,
  roomId: r.room_id,
  targetType: r.target_type,
  targetId: r.target_id,
  rule: r.rule,
  reason: r.reason,
  until: r.until?.toISOString() ?? null,
  details: r.details,
});

export interface AuditFilter {
  communityId?: string;
  action?: string;
  actorId?: string;
  subjectUserId?: string;
  limit?: number;
  cursor?: string;
}

/**
 * The append-only audit log every lib writes to, inside its own transaction so
 * an act and its audit row commit together. Who may read it is decided by the
 * lib that serves it (moderation: community and platform admins).
 */
@Injectable()
export class AuditService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly personalData: PersonalDataRegistry,
  ) {}

  onModuleInit(): void {
    this.personalData.register({
      section: 'audit',
      tables: ['audit_log'],
      export: (userId, em) =>
        streamRows(
          em,
          `SELECT id, created_at, action, community_id, room_id, target_type, target_id, rule, reason, until
             FROM audit_log WHERE subject_user_id = $1 ORDER BY created_at, id`,
          [userId],
        ),
      // Append-only by design: rows keep the person's id, which is anonymous once the account is gone.
      erase: async () => undefined,
    });
  }

  async record(tx: Tx, entry: AuditRecord): Promise<string> {
    const rows: Array<{ id: string }> = await tx.em.query(
      `INSERT INTO audit_log (action, actor_id, subject_user_id, community_id, room_id, target_type, target_id, rule, reason, until, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [
        entry.action,
        entry.actorId ?? null,
        entry.subjectUserId ?? null,
        entry.communityId ?? null,
        entry.roomId ?? null,
        entry.targetType ?? null,
        entry.targetId ?? null,
        entry.rule ?? null,
        entry.reason ?? null,
        entry.until ?? null,
        JSON.stringify(entry.details ?? {}),
      ],
    );
    return rows[0].id;
  }

  /** Newest first, keyset-paged. */
  async list(filter: AuditFilter): Promise<Page<AuditEntryView>> {
    const page = keyset(filter, { t: 'string', id: 'uuid' }, 50);
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.communityId) add('community_id = ?', filter.communityId);
    if (filter.action) add('action = ?', filter.action);
    if (filter.actorId) add('actor_id = ?', filter.actorId);
    if (filter.subjectUserId) add('subject_user_id = ?', filter.subjectUserId);
    if (page.after) {
      params.push(page.after.t, page.after.id);
      where.push(`(created_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(page.take);
    const rows: AuditRow[] = await this.dataSource.query(
      `SELECT *, ${cursorTimestampSql('created_at')} AS created_key FROM audit_log
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT $${params.length}`,
      params,
    );
    const { rows: kept, nextCursor } = page.page(rows, (last) => ({ t: last.created_key, id: last.id }));
    return { items: kept.map(toView), nextCursor };
  }
}
