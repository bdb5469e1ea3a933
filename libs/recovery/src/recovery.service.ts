import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { keyset } from '@hearth/common';
import { Transactions } from '@hearth/database';
import { RecoveryPlan } from './entities/recovery-plan.entity';
import { RecoveryGoal } from './entities/recovery-goal.entity';
import { RecoveryGoalStep } from './entities/recovery-goal-step.entity';
import { RecoveryIndicator } from './entities/recovery-indicator.entity';
import { RecoveryCheckIn } from './entities/recovery-check-in.entity';
import { PutPlanDto } from './dto/put-plan.dto';
import { CreateGoalDto, MAX_STEPS_PER_GOAL } from './dto/create-goal.dto';
import { UpdateGoalDto } from './dto/update-goal.dto';
import { CreateStepDto } from './dto/create-step.dto';
import { UpdateStepDto } from './dto/update-step.dto';
import { CreateIndicatorDto } from './dto/create-indicator.dto';
import { UpdateIndicatorDto } from './dto/update-indicator.dto';
import { CreateCheckInDto } from './dto/create-check-in.dto';
import { UpdateCheckInDto } from './dto/update-check-in.dto';
import { TrendQueryDto } from './dto/trend-query.dto';
import { AdoptTemplateDto } from './dto/adopt-template.dto';
import {
  AdoptedView,
  CheckInPageView,
  CheckInView,
  GoalListView,
  GoalView,
  IndicatorListView,
  IndicatorView,
  PlanView,
  StepView,
  TemplateListView,
  TrendView,
} from './dto/recovery.view';
import { recoveryErrors } from './recovery.errors';
import { toCheckInView, toGoalView, toIndicatorView, toStepView } from './recovery.mappers';
import { CHIME_TEMPLATES } from './chime-templates';
import { csvField, csvLine } from './csv';

export const MAX_GOALS = 100;
export const MAX_INDICATORS = 50;
/** A check-in may be stamped a little ahead of the server clock (clock skew), never later. */
const FUTURE_SKEW_MS = 5 * 60 * 1000;
const DAY_MS = 24 * 3600 * 1000;
const MAX_TREND_RANGE_MS = 5 * 366 * DAY_MS;

/**
 * The person's own plan. Every method takes the caller's id and touches only
 * rows whose `user_id` is that id: another person's ids read as "not found".
 * Nobody else (peer, moderator, admin) reaches these methods; peers read only
 * through a share (RecoverySharesService).
 */
@Injectable()
export class RecoveryService {
  constructor(
    private readonly transactions: Transactions,
    @InjectRepository(RecoveryPlan) private readonly plans: Repository<RecoveryPlan>,
    @InjectRepository(RecoveryGoal) private readonly goals: Repository<RecoveryGoal>,
    @InjectRepository(RecoveryGoalStep) private readonly steps: Repository<RecoveryGoalStep>,
    @InjectRepository(RecoveryIndicator) private readonly indicators: Repository<RecoveryIndicator>,
    @InjectRepository(RecoveryCheckIn) private readonly checkIns: Repository<RecoveryCheckIn>,
  ) {}

  // --- plan statement -------------------------------------------------------

  async getPlan(userId: string): Promise<PlanView> {
    const [plan, goalCount, indicatorCount] = await Promise.all([
      this.plans.findOne({ where: { userId } }),
      this.goals.count({ where: { userId } }),
      this.indicators.count({ where: { userId } }),
    ]);
    return { statement: plan?.statement ?? '', updatedAt: plan?.updatedAt.toISOString() ?? null, goalCount, indicatorCount };
  }

  async putPlan(userId: string, dto: PutPlanDto): Promise<PlanView> {
    await this.plans.query(
      `INSERT INTO recovery_plans (user_id, statement) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET statement = EXCLUDED.statement, updated_at = now()`,
      [userId, dto.statement],
    );
    return this.getPlan(userId);
  }

  // --- goals and steps ------------------------------------------------------

  async listGoals(userId: string): Promise<GoalListView> {
    const goals = await this.goals.find({ where: { userId }, order: { createdAt: 'ASC', id: 'ASC' } });
    return { items: await this.goalViews(goals) };
  }

  /** Goals with their steps, in one query for the steps. Also used to show shared goals. */
  async goalViews(goals: RecoveryGoal[], em: EntityManager = this.goals.manager): Promise<GoalView[]> {
    if (!goals.length) return [];
    const steps = await em.find(RecoveryGoalStep, { where: { goalId: In(goals.map((g) => g.id)) }, order: { position: 'ASC', id: 'ASC' } });
    return goals.map((g) => toGoalView(g, steps.filter((s) => s.goalId === g.id)));
  }

