import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthUser, CurrentUser, PageQueryDto, writeStream } from '@hearth/common';
import { RecoveryService } from './recovery.service';
import { PutPlanDto } from './dto/put-plan.dto';
import { CreateGoalDto } from './dto/create-goal.dto';
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


const uuid = new ParseUUIDPipe();

/** The caller's own recovery plan. Nobody else, whatever their role, reaches another person's plan here. */
@ApiTags('recovery')
@ApiBearerAuth()
@Controller('me/recovery')
export class RecoveryController {
  constructor(private readonly recovery: RecoveryService) {}

  @Get('plan')
  @ApiOperation({ summary: 'My statement of what recovery means to me (private to me)' })
  @ApiOkResponse({ type: PlanView })
  getPlan(@CurrentUser() user: AuthUser): Promise<PlanView> {
    return this.recovery.getPlan(user.id);
  }

  @Put('plan')
  @ApiOperation({ summary: 'Write my statement' })
  @ApiOkResponse({ type: PlanView })
  putPlan(@CurrentUser() user: AuthUser, @Body() dto: PutPlanDto): Promise<PlanView> {
    return this.recovery.putPlan(user.id, dto);
  }

  @Get('goals')
  @ApiOperation({ summary: 'My goals with their steps' })
  @ApiOkResponse({ type: GoalListView })
  listGoals(@CurrentUser() user: AuthUser): Promise<GoalListView> {
    return this.recovery.listGoals(user.id);
  }

  @Post('goals')
  @ApiOperation({ summary: 'Add a goal in my own words, optionally with steps (at most 100 goals)' })
  @ApiCreatedResponse({ type: GoalView })
  createGoal(@CurrentUser() user: AuthUser, @Body() dto: CreateGoalDto): Promise<GoalView> {
    return this.recovery.createGoal(user.id, dto);
  }

  @Get('goals/:goalId')
  @ApiOperation({ summary: 'One of my goals' })
  @ApiOkResponse({ type: GoalView })
  getGoal(@CurrentUser() user: AuthUser, @Param('goalId', uuid) goalId: string): Promise<GoalView> {
    return this.recovery.getGoal(user.id, goalId);
  }

  @Patch('goals/:goalId')
  @ApiOperation({ summary: 'Change a goal (title, why, status, target date)' })
  @ApiOkResponse({ type: GoalView })
  updateGoal(@CurrentUser() user: AuthUser, @Param('goalId', uuid) goalId: string, @Body() dto: UpdateGoalDto): Promise<GoalView> {
    return this.recovery.updateGoal(user.id, goalId, dto);
  }

