import { RecoveryCheckIn } from './entities/recovery-check-in.entity';
import { RecoveryGoal } from './entities/recovery-goal.entity';
import { RecoveryGoalStep } from './entities/recovery-goal-step.entity';
import { RecoveryIndicator } from './entities/recovery-indicator.entity';
import { SafetyPlan } from './entities/safety-plan.entity';
import { CheckInView, GoalView, IndicatorView, SafetyPlanView, StepView } from './dto/recovery.view';

export const toStepView = (s: RecoveryGoalStep): StepView => ({ id: s.id, text: s.text, done: s.done, doneAt: s.doneAt?.toISOString() ?? null });

export const toGoalView = (g: RecoveryGoal, steps: RecoveryGoalStep[]): GoalView => ({
  id: g.id,
  title: g.title,
  why: g.why,
  status: g.status,
  targetDate: g.targetDate,
  steps: steps.map(toStepView),
  createdAt: g.createdAt.toISOString(),
  updatedAt: g.updatedAt.toISOString(),
});

export const toIndicatorView = (i: RecoveryIndicator): IndicatorView => ({
  id: i.id,
  name: i.name,
  scaleMin: i.scaleMin,
  scaleMax: i.scaleMax,
  minLabel: i.minLabel,
  maxLabel: i.maxLabel,
  domain: i.domain,
  createdAt: i.createdAt.toISOString(),
  updatedAt: i.updatedAt.toISOString(),
});

export const toCheckInView = (c: RecoveryCheckIn): CheckInView => ({
  id: c.id,
  indicatorId: c.indicatorId,
  value: c.value,
  note: c.note,
  at: c.at.toISOString(),
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});

export const emptySafetyPlan = (): SafetyPlanView => ({
  warningSigns: [],
  copingStrategies: [],
  distractions: [],
  peopleICanAsk: [],
  services: [],
  saferSpace: [],
  whatMatters: [],
  updatedAt: null,
});

export const toSafetyPlanView = (p: SafetyPlan | null): SafetyPlanView =>
  p
    ? {
        warningSigns: p.warningSigns,
        copingStrategies: p.copingStrategies,
        distractions: p.distractions,
        peopleICanAsk: p.peopleICanAsk,
        services: p.services,
        saferSpace: p.saferSpace,
        whatMatters: p.whatMatters,
        updatedAt: p.updatedAt.toISOString(),
      }
    : emptySafetyPlan();
