import { Injectable, OnModuleInit } from '@nestjs/common';
import { CrisisService } from '@hearth/moderation';
import { SafetyPlanService } from './safety-plan.service';

/**
 * Puts the person's own safety plan first in the crisis flow: moderation's
 * `crisis:resources` event and `POST /api/support/now` show these parts before
 * any community resource (moderation's seam, `CrisisService.usePersonalPlanProvider`).
 */
@Injectable()
export class RecoveryCrisisLink implements OnModuleInit {
  constructor(
    private readonly crisis: CrisisService,
    private readonly safetyPlans: SafetyPlanService,
  ) {}

  onModuleInit(): void {
    this.crisis.usePersonalPlanProvider({ personalPlanFor: (userId) => this.safetyPlans.crisisParts(userId) });
  }
}
