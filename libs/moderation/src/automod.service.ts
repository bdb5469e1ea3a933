import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser } from '@hearth/common';
import { AuditService } from '@hearth/audit';
import { Transactions, Tx } from '@hearth/database';
import { DEFAULT_CRISIS_PHRASES } from './crisis/crisis-defaults';
import { CreateAutomodRuleDto, AutomodAction, PutCrisisPhrasesDto } from './dto/automod.dto';
import { AutomodRuleView, CrisisPhrasesView } from './dto/moderation.views';
import { PhraseMatcher } from './matching/phrase-matcher';
import { CommunityAccess } from './community-access';

export interface AutomodHit {
  ruleId: string | null;
  action: AutomodAction;
  rule: string | null;
  reason: string;
}

/** The compiled rules of one community (or of the platform, for rooms without a group). */
export interface CommunityMatchers {
  version: number;
  automod: PhraseMatcher<AutomodHit>;
  crisis: PhraseMatcher<string>;
  pileOnWindowMinutes: number;
  pileOnThreshold: number;
}

/**
 * The default labeling list: diagnosis words used about a person as an insult.
 * Matched as whole phrases ("you are psycho"), so people speaking about their own
 * diagnosis are not nudged. Editable per community like any rule.
 */
export const DEFAULT_LABELING_RULE = {
  phrases: [
    'you are psycho',
    'youre psycho',
    'you psycho',
    'such a psycho',
    'what a psycho',
    'psychopath',
    'schizo',
    'you are crazy',
    'youre crazy',
    'you are insane',
    'youre insane',
    'you are delusional',
    'youre delusional',
    'nutjob',
    'nutcase',
    'lunatic',
    'retard',
    'retarded',
    'mental case',
    'so bipolar',
    'you are bipolar',
    'youre bipolar',
    'take your meds',
    'off your meds',
  ],
  action: 'nudge' as const,
  rule: 'Code of conduct: no labeling',
  reason: 'This may read as labeling someone by a diagnosis. Could you say what you mean about what they did, not who they are?',
};

const PLATFORM = '';
const MAX_CACHED = 2000;

/**
 * Automod rules and crisis phrases per community, compiled into automatons and
 * cached per instance. Every change bumps `moderation_settings.rules_version`, so
 * every instance notices on its next batch and rebuilds.
 */