  async getGoal(userId: string, goalId: string): Promise<GoalView> {
    const goal = await this.ownGoal(userId, goalId);
    return (await this.goalViews([goal]))[0];
  }

  async createGoal(userId: string, dto: CreateGoalDto): Promise<GoalView> {
    const goal = await this.transactions.run(async (tx) => {
      // Serialises this person's concurrent creates so the cap holds.
      await tx.em.query(`SELECT pg_advisory_xact_lock(hashtext('recovery_goals:' || $1))`, [userId]);
      if ((await tx.em.count(RecoveryGoal, { where: { userId } })) >= MAX_GOALS) throw recoveryErrors.tooMany('goals', MAX_GOALS);
      const saved = await tx.em.save(
        tx.em.create(RecoveryGoal, { userId, title: dto.title.trim(), why: dto.why?.trim() ?? '', status: dto.status ?? 'active', targetDate: dto.targetDate ?? null }),
      );
      const steps = (dto.steps ?? []).map((s, i) =>
        tx.em.create(RecoveryGoalStep, { goalId: saved.id, userId, text: s.text.trim(), done: s.done ?? false, doneAt: s.done ? new Date() : null, position: i }),
      );
      if (steps.length) await tx.em.save(steps);
      return saved;
    });
    return this.getGoal(userId, goal.id);
  }

  async updateGoal(userId: string, goalId: string, dto: UpdateGoalDto): Promise<GoalView> {
    const goal = await this.ownGoal(userId, goalId);
    if (dto.title !== undefined) goal.title = dto.title.trim();
    if (dto.why !== undefined) goal.why = dto.why.trim();
    if (dto.status !== undefined) goal.status = dto.status;
    if (dto.targetDate !== undefined) goal.targetDate = dto.targetDate;
    await this.goals.save(goal);
    return this.getGoal(userId, goalId);
  }

  async deleteGoal(userId: string, goalId: string): Promise<void> {
    await this.transactions.run(async (tx) => {
      const res = await tx.em.delete(RecoveryGoal, { id: goalId, userId });
      if (!res.affected) throw recoveryErrors.goalNotFound();
      // A deleted goal leaves every share it was part of (the owner's list then shows what is really shared).
      await tx.em.query(`UPDATE recovery_shares SET goal_ids = array_remove(goal_ids, $2) WHERE owner_id = $1 AND $2 = ANY (goal_ids)`, [userId, goalId]);
    });
  }

  async addStep(userId: string, goalId: string, dto: CreateStepDto): Promise<StepView> {
    return this.transactions.run(async (tx) => {
      // Locks the goal row: concurrent adds get distinct positions and the cap holds.
      const goal = await tx.em.findOne(RecoveryGoal, { where: { id: goalId, userId }, lock: { mode: 'pessimistic_write' } });
      if (!goal) throw recoveryErrors.goalNotFound();
      const [{ n, next }]: Array<{ n: number; next: number }> = await tx.em.query(
        `SELECT count(*)::int AS n, COALESCE(max(position) + 1, 0)::int AS next FROM recovery_goal_steps WHERE goal_id = $1`,
        [goalId],
      );
      if (n >= MAX_STEPS_PER_GOAL) throw recoveryErrors.tooMany('steps in a goal', MAX_STEPS_PER_GOAL);
      const step = await tx.em.save(
        tx.em.create(RecoveryGoalStep, { goalId, userId, text: dto.text.trim(), done: dto.done ?? false, doneAt: dto.done ? new Date() : null, position: next }),
      );
      await tx.em.update(RecoveryGoal, { id: goalId }, { updatedAt: () => 'now()' });
      return toStepView(step);
    });
  }

  async updateStep(userId: string, goalId: string, stepId: string, dto: UpdateStepDto): Promise<StepView> {
    const step = await this.steps.findOne({ where: { id: stepId, goalId, userId } });
    if (!step) throw recoveryErrors.stepNotFound();
    if (dto.text !== undefined) step.text = dto.text.trim();
    if (dto.done !== undefined && dto.done !== step.done) {
      step.done = dto.done;
      step.doneAt = dto.done ? new Date() : null;
    }
    await this.steps.save(step);
    return toStepView(step);
  }

  async deleteStep(userId: string, goalId: string, stepId: string): Promise<void> {
    const res = await this.steps.delete({ id: stepId, goalId, userId });
    if (!res.affected) throw recoveryErrors.stepNotFound();
  }

  // --- indicators and check-ins ---------------------------------------------

