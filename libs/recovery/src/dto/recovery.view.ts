import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class PlanView {
  @ApiProperty() statement: string;
  @ApiProperty({ nullable: true, type: String }) updatedAt: string | null;
  @ApiProperty() goalCount: number;
  @ApiProperty() indicatorCount: number;
}

export class StepView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() text: string;
  @ApiProperty() done: boolean;
  @ApiProperty({ nullable: true, type: String }) doneAt: string | null;
}

export class GoalView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() why: string;
  @ApiProperty({ enum: ['active', 'paused', 'achieved', 'let_go'] }) status: string;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) targetDate: string | null;
  @ApiProperty({ type: [StepView] }) steps: StepView[];
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class GoalListView {
  @ApiProperty({ type: [GoalView] }) items: GoalView[];
}

export class IndicatorView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() scaleMin: number;
  @ApiProperty() scaleMax: number;
  @ApiProperty({ nullable: true, type: String }) minLabel: string | null;
  @ApiProperty({ nullable: true, type: String }) maxLabel: string | null;
  @ApiProperty({ nullable: true, type: String }) domain: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class IndicatorListView {
  @ApiProperty({ type: [IndicatorView] }) items: IndicatorView[];
}

export class CheckInView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) indicatorId: string;
  @ApiProperty() value: number;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty() at: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class CheckInPageView {
  @ApiProperty({ type: [CheckInView] }) items: CheckInView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class TrendPointView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() at: string;
  @ApiProperty() value: number;
}

export class WeeklyAverageView {
  @ApiProperty({ format: 'date', description: 'The Monday the week starts on, in the requested time zone' }) weekStart: string;
  @ApiProperty() average: number;
  @ApiProperty() count: number;
  @ApiProperty() min: number;
  @ApiProperty() max: number;
}

export class TrendView {
  @ApiProperty({ type: IndicatorView }) indicator: IndicatorView;
  @ApiProperty({ description: 'The time zone weeks are counted in' }) timeZone: string;
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty({ type: [TrendPointView] }) series: TrendPointView[];
  @ApiProperty({ type: [WeeklyAverageView] }) weekly: WeeklyAverageView[];
}

export class SafetyPlanView {
  @ApiProperty({ type: [String] }) warningSigns: string[];
  @ApiProperty({ type: [String] }) copingStrategies: string[];
  @ApiProperty({ type: [String] }) distractions: string[];
  @ApiProperty({ type: [String] }) peopleICanAsk: string[];
  @ApiProperty({ type: [String] }) services: string[];
  @ApiProperty({ type: [String] }) saferSpace: string[];
  @ApiProperty({ type: [String] }) whatMatters: string[];
  @ApiProperty({ nullable: true, type: String }) updatedAt: string | null;
}

export class TemplateGoalView {
  @ApiProperty() title: string;
  @ApiProperty() why: string;
  @ApiProperty({ type: [String] }) steps: string[];
}

export class TemplateIndicatorView {
  @ApiProperty() name: string;
  @ApiProperty() scaleMin: number;
  @ApiProperty() scaleMax: number;
  @ApiProperty() minLabel: string;
  @ApiProperty() maxLabel: string;
}

export class TemplateView {
  @ApiProperty({ enum: ['connectedness', 'hope', 'identity', 'meaning', 'empowerment'] }) key: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: TemplateGoalView }) goal: TemplateGoalView;
  @ApiProperty({ type: TemplateIndicatorView }) indicator: TemplateIndicatorView;
}

export class TemplateListView {
  @ApiProperty({ type: [TemplateView] }) items: TemplateView[];
}

export class AdoptedView {
  @ApiProperty({ type: GoalView, nullable: true }) goal: GoalView | null;
  @ApiProperty({ type: IndicatorView, nullable: true }) indicator: IndicatorView | null;
}

export class PersonRefView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
}

export class SharePartsView {
  @ApiProperty() statement: boolean;
  @ApiProperty({ type: [String] }) goalIds: string[];
  @ApiProperty({ type: [String] }) indicatorIds: string[];
  @ApiProperty() safetyPlan: boolean;
}

export class ShareReadView {
  @ApiProperty({ type: PersonRefView, nullable: true }) reader: PersonRefView | null;
  @ApiProperty() at: string;
}

export class ShareCommentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: PersonRefView, nullable: true }) author: PersonRefView | null;
  @ApiProperty({ enum: ['statement', 'goal', 'indicator', 'safety_plan'] }) part: string;
  @ApiProperty({ nullable: true, type: String }) partId: string | null;
  @ApiProperty() body: string;
  @ApiProperty() createdAt: string;
}

export class ShareView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: PersonRefView, nullable: true }) peer: PersonRefView | null;
  @ApiProperty({ type: SharePartsView }) parts: SharePartsView;
  @ApiProperty({ nullable: true, type: String, description: 'Ends by itself then; null: until revoked' }) until: string | null;
  @ApiProperty({ nullable: true, type: String }) revokedAt: string | null;
  @ApiProperty({ description: 'The peer can read it right now' }) active: boolean;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) lastReadAt: string | null;
  @ApiProperty() readCount: number;
  @ApiProperty() commentCount: number;
}

export class ShareListView {
  @ApiProperty({ type: [ShareView] }) items: ShareView[];
}

export class ShareDetailView extends ShareView {
  @ApiProperty({ type: [ShareReadView], description: 'Who read it when (newest first, up to 200)' }) reads: ShareReadView[];
  @ApiProperty({ type: [ShareCommentView] }) comments: ShareCommentView[];
}

export class SharedIndicatorView extends IndicatorView {
  @ApiProperty({ type: [CheckInView], description: 'Check-ins, newest first (up to 500)' }) checkIns: CheckInView[];
}

/** What a peer worker sees: only the parts shared with them. */
export class SharedPlanView {
  @ApiProperty({ format: 'uuid' }) shareId: string;
  @ApiProperty({ type: PersonRefView }) owner: PersonRefView;
  @ApiProperty({ nullable: true, type: String }) until: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Present only when the statement is shared' }) statement?: string | null;
  @ApiProperty({ type: [GoalView] }) goals: GoalView[];
  @ApiProperty({ type: [SharedIndicatorView] }) indicators: SharedIndicatorView[];
  @ApiPropertyOptional({ type: SafetyPlanView, nullable: true, description: 'Present only when the safety plan is shared' }) safetyPlan?: SafetyPlanView | null;
  @ApiProperty({ type: [ShareCommentView] }) comments: ShareCommentView[];
}

export class IncomingShareView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: PersonRefView }) owner: PersonRefView;
  @ApiProperty({ type: SharePartsView }) parts: SharePartsView;
  @ApiProperty({ nullable: true, type: String }) until: string | null;
  @ApiProperty() createdAt: string;
}

export class IncomingShareListView {
  @ApiProperty({ type: [IncomingShareView] }) items: IncomingShareView[];
}