@Injectable()
export class AutomodService {
  private readonly cache = new Map<string, CommunityMatchers>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly access: CommunityAccess,
  ) {}

  /** Matchers for rooms' communities (null: platform defaults), one query when nothing changed. */
  async matchersFor(roomIds: readonly string[], em: EntityManager): Promise<Map<string, { communityId: string | null; matchers: CommunityMatchers }>> {
    // Read-only read of chat's rooms and the groups lib's groups, joined with this lib's settings.
    const rows: Array<{ id: string; community_id: string | null; rules_version: number | null; window: number | null; threshold: number | null }> = await em.query(
      `SELECT r.id, g.community_id, s.rules_version, s.pile_on_window_minutes AS window, s.pile_on_threshold AS threshold
         FROM rooms r LEFT JOIN groups g ON g.id = r.group_id LEFT JOIN moderation_settings s ON s.community_id = g.community_id
        WHERE r.id = ANY($1::uuid[])`,
      [roomIds],
    );
    const stale = new Map<string, { version: number; window: number; threshold: number }>();
    for (const r of rows) {
      const key = r.community_id ?? PLATFORM;
      const version = r.rules_version ?? 0;
      if (this.cache.get(key)?.version !== version) stale.set(key, { version, window: r.window ?? 10, threshold: r.threshold ?? 3 });
    }
    if (stale.size) await this.rebuild(stale, em);
    const out = new Map<string, { communityId: string | null; matchers: CommunityMatchers }>();
    for (const r of rows) out.set(r.id, { communityId: r.community_id, matchers: this.cache.get(r.community_id ?? PLATFORM)! });
    return out;
  }

  private async rebuild(stale: Map<string, { version: number; window: number; threshold: number }>, em: EntityManager): Promise<void> {
    const ids = [...stale.keys()].filter((k) => k !== PLATFORM);
    const rules: Array<{ id: string; community_id: string; phrases: string[]; action: AutomodAction; rule: string | null; reason: string }> = ids.length
      ? await em.query(`SELECT id, community_id, phrases, action, rule, reason FROM automod_rules WHERE community_id = ANY($1::uuid[])`, [ids])
      : [];
    const crisis: Array<{ community_id: string; language: string; phrases: string[] }> = ids.length
      ? await em.query(`SELECT community_id, language, phrases FROM crisis_phrase_sets WHERE community_id = ANY($1::uuid[])`, [ids])
      : [];
    if (this.cache.size + stale.size > MAX_CACHED) this.cache.clear();
    for (const [key, s] of stale) {
      // No settings row yet (version 0): the defaults apply.
      const own = rules.filter((r) => r.community_id === key);
      const automodEntries =
        s.version === 0
          ? DEFAULT_LABELING_RULE.phrases.map((phrase) => ({ phrase, value: { ruleId: null, action: DEFAULT_LABELING_RULE.action, rule: DEFAULT_LABELING_RULE.rule, reason: DEFAULT_LABELING_RULE.reason } as AutomodHit }))
          : own.flatMap((r) => r.phrases.map((phrase) => ({ phrase, value: { ruleId: r.id, action: r.action, rule: r.rule, reason: r.reason } as AutomodHit })));
      const ownCrisis = crisis.filter((c) => c.community_id === key);
      const crisisSets = ownCrisis.length ? Object.fromEntries(ownCrisis.map((c) => [c.language, c.phrases])) : DEFAULT_CRISIS_PHRASES;
      this.cache.set(key, {
        version: s.version,
        automod: new PhraseMatcher(automodEntries),
        crisis: new PhraseMatcher(Object.entries(crisisSets).flatMap(([language, phrases]) => phrases.map((phrase) => ({ phrase, value: language })))),
        pileOnWindowMinutes: s.window,
        pileOnThreshold: s.threshold,
      });
    }
  }

  /** Creates the settings row (with the default labeling rule) the first time a community's rules are touched. */
  private async ensureSettings(tx: Tx, communityId: string, userId: string): Promise<void> {
    const rows: unknown[] = await tx.em.query(
      `INSERT INTO moderation_settings (community_id, updated_by) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING community_id`,
      [communityId, userId],
    );
    if (rows.length) {
      const d = DEFAULT_LABELING_RULE;
      await tx.em.query(`INSERT INTO automod_rules (community_id, phrases, action, rule, reason, is_default) VALUES ($1, $2, $3, $4, $5, true)`, [
        communityId,
        d.phrases,
        d.action,
        d.rule,
        d.reason,
      ]);
    }
  }

  private async bump(tx: Tx, communityId: string, userId: string): Promise<void> {
    await tx.em.query(`UPDATE moderation_settings SET rules_version = rules_version + 1, updated_by = $2, updated_at = now() WHERE community_id = $1`, [communityId, userId]);
  }

  async listRules(caller: AuthUser, communityId: string): Promise<AutomodRuleView[]> {
    await this.access.assertCommunityAdmin(caller, communityId);
    await this.transactions.run((tx) => this.ensureSettings(tx, communityId, caller.id));
    const rows: Array<{ id: string; phrases: string[]; action: AutomodAction; rule: string | null; reason: string; is_default: boolean; created_at: Date }> = await this.dataSource.query(
      `SELECT id, phrases, action, rule, reason, is_default, created_at FROM automod_rules WHERE community_id = $1 ORDER BY created_at, id`,
      [communityId],
    );
    return rows.map((r) => ({ id: r.id, communityId, phrases: r.phrases, action: r.action, rule: r.rule, reason: r.reason, isDefault: r.is_default, createdAt: r.created_at.toISOString() }));
  }

  async createRule(caller: AuthUser, communityId: string, dto: CreateAutomodRuleDto): Promise<AutomodRuleView> {
    await this.access.assertCommunityAdmin(caller, communityId);
    return this.transactions.run(async (tx) => {
      await this.ensureSettings(tx, communityId, caller.id);
      const phrases = [...new Set(dto.phrases.map((p) => p.trim()).filter(Boolean))];
      const [row]: Array<{ id: string; created_at: Date }> = await tx.em.query(
        `INSERT INTO automod_rules (community_id, phrases, action, rule, reason, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, created_at`,
        [communityId, phrases, dto.action, dto.rule ?? null, dto.reason, caller.id],
      );
      await this.bump(tx, communityId, caller.id);
      await this.audit.record(tx, { action: 'automod.rule.created', actorId: caller.id, communityId, targetType: 'automod_rule', targetId: row.id, rule: dto.rule ?? null, reason: dto.reason, details: { action: dto.action, phrases: phrases.length } });
      return { id: row.id, communityId, phrases, action: dto.action, rule: dto.rule ?? null, reason: dto.reason, isDefault: false, createdAt: row.created_at.toISOString() };
    });
  }

  async deleteRule(caller: AuthUser, communityId: string, ruleId: string): Promise<void> {
    await this.access.assertCommunityAdmin(caller, communityId);
    await this.transactions.run(async (tx) => {
      await this.ensureSettings(tx, communityId, caller.id);
      const [rows]: [unknown[], number] = await tx.em.query(`DELETE FROM automod_rules WHERE id = $1 AND community_id = $2 RETURNING id`, [ruleId, communityId]);
      if (!rows.length) throw this.access.errors.ruleNotFound();
      await this.bump(tx, communityId, caller.id);
      await this.audit.record(tx, { action: 'automod.rule.deleted', actorId: caller.id, communityId, targetType: 'automod_rule', targetId: ruleId });
    });
  }

  async getCrisisPhrases(caller: AuthUser, communityId: string): Promise<CrisisPhrasesView> {
    await this.access.assertCommunityAdmin(caller, communityId);
    const rows: Array<{ language: string; phrases: string[] }> = await this.dataSource.query(
      `SELECT language, phrases FROM crisis_phrase_sets WHERE community_id = $1 ORDER BY language`,
      [communityId],
    );
    if (!rows.length) return { communityId, isDefault: true, items: Object.entries(DEFAULT_CRISIS_PHRASES).map(([language, phrases]) => ({ language, phrases })) };
    return { communityId, isDefault: false, items: rows };
  }

  async putCrisisPhrases(caller: AuthUser, communityId: string, dto: PutCrisisPhrasesDto): Promise<CrisisPhrasesView> {
    await this.access.assertCommunityAdmin(caller, communityId);
    const languages = dto.items.map((i) => i.language);
    if (new Set(languages).size !== languages.length) throw this.access.errors.invalid('items', 'must name each language once');
    await this.transactions.run(async (tx) => {
      await this.ensureSettings(tx, communityId, caller.id);
      await tx.em.query(`DELETE FROM crisis_phrase_sets WHERE community_id = $1`, [communityId]);
      for (const item of dto.items) {
        const phrases = [...new Set(item.phrases.map((p) => p.trim()).filter(Boolean))];
        await tx.em.query(`INSERT INTO crisis_phrase_sets (community_id, language, phrases, updated_by) VALUES ($1, $2, $3, $4)`, [communityId, item.language, phrases, caller.id]);
      }
      await this.bump(tx, communityId, caller.id);
      await this.audit.record(tx, { action: 'crisis.phrases.updated', actorId: caller.id, communityId, details: { languages } });
    });
    return this.getCrisisPhrases(caller, communityId);
  }
}