  async listIndicators(userId: string): Promise<IndicatorListView> {
    const rows = await this.indicators.find({ where: { userId }, order: { createdAt: 'ASC', id: 'ASC' } });
    return { items: rows.map(toIndicatorView) };
  }

  async getIndicator(userId: string, indicatorId: string): Promise<IndicatorView> {
    return toIndicatorView(await this.ownIndicator(userId, indicatorId));
  }

  async createIndicator(userId: string, dto: CreateIndicatorDto): Promise<IndicatorView> {
    assertScale(dto.scaleMin, dto.scaleMax);
    const saved = await this.transactions.run(async (tx) => {
      await tx.em.query(`SELECT pg_advisory_xact_lock(hashtext('recovery_indicators:' || $1))`, [userId]);
      if ((await tx.em.count(RecoveryIndicator, { where: { userId } })) >= MAX_INDICATORS) throw recoveryErrors.tooMany('indicators', MAX_INDICATORS);
      return tx.em.save(
        tx.em.create(RecoveryIndicator, {
          userId,
          name: dto.name.trim(),
          scaleMin: dto.scaleMin,
          scaleMax: dto.scaleMax,
          minLabel: blankToNull(dto.minLabel),
          maxLabel: blankToNull(dto.maxLabel),
          domain: blankToNull(dto.domain),
        }),
      );
    });
    return toIndicatorView(saved);
  }

  async updateIndicator(userId: string, indicatorId: string, dto: UpdateIndicatorDto): Promise<IndicatorView> {
    return this.transactions.run(async (tx) => {
      const ind = await tx.em.findOne(RecoveryIndicator, { where: { id: indicatorId, userId }, lock: { mode: 'pessimistic_write' } });
      if (!ind) throw recoveryErrors.indicatorNotFound();
      const scaleMin = dto.scaleMin ?? ind.scaleMin;
      const scaleMax = dto.scaleMax ?? ind.scaleMax;
      assertScale(scaleMin, scaleMax);
      if (scaleMin !== ind.scaleMin || scaleMax !== ind.scaleMax) {
        // Check-in inserts lock the indicator row too, so none slips in between this check and the update.
        const [{ outside }]: Array<{ outside: number }> = await tx.em.query(
          `SELECT count(*)::int AS outside FROM recovery_check_ins WHERE indicator_id = $1 AND (value < $2 OR value > $3)`,
          [ind.id, scaleMin, scaleMax],
        );
        if (outside > 0) throw recoveryErrors.scaleBelowCheckIns();
      }
      ind.scaleMin = scaleMin;
      ind.scaleMax = scaleMax;
      if (dto.name !== undefined) ind.name = dto.name.trim();
      if (dto.minLabel !== undefined) ind.minLabel = blankToNull(dto.minLabel);
      if (dto.maxLabel !== undefined) ind.maxLabel = blankToNull(dto.maxLabel);
      if (dto.domain !== undefined) ind.domain = blankToNull(dto.domain);
      return toIndicatorView(await tx.em.save(ind));
    });
  }

  async deleteIndicator(userId: string, indicatorId: string): Promise<void> {
    await this.transactions.run(async (tx) => {
      const res = await tx.em.delete(RecoveryIndicator, { id: indicatorId, userId });
      if (!res.affected) throw recoveryErrors.indicatorNotFound();
      await tx.em.query(`UPDATE recovery_shares SET indicator_ids = array_remove(indicator_ids, $2) WHERE owner_id = $1 AND $2 = ANY (indicator_ids)`, [userId, indicatorId]);
    });
  }

  async addCheckIn(userId: string, indicatorId: string, dto: CreateCheckInDto): Promise<CheckInView> {
    const at = dto.at === undefined ? new Date() : checkInTime(dto.at);
    return this.transactions.run(async (tx) => {
      const ind = await tx.em.findOne(RecoveryIndicator, { where: { id: indicatorId, userId }, lock: { mode: 'pessimistic_read' } });
      if (!ind) throw recoveryErrors.indicatorNotFound();
      assertInScale(dto.value, ind);
      const saved = await tx.em.save(tx.em.create(RecoveryCheckIn, { indicatorId, userId, value: dto.value, note: blankToNull(dto.note), at }));
      return toCheckInView(saved);
    });
  }

