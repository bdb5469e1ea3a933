import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser } from '@hearth/common';
import { AuditService } from '@hearth/audit';
import { Transactions } from '@hearth/database';
import { CommunityAccess } from '../community-access';
import { PutCrisisResourcesDto } from '../dto/automod.dto';
import { SupportNowDto } from '../dto/moderation.dto';
import { CrisisResourceListView, SupportNowView } from '../dto/moderation.views';
import { moderationErrors } from '../moderation.errors';
import { ModerationScope } from '../moderation-scope';
import { CrisisResource, DEFAULT_CRISIS_RESOURCES } from './crisis-defaults';

/** A part of a person's own safety plan (warning signs, what helps, people to call…), shown before any hotline. */
export interface SafetyPlanPart {
  kind: string;
  title: string;
  items: string[];
}

/**
 * THE SEAM for the person's own safety plan (@hearth/recovery). Until it is wired
 * (`CrisisService.usePersonalPlanProvider`), nobody has a plan and only resources are shown.
 */
export interface PersonalSafetyPlanProvider {
  personalPlanFor(userId: string): Promise<SafetyPlanPart[] | null>;
}

export interface ResourcesFor {
  /** One or two resources for the language and country, first. */
  resources: CrisisResource[];
  /** The rest (directory, emergency number, other countries). */
  more: CrisisResource[];
}

/** How many resources lead before "more". */
const LEADING = 2;

/**
 * Crisis resources per community (platform defaults for rooms without a group),
 * and "I need support now". Exported for the peers lib.
 */
@Injectable()
export class CrisisService {
  private readonly logger = new Logger('Crisis');
  private planProvider: PersonalSafetyPlanProvider | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly access: CommunityAccess,
    private readonly scope: ModerationScope,
  ) {}

  /** Wires the person's own safety plan in (called once by whoever provides it). */
  usePersonalPlanProvider(provider: PersonalSafetyPlanProvider): void {
    this.planProvider = provider;
  }

  async personalPlanFor(userId: string): Promise<SafetyPlanPart[]> {
    if (!this.planProvider) return [];
    try {
      return (await this.planProvider.personalPlanFor(userId)) ?? [];
    } catch (e) {
      // Resources must still reach the person if the plan cannot be read.
      this.logger.warn(`Safety plan unavailable: ${(e as Error)?.name}`);
      return [];
    }
  }

  private async listFor(communityId: string | null | undefined): Promise<{ resources: CrisisResource[]; isDefault: boolean }> {
    if (communityId) {
      const rows: Array<{ resources: CrisisResource[] }> = await this.dataSource.query(`SELECT resources FROM crisis_resource_sets WHERE community_id = $1`, [communityId]);
      if (rows[0]?.resources?.length) return { resources: rows[0].resources, isDefault: false };
    }
    return { resources: DEFAULT_CRISIS_RESOURCES, isDefault: true };
  }

  /** Resources for a person: those for their country and language first, then the rest. */
  async resourcesFor(q: { communityId?: string | null; language?: string | null; country?: string | null }): Promise<ResourcesFor> {
    return rankResources((await this.listFor(q.communityId)).resources, q.language ?? null, q.country ?? null);
  }

  /** Anyone signed in may read where to find help. */
  async getResources(communityId: string): Promise<CrisisResourceListView> {
    if (!(await this.scope.communityExists(communityId))) throw moderationErrors.communityNotFound();
    const { resources, isDefault } = await this.listFor(communityId);
    return { communityId, isDefault, resources };
  }

  async putResources(caller: AuthUser, communityId: string, dto: PutCrisisResourcesDto): Promise<CrisisResourceListView> {
    await this.access.assertCommunityAdmin(caller, communityId);
    const resources: CrisisResource[] = dto.resources.map((r) => ({
      name: r.name.trim(),
      phone: r.phone ?? null,
      text: r.text ?? null,
      website: r.website ?? null,
      hours: r.hours ?? null,
      countries: r.countries ?? [],
      languages: r.languages ?? [],
      lastVerifiedOn: r.lastVerifiedOn,
    }));
    await this.transactions.run(async (tx) => {
      if (!resources.length) await tx.em.query(`DELETE FROM crisis_resource_sets WHERE community_id = $1`, [communityId]);
      else {
        await tx.em.query(
          `INSERT INTO crisis_resource_sets (community_id, resources, updated_by) VALUES ($1, $2, $3)
           ON CONFLICT (community_id) DO UPDATE SET resources = EXCLUDED.resources, updated_by = EXCLUDED.updated_by, updated_at = now()`,
          [communityId, JSON.stringify(resources), caller.id],
        );
      }
      await this.audit.record(tx, { action: 'crisis.resources.updated', actorId: caller.id, communityId, details: { count: resources.length } });
    });
    return this.getResources(communityId);
  }

  /** "I need support now": the person's own plan first, then resources, at once. */
  async supportNow(caller: AuthUser, dto: SupportNowDto): Promise<SupportNowView> {
    let communityId: string | null = null;
    if (dto.roomId) {
      if (!(await this.scope.isRoomMember(dto.roomId, caller.id))) throw moderationErrors.roomNotFound();
      communityId = (await this.scope.room(dto.roomId))?.communityId ?? null;
    }
    const language = dto.language ?? (await this.languageOf(caller.id));
    const [found, personalPlan] = await Promise.all([this.resourcesFor({ communityId, language, country: dto.country ?? null }), this.personalPlanFor(caller.id)]);
    return { personalPlan, resources: found.resources, more: found.more, supportRequestId: null };
  }

  /** The person's first language, if they gave any (read-only read of the users lib's users). */
  async languageOf(userId: string): Promise<string | null> {
    const rows: Array<{ languages: string[] | null }> = await this.dataSource.query(`SELECT languages FROM users WHERE id = $1`, [userId]);
    return rows[0]?.languages?.[0]?.slice(0, 2).toLowerCase() ?? null;
  }
}

/** Pure: the leading resources for a language and country, then the rest. */
export function rankResources(all: readonly CrisisResource[], language: string | null, country: string | null): ResourcesFor {
  const score = (r: CrisisResource) => {
    let s = 0;
    if (country && r.countries.includes(country)) s += 4;
    else if (r.countries.length) s -= country ? 4 : 3;
    if (language && r.languages.includes(language)) s += 2;
    else if (r.languages.length && language) s -= 1;
    if (!r.countries.length && !r.languages.length) s += 1;
    return s;
  };
  const ranked = all.map((r, i) => ({ r, i, s: score(r) })).sort((a, b) => b.s - a.s || a.i - b.i);
  return { resources: ranked.slice(0, LEADING).map((x) => x.r), more: ranked.slice(LEADING).map((x) => x.r) };
}