  @Delete('goals/:goalId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a goal and its steps' })
  @ApiNoContentResponse()
  deleteGoal(@CurrentUser() user: AuthUser, @Param('goalId', uuid) goalId: string): Promise<void> {
    return this.recovery.deleteGoal(user.id, goalId);
  }

  @Post('goals/:goalId/steps')
  @ApiOperation({ summary: 'Add a small step to a goal (at most 50)' })
  @ApiCreatedResponse({ type: StepView })
  addStep(@CurrentUser() user: AuthUser, @Param('goalId', uuid) goalId: string, @Body() dto: CreateStepDto): Promise<StepView> {
    return this.recovery.addStep(user.id, goalId, dto);
  }

  @Patch('goals/:goalId/steps/:stepId')
  @ApiOperation({ summary: 'Change a step or mark it done / not done' })
  @ApiOkResponse({ type: StepView })
  updateStep(
    @CurrentUser() user: AuthUser,
    @Param('goalId', uuid) goalId: string,
    @Param('stepId', uuid) stepId: string,
    @Body() dto: UpdateStepDto,
  ): Promise<StepView> {
    return this.recovery.updateStep(user.id, goalId, stepId, dto);
  }

  @Delete('goals/:goalId/steps/:stepId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a step' })
  @ApiNoContentResponse()
  deleteStep(@CurrentUser() user: AuthUser, @Param('goalId', uuid) goalId: string, @Param('stepId', uuid) stepId: string): Promise<void> {
    return this.recovery.deleteStep(user.id, goalId, stepId);
  }

  @Get('indicators')
  @ApiOperation({ summary: 'The indicators I defined' })
  @ApiOkResponse({ type: IndicatorListView })
  listIndicators(@CurrentUser() user: AuthUser): Promise<IndicatorListView> {
    return this.recovery.listIndicators(user.id);
  }

  @Post('indicators')
  @ApiOperation({ summary: 'Define an indicator: a name in my words, a whole-number scale and labels for its two ends (at most 50)' })
  @ApiCreatedResponse({ type: IndicatorView })
  createIndicator(@CurrentUser() user: AuthUser, @Body() dto: CreateIndicatorDto): Promise<IndicatorView> {
    return this.recovery.createIndicator(user.id, dto);
  }

  @Get('indicators/:indicatorId')
  @ApiOperation({ summary: 'One of my indicators' })
  @ApiOkResponse({ type: IndicatorView })
  getIndicator(@CurrentUser() user: AuthUser, @Param('indicatorId', uuid) indicatorId: string): Promise<IndicatorView> {
    return this.recovery.getIndicator(user.id, indicatorId);
  }

  @Patch('indicators/:indicatorId')
  @ApiOperation({ summary: 'Change an indicator (a new scale must still fit every check-in: 409 otherwise)' })
  @ApiOkResponse({ type: IndicatorView })
  updateIndicator(@CurrentUser() user: AuthUser, @Param('indicatorId', uuid) indicatorId: string, @Body() dto: UpdateIndicatorDto): Promise<IndicatorView> {
    return this.recovery.updateIndicator(user.id, indicatorId, dto);
  }

  @Delete('indicators/:indicatorId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an indicator and its check-ins' })
  @ApiNoContentResponse()
  deleteIndicator(@CurrentUser() user: AuthUser, @Param('indicatorId', uuid) indicatorId: string): Promise<void> {
    return this.recovery.deleteIndicator(user.id, indicatorId);
  }

  @Post('indicators/:indicatorId/check-ins')
  @ApiOperation({ summary: 'Check in: a value within the indicator’s scale, an optional note, a time (default now)' })
  @ApiCreatedResponse({ type: CheckInView })
  addCheckIn(@CurrentUser() user: AuthUser, @Param('indicatorId', uuid) indicatorId: string, @Body() dto: CreateCheckInDto): Promise<CheckInView> {
    return this.recovery.addCheckIn(user.id, indicatorId, dto);
  }

  @Get('indicators/:indicatorId/check-ins')
  @ApiOperation({ summary: 'My check-ins for an indicator, newest first, cursor-paginated' })
  @ApiOkResponse({ type: CheckInPageView })
  listCheckIns(@CurrentUser() user: AuthUser, @Param('indicatorId', uuid) indicatorId: string, @Query() q: PageQueryDto): Promise<CheckInPageView> {
    return this.recovery.listCheckIns(user.id, indicatorId, q.limit ?? 50, q.cursor);
  }

  @Get('indicators/:indicatorId/trend')
  @ApiOperation({ summary: 'The series and weekly averages (ISO weeks, in timeZone, default UTC) over a range (default the last 90 days, at most 5 years)' })
  @ApiOkResponse({ type: TrendView })
  trend(@CurrentUser() user: AuthUser, @Param('indicatorId', uuid) indicatorId: string, @Query() q: TrendQueryDto): Promise<TrendView> {
    return this.recovery.trend(user.id, indicatorId, q);
  }

  @Get('indicators/:indicatorId/check-ins.csv')
  @ApiOperation({ summary: 'Download my check-ins for an indicator as CSV (oldest first; optional from/to)' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ schema: { type: 'string' }, description: 'CSV: indicator,at,value,scale_min,scale_max,note' })
  async csv(@CurrentUser() user: AuthUser, @Param('indicatorId', uuid) indicatorId: string, @Query() q: TrendQueryDto, @Res() res: Response): Promise<void> {
    const filename = await this.recovery.csvFileName(user.id, indicatorId);
    res.status(200);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    res.setHeader('Cache-Control', 'no-store');
    await writeStream(res, this.recovery.checkInsCsv(user.id, indicatorId, q));
  }

  @Patch('check-ins/:checkInId')
  @ApiOperation({ summary: 'Change one of my check-ins' })
  @ApiOkResponse({ type: CheckInView })
  updateCheckIn(@CurrentUser() user: AuthUser, @Param('checkInId', uuid) checkInId: string, @Body() dto: UpdateCheckInDto): Promise<CheckInView> {
    return this.recovery.updateCheckIn(user.id, checkInId, dto);
  }

  @Delete('check-ins/:checkInId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete one of my check-ins' })
  @ApiNoContentResponse()
  deleteCheckIn(@CurrentUser() user: AuthUser, @Param('checkInId', uuid) checkInId: string): Promise<void> {
    return this.recovery.deleteCheckIn(user.id, checkInId);
  }

  @Get('templates')
  @ApiOperation({ summary: 'Optional starter templates from the CHIME recovery domains (never required, never scored)' })
  @ApiOkResponse({ type: TemplateListView })
  templates(): TemplateListView {
    return this.recovery.templates();
  }

  @Post('templates/:key/adopt')
  @ApiOperation({ summary: 'Copy a template into my plan as my own goal and/or indicator, to rewrite as I like' })
  @ApiParam({ name: 'key', enum: ['connectedness', 'hope', 'identity', 'meaning', 'empowerment'] })
  @ApiCreatedResponse({ type: AdoptedView })
  adopt(@CurrentUser() user: AuthUser, @Param('key') key: string, @Body() dto: AdoptTemplateDto): Promise<AdoptedView> {
    return this.recovery.adoptTemplate(user.id, key, dto);
  }
}