  async listCheckIns(userId: string, indicatorId: string, limit = 50, cursor?: string): Promise<CheckInPageView> {
    // A malformed cursor is the client's mistake whatever the id: 400 before any lookup.
    const page = keyset({ limit, cursor }, { t: 'string', id: 'uuid' }, 50);
    await this.ownIndicator(userId, indicatorId);
    const qb = this.checkIns
      .createQueryBuilder('c')
      .where('c.indicator_id = :indicatorId AND c.user_id = :userId', { indicatorId, userId })
      .orderBy('c.at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .limit(page.take);
    if (page.after) qb.andWhere('(c.at, c.id) < (:t::timestamptz, :id::uuid)', { t: page.after.t, id: page.after.id });
    const { rows, nextCursor } = page.page(await qb.getMany(), (last) => ({ t: last.at.toISOString(), id: last.id }));
    return { items: rows.map(toCheckInView), nextCursor };
  }

  async updateCheckIn(userId: string, checkInId: string, dto: UpdateCheckInDto): Promise<CheckInView> {
    return this.transactions.run(async (tx) => {
      const c = await tx.em.findOne(RecoveryCheckIn, { where: { id: checkInId, userId } });
      if (!c) throw recoveryErrors.checkInNotFound();
      if (dto.value !== undefined) {
        const ind = await tx.em.findOne(RecoveryIndicator, { where: { id: c.indicatorId, userId }, lock: { mode: 'pessimistic_read' } });
        if (!ind) throw recoveryErrors.checkInNotFound();
        assertInScale(dto.value, ind);
        c.value = dto.value;
      }
      if (dto.note !== undefined) c.note = blankToNull(dto.note);
      if (dto.at !== undefined) c.at = checkInTime(dto.at);
      return toCheckInView(await tx.em.save(c));
    });
  }

  async deleteCheckIn(userId: string, checkInId: string): Promise<void> {
    const res = await this.checkIns.delete({ id: checkInId, userId });
    if (!res.affected) throw recoveryErrors.checkInNotFound();
  }

  // --- trends ---------------------------------------------------------------

  async trend(userId: string, indicatorId: string, q: TrendQueryDto): Promise<TrendView> {
    const indicator = await this.ownIndicator(userId, indicatorId);
    const { from, to } = range(q);
    const series: Array<{ id: string; at: Date; value: number }> = await this.checkIns.query(
      `SELECT id, at, value FROM recovery_check_ins WHERE indicator_id = $1 AND user_id = $2 AND at >= $3 AND at < $4 ORDER BY at, id LIMIT 10000`,
      [indicatorId, userId, from, to],
    );
    const timeZone = q.timeZone ?? 'UTC';
    if (timeZone !== 'UTC' && !(await this.checkIns.query(`SELECT 1 FROM pg_timezone_names WHERE name = $1`, [timeZone])).length) {
      throw recoveryErrors.invalid('timeZone', 'must be an IANA time zone such as Europe/Lisbon');
    }
    // Weeks start on Monday (ISO weeks) in the person's time zone; an average of their own values, for them alone.
    const weekly: Array<{ week: string; average: string; count: number; min: number; max: number }> = await this.checkIns.query(
      `SELECT to_char(date_trunc('week', at AT TIME ZONE $5), 'YYYY-MM-DD') AS week, avg(value)::float8 AS average,
              count(*)::int AS count, min(value) AS min, max(value) AS max
         FROM recovery_check_ins WHERE indicator_id = $1 AND user_id = $2 AND at >= $3 AND at < $4
        GROUP BY 1 ORDER BY 1`,
      [indicatorId, userId, from, to, timeZone],
    );
    return {
      indicator: toIndicatorView(indicator),
      timeZone,
      from: from.toISOString(),
      to: to.toISOString(),
      series: series.map((s) => ({ id: s.id, at: s.at.toISOString(), value: s.value })),
      weekly: weekly.map((w) => ({ weekStart: w.week, average: Math.round(Number(w.average) * 100) / 100, count: w.count, min: w.min, max: w.max })),
    };
  }

  /** The check-ins of one indicator as CSV lines (header first), oldest first, a page at a time. */
  async *checkInsCsv(userId: string, indicatorId: string, q: TrendQueryDto): AsyncGenerator<string> {
    const indicator = await this.ownIndicator(userId, indicatorId);
    const from = q.from ? new Date(q.from) : new Date(0);
    const to = q.to ? new Date(q.to) : new Date(Date.now() + FUTURE_SKEW_MS);
    yield csvLine(['indicator', 'at', 'value', 'scale_min', 'scale_max', 'note']);
    let after: { at: Date; id: string } | null = null;
    for (;;) {
      const rows: Array<{ id: string; at: Date; value: number; note: string | null }> = await this.checkIns.query(
        `SELECT id, at, value, note FROM recovery_check_ins
          WHERE indicator_id = $1 AND user_id = $2 AND at >= $3 AND at < $4 ${after ? 'AND (at, id) > ($5, $6)' : ''}
          ORDER BY at, id LIMIT 1000`,
        after ? [indicatorId, userId, from, to, after.at, after.id] : [indicatorId, userId, from, to],
      );
      for (const r of rows) {
        yield csvLine([csvField(indicator.name, { text: true }), csvField(r.at.toISOString()), csvField(r.value), csvField(indicator.scaleMin), csvField(indicator.scaleMax), csvField(r.note, { text: true })]);
      }
      if (rows.length < 1000) return;
      after = { at: rows[rows.length - 1].at, id: rows[rows.length - 1].id };
    }
  }

  async csvFileName(userId: string, indicatorId: string): Promise<string> {
    const ind = await this.ownIndicator(userId, indicatorId);
    return `check-ins-${ind.id}.csv`;
  }

  // --- templates -------------------------------------------------------------

  templates(): TemplateListView {
    return { items: CHIME_TEMPLATES.map((t) => ({ key: t.key, title: t.title, description: t.description, goal: t.goal, indicator: t.indicator })) };
  }

  /** Copies a template into the person's plan as their own goal and/or indicator, with no link back to the template. */
  async adoptTemplate(userId: string, key: string, dto: AdoptTemplateDto): Promise<AdoptedView> {
    const t = CHIME_TEMPLATES.find((x) => x.key === key);
    if (!t) throw recoveryErrors.templateNotFound();
    const parts = dto.parts ?? ['goal', 'indicator'];
    const goal = parts.includes('goal')
      ? await this.createGoal(userId, { title: t.goal.title, why: t.goal.why, steps: t.goal.steps.map((text) => ({ text })) })
      : null;
    const indicator = parts.includes('indicator') ? await this.createIndicator(userId, { ...t.indicator, domain: t.key }) : null;
    return { goal, indicator };
  }

  // --- for shares -------------------------------------------------------------

  /** Which of `ids` are goals of this person (to validate a share's parts). */
  async ownGoalIds(userId: string, ids: string[]): Promise<string[]> {
    if (!ids.length) return [];
    return (await this.goals.find({ select: { id: true }, where: { userId, id: In(ids) } })).map((g) => g.id);
  }

  async ownIndicatorIds(userId: string, ids: string[]): Promise<string[]> {
    if (!ids.length) return [];
    return (await this.indicators.find({ select: { id: true }, where: { userId, id: In(ids) } })).map((g) => g.id);
  }

  private async ownGoal(userId: string, goalId: string): Promise<RecoveryGoal> {
    const goal = await this.goals.findOne({ where: { id: goalId, userId } });
    if (!goal) throw recoveryErrors.goalNotFound();
    return goal;
  }

  private async ownIndicator(userId: string, indicatorId: string): Promise<RecoveryIndicator> {
    const ind = await this.indicators.findOne({ where: { id: indicatorId, userId } });
    if (!ind) throw recoveryErrors.indicatorNotFound();
    return ind;
  }
}

const blankToNull = (s: string | null | undefined): string | null => (s === null || s === undefined || !s.trim() ? null : s.trim());

function assertScale(min: number, max: number): void {
  if (min >= max) throw recoveryErrors.invalid('scaleMax', 'must be greater than scaleMin');
}

function assertInScale(value: number, ind: Pick<RecoveryIndicator, 'scaleMin' | 'scaleMax'>): void {
  if (value < ind.scaleMin || value > ind.scaleMax) throw recoveryErrors.valueOutOfScale(ind.scaleMin, ind.scaleMax);
}

function checkInTime(iso: string): Date {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) throw recoveryErrors.invalid('at', 'must be a date-time');
  if (at.getTime() > Date.now() + FUTURE_SKEW_MS) throw recoveryErrors.invalid('at', 'must not be in the future');
  if (at.getFullYear() < 1900) throw recoveryErrors.invalid('at', 'must be after 1900');
  return at;
}

function range(q: TrendQueryDto): { from: Date; to: Date } {
  const to = q.to ? new Date(q.to) : new Date();
  const from = q.from ? new Date(q.from) : new Date(to.getTime() - 90 * DAY_MS);
  if (Number.isNaN(from.getTime())) throw recoveryErrors.invalid('from', 'must be a date-time');
  if (Number.isNaN(to.getTime())) throw recoveryErrors.invalid('to', 'must be a date-time');
  if (from.getTime() >= to.getTime()) throw recoveryErrors.invalid('from', 'must be before to');
  if (to.getTime() - from.getTime() > MAX_TREND_RANGE_MS) throw recoveryErrors.invalid('from', 'range must be at most 5 years');
  if (from.getFullYear() < 1900 || to.getFullYear() > 9999) throw recoveryErrors.invalid('from', 'range must lie between 1900 and 9999');
  return { from, to };
}
