import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { SafetyPlan } from './entities/safety-plan.entity';
import { PutSafetyPlanDto } from './dto/put-safety-plan.dto';
import { SafetyPlanView } from './dto/recovery.view';
import { toSafetyPlanView } from './recovery.mappers';

/** What the crisis flow shows first: the person's own words, before any community resource. */
export interface SafetyPlanCrisisExcerpt {
  peopleICanAsk: string[];
  whatHelpsMe: string[];
  servicesICanContact: string[];
  whatMattersToMe: string[];
}

/** The person's own safety plan. Only they read or change it (and a peer it is shared with, through a share). */
@Injectable()
export class SafetyPlanService {
  constructor(@InjectRepository(SafetyPlan) private readonly plans: Repository<SafetyPlan>) {}

  async get(userId: string): Promise<SafetyPlanView> {
    return toSafetyPlanView(await this.plans.findOne({ where: { userId } }));
  }

  async put(userId: string, dto: PutSafetyPlanDto): Promise<SafetyPlanView> {
    const clean = (xs: string[]) => xs.map((x) => x.trim());
    await this.plans.query(
      `INSERT INTO safety_plans (user_id, warning_signs, coping_strategies, distractions, people_i_can_ask, services, safer_space, what_matters)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (user_id) DO UPDATE SET warning_signs = EXCLUDED.warning_signs, coping_strategies = EXCLUDED.coping_strategies,
         distractions = EXCLUDED.distractions, people_i_can_ask = EXCLUDED.people_i_can_ask, services = EXCLUDED.services,
         safer_space = EXCLUDED.safer_space, what_matters = EXCLUDED.what_matters, updated_at = now()`,
      [
        userId,
        clean(dto.warningSigns),
        clean(dto.copingStrategies),
        clean(dto.distractions),
        clean(dto.peopleICanAsk),
        clean(dto.services),
        clean(dto.saferSpace),
        clean(dto.whatMatters),
      ],
    );
    return this.get(userId);
  }

  /**
   * For the moderation lib's crisis flow, shown privately to the person
   * themselves: null when they have not written a plan (or it has none of these steps).
   */
  async crisisExcerpt(userId: string): Promise<SafetyPlanCrisisExcerpt | null> {
    const p = await this.plans.findOne({ where: { userId } });
    if (!p) return null;
    const excerpt: SafetyPlanCrisisExcerpt = {
      peopleICanAsk: p.peopleICanAsk,
      whatHelpsMe: p.copingStrategies,
      servicesICanContact: p.services,
      whatMattersToMe: p.whatMatters,
    };
    return Object.values(excerpt).some((xs) => xs.length) ? excerpt : null;
  }
}
