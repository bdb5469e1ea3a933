import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser, decodeCursor, isPlatformAdmin, PageQueryDto } from '@hearth/common';
import { AuditService } from '@hearth/audit';
import { Transactions } from '@hearth/database';
import { DEFAULT_LABELING_RULE } from './automod.service';
import { CommunityAccess } from './community-access';
import { ModerationSettingsDto } from './dto/moderation.dto';
import { AuditPageView, ModerationSettingsView } from './dto/moderation.views';
import { moderationErrors } from './moderation.errors';

/** A malformed cursor is the client's mistake whoever asks: 400 before any permission check. */
const checkCursor = (cursor?: string) => void (cursor && decodeCursor(cursor, { t: 'string', id: 'string' }));

/** A community's moderation settings and audit log (its admins and platform admins). */
@Injectable()
export class CommunityModerationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly access: CommunityAccess,
  ) {}

  async auditLog(caller: AuthUser, communityId: string, q: PageQueryDto): Promise<AuditPageView> {
    checkCursor(q.cursor);
    await this.access.assertCommunityAdmin(caller, communityId);
    return this.audit.list({ communityId, limit: q.limit ?? 50, cursor: q.cursor });
  }

  /** Every audit row (platform admins). */
  async platformAuditLog(caller: AuthUser, q: PageQueryDto): Promise<AuditPageView> {
    checkCursor(q.cursor);
    if (!isPlatformAdmin(caller)) throw moderationErrors.notInScope('Only platform admins read the whole audit log');
    return this.audit.list({ limit: q.limit ?? 50, cursor: q.cursor });
  }

  async settings(caller: AuthUser, communityId: string): Promise<ModerationSettingsView> {
    await this.access.assertCommunityAdmin(caller, communityId);
    const rows: Array<{ n: number; w: number; t: number }> = await this.dataSource.query(
      `SELECT needs_response_minutes AS n, pile_on_window_minutes AS w, pile_on_threshold AS t FROM moderation_settings WHERE community_id = $1`,
      [communityId],
    );
    const r = rows[0] ?? { n: 15, w: 10, t: 3 };
    return { communityId, needsResponseMinutes: r.n, pileOnWindowMinutes: r.w, pileOnThreshold: r.t };
  }

  async updateSettings(caller: AuthUser, communityId: string, dto: ModerationSettingsDto): Promise<ModerationSettingsView> {
    await this.access.assertCommunityAdmin(caller, communityId);
    await this.transactions.run(async (tx) => {
      // A community's first settings row also makes the default labeling rule its own, editable rule.
      const [created]: Array<{ created: boolean }> = await tx.em.query(
        `INSERT INTO moderation_settings (community_id, needs_response_minutes, pile_on_window_minutes, pile_on_threshold, updated_by)
         VALUES ($1, COALESCE($2, 15), COALESCE($3, 10), COALESCE($4, 3), $5)
         ON CONFLICT (community_id) DO UPDATE SET
           needs_response_minutes = COALESCE($2, moderation_settings.needs_response_minutes),
           pile_on_window_minutes = COALESCE($3, moderation_settings.pile_on_window_minutes),
           pile_on_threshold = COALESCE($4, moderation_settings.pile_on_threshold),
           rules_version = moderation_settings.rules_version + 1,
           updated_by = $5, updated_at = now()
         RETURNING (xmax = 0) AS created`,
        [communityId, dto.needsResponseMinutes ?? null, dto.pileOnWindowMinutes ?? null, dto.pileOnThreshold ?? null, caller.id],
      );
      if (created.created) {
        const d = DEFAULT_LABELING_RULE;
        await tx.em.query(`INSERT INTO automod_rules (community_id, phrases, action, rule, reason, is_default) VALUES ($1, $2, $3, $4, $5, true)`, [communityId, d.phrases, d.action, d.rule, d.reason]);
      }
      await this.audit.record(tx, { action: 'moderation.settings.updated', actorId: caller.id, communityId, details: { ...dto } });
    });
    return this.settings(caller, communityId);
  }
}
