import { Injectable } from '@nestjs/common';
import { CrisisService } from '@hearth/moderation';
import type { CrisisResourceView, SafetyPlanPartView } from '@hearth/moderation';

export interface CrisisResourceQuery {
  communityId?: string | null;
  language?: string | null;
  country?: string | null;
}

export interface CrisisResourcesForMember {
  /** The member's own safety plan parts first (empty when they have none). */
  personalPlan: SafetyPlanPartView[];
  /** One or two resources for their language and country. */
  resources: CrisisResourceView[];
  more: CrisisResourceView[];
}

/**
 * What a member waiting for 1:1 support receives privately: the moderation lib's
 * crisis resources for the community, language and country (community-curated,
 * platform defaults otherwise), led by their own safety plan. The one place peers
 * asks for them.
 */
@Injectable()
export class SupportCrisisResources {
  constructor(private readonly crisis: CrisisService) {}

  async forMember(userId: string, q: CrisisResourceQuery): Promise<CrisisResourcesForMember> {
    const language = q.language ? q.language.toLowerCase().split('-')[0] : null;
    const [found, personalPlan] = await Promise.all([
      this.crisis.resourcesFor({ communityId: q.communityId ?? null, language, country: q.country?.toUpperCase() ?? null }),
      this.crisis.personalPlanFor(userId),
    ]);
    return { personalPlan, resources: found.resources, more: found.more };
  }
}
