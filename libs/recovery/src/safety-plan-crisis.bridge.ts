import { Injectable, OnModuleInit } from '@nestjs/common';
import { CrisisService, SafetyPlanPart } from '@hearth/moderation';
import { SafetyPlanService } from './safety-plan.service';

/**
 * Care led by the person's own plan: when a message suggests a crisis (or they
 * press "I need support now"), the moderation lib's crisis flow shows the parts
 * of their own safety plan first — the people they can ask for help and what
 * helps them — and the community's resources after.
 */
@Injectable()
export class SafetyPlanCrisisBridge implements OnModuleInit {
  constructor(
    private readonly crisis: CrisisService,
    private readonly plans: SafetyPlanService,
  ) {}

  onModuleInit(): void {
    this.crisis.usePersonalPlanProvider({ personalPlanFor: (userId) => this.partsFor(userId) });
  }

  async partsFor(userId: string): Promise<SafetyPlanPart[] | null> {
    const p = await this.plans.crisisExcerpt(userId);
    if (!p) return null;
    const parts: SafetyPlanPart[] = [
      { kind: 'people_i_can_ask', title: 'People I can ask for help', items: p.peopleICanAsk },
      { kind: 'what_helps_me', title: 'What helps me', items: p.whatHelpsMe },
      { kind: 'services_i_can_contact', title: 'Services I can contact', items: p.servicesICanContact },
      { kind: 'what_matters_to_me', title: 'What matters to me', items: p.whatMattersToMe },
    ];
    return parts.filter((x) => x.items.length > 0);
  }
}
