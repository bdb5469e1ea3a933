import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, PageQueryDto } from '@hearth/common';
import { ActionsService } from './actions.service';
import { AppealsService } from './appeals.service';
import { AutomodService } from './automod.service';
import { CasesService } from './cases.service';
import { CommunityModerationService } from './community-moderation.service';
import { CrisisService } from './crisis/crisis.service';
import { CreateAutomodRuleDto, PutCrisisPhrasesDto, PutCrisisResourcesDto } from './dto/automod.dto';
import {
  AppealDecisionDto,
  AppealDto,
  CaseNoteDto,
  CreateActionDto,
  CreateReportDto,
  ListAppealsDto,
  ListCasesDto,
  ModerationSettingsDto,
  NeedsResponseQueryDto,
  SupportNowDto,
} from './dto/moderation.dto';
import {
  ActionView,
  AppealListView,
  AppealView,
  AuditPageView,
  AutomodRuleListView,
  AutomodRuleView,
  CaseDetailView,
  CaseListView,
  CaseNoteView,
  CaseView,
  CrisisPhrasesView,
  CrisisResourceListView,
  ModerationSettingsView,
  MyReportListView,
  NeedsResponseListView,
  ReportCreatedView,
  RestrictionListView,
  SupportNowView,
} from './dto/moderation.views';
import { ReportsService } from './reports.service';

const uuid = new ParseUUIDPipe();

@ApiTags('reports')
@ApiBearerAuth()
@Controller()
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly appeals: AppealsService,
    private readonly crisis: CrisisService,
  ) {}

  @Post('reports')
  @ApiOperation({ summary: 'Report a message, or a person in a room you are in. The person never learns who reported; reports collapse into one case per message or person.' })
  @ApiCreatedResponse({ type: ReportCreatedView })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateReportDto): Promise<ReportCreatedView> {
    return this.reports.create(user, dto);
  }

  @Get('me/reports')
  @ApiOperation({ summary: 'My reports with their status and outcome (the action taken)' })
  @ApiOkResponse({ type: MyReportListView })
  mine(@CurrentUser() user: AuthUser, @Query() q: PageQueryDto): Promise<MyReportListView> {
    return this.reports.mine(user, q);
  }

  @Get('me/restrictions')
  @ApiOperation({ summary: 'Every restriction on me, with its rule, reason and end, and whether I can still appeal it' })
  @ApiOkResponse({ type: RestrictionListView })
  restrictions(@CurrentUser() user: AuthUser): Promise<RestrictionListView> {
    return this.appeals.restrictions(user);
  }

  @Post('support/now')
  @HttpCode(200)
  @ApiOperation({ summary: '"I need support now": my own safety plan first, then crisis resources for my language and country, at once' })
  @ApiOkResponse({ type: SupportNowView })
  supportNow(@CurrentUser() user: AuthUser, @Body() dto: SupportNowDto): Promise<SupportNowView> {
    return this.crisis.supportNow(user, dto);
  }
}

@ApiTags('moderation')
@ApiBearerAuth()
@Controller('moderation')
export class ModerationController {
  constructor(
    private readonly cases: CasesService,
    private readonly actions: ActionsService,
    private readonly appeals: AppealsService,
    private readonly community: CommunityModerationService,
  ) {}

  @Get('cases')
  @ApiOperation({ summary: 'The review queue: cases in rooms I moderate, crisis first, then pile-on, then oldest' })
  @ApiOkResponse({ type: CaseListView })
  list(@CurrentUser() user: AuthUser, @Query() q: ListCasesDto): Promise<CaseListView> {
    return this.cases.list(user, q);
  }

  @Get('cases/:caseId')
  @ApiOperation({ summary: 'A case with the message, a few messages of context, the person’s prior actions in this community and private notes (the read is audited)' })
  @ApiOkResponse({ type: CaseDetailView })
  detail(@CurrentUser() user: AuthUser, @Param('caseId', uuid) caseId: string): Promise<CaseDetailView> {
    return this.cases.detail(user, caseId);
  }

  @Post('cases/:caseId/claim')
  @HttpCode(200)
  @ApiOperation({ summary: 'Claim a case (others see who is on it)' })
  @ApiOkResponse({ type: CaseView })
  claim(@CurrentUser() user: AuthUser, @Param('caseId', uuid) caseId: string): Promise<CaseView> {
    return this.cases.claim(user, caseId);
  }

  @Post('cases/:caseId/notes')
  @ApiOperation({ summary: 'Add a private moderator note to a case' })
  @ApiCreatedResponse({ type: CaseNoteView })
  note(@CurrentUser() user: AuthUser, @Param('caseId', uuid) caseId: string, @Body() dto: CaseNoteDto): Promise<CaseNoteView> {
    return this.cases.addNote(user, caseId, dto);
  }

  @Post('actions')
  @ApiOperation({ summary: 'Take an action (dismiss, nudge, warn, hide, mute, remove, ban, suspend), citing a rule and a reason the person sees; resolves the case if given' })
  @ApiCreatedResponse({ type: ActionView })
  act(@CurrentUser() user: AuthUser, @Body() dto: CreateActionDto): Promise<ActionView> {
    return this.actions.take(user, dto);
  }

  @Post('actions/:actionId/appeal')
  @ApiOperation({ summary: 'Appeal an action about me, once, with a statement' })
  @ApiCreatedResponse({ type: AppealView })
  appeal(@CurrentUser() user: AuthUser, @Param('actionId', uuid) actionId: string, @Body() dto: AppealDto): Promise<AppealView> {
    return this.appeals.appeal(user, actionId, dto);
  }

  @Get('appeals')
  @ApiOperation({ summary: 'Appeals I can decide (community admins: their community’s; platform admins: all)' })
  @ApiOkResponse({ type: AppealListView })
  appealsList(@CurrentUser() user: AuthUser, @Query() q: ListAppealsDto): Promise<AppealListView> {
    return this.appeals.list(user, q);
  }

  @Post('appeals/:appealId/decision')
  @HttpCode(200)
  @ApiOperation({ summary: 'Decide an appeal (an admin other than the one who acted); granted lifts the restriction at once' })
  @ApiOkResponse({ type: AppealView })
  decide(@CurrentUser() user: AuthUser, @Param('appealId', uuid) appealId: string, @Body() dto: AppealDecisionDto): Promise<AppealView> {
    return this.appeals.decide(user, appealId, dto);
  }

  @Get('needs-response')
  @ApiOperation({ summary: '"No one left unanswered": group messages in rooms I moderate that nobody has answered yet' })
  @ApiOkResponse({ type: NeedsResponseListView })
  needsResponse(@CurrentUser() user: AuthUser, @Query() q: NeedsResponseQueryDto): Promise<NeedsResponseListView> {
    return this.cases.needsResponse(user, q);
  }

  @Get('audit')
  @ApiOperation({ summary: 'The whole audit log, newest first (platform admins)' })
  @ApiOkResponse({ type: AuditPageView })
  audit(@CurrentUser() user: AuthUser, @Query() q: PageQueryDto): Promise<AuditPageView> {
    return this.community.platformAuditLog(user, q);
  }
}

@ApiTags('moderation')
@ApiBearerAuth()
@Controller('communities/:communityId')
export class CommunityModerationController {
  constructor(
    private readonly automod: AutomodService,
    private readonly crisis: CrisisService,
    private readonly community: CommunityModerationService,
  ) {}

  @Get('audit')
  @ApiOperation({ summary: 'The community’s audit log, newest first (its admins and platform admins)' })
  @ApiOkResponse({ type: AuditPageView })
  audit(@CurrentUser() user: AuthUser, @Param('communityId', uuid) communityId: string, @Query() q: PageQueryDto): Promise<AuditPageView> {
    return this.community.auditLog(user, communityId, q);
  }

  @Get('automod-rules')
  @ApiOperation({ summary: 'The community’s automod rules (the default labeling list included)' })
  @ApiOkResponse({ type: AutomodRuleListView })
  async rules(@CurrentUser() user: AuthUser, @Param('communityId', uuid) communityId: string): Promise<AutomodRuleListView> {
    return { items: await this.automod.listRules(user, communityId) };
  }

  @Post('automod-rules')
  @ApiOperation({ summary: 'Add a phrase rule (plain phrases, never regular expressions) with its action: block, hold, flag or nudge' })
  @ApiCreatedResponse({ type: AutomodRuleView })
  createRule(@CurrentUser() user: AuthUser, @Param('communityId', uuid) communityId: string, @Body() dto: CreateAutomodRuleDto): Promise<AutomodRuleView> {
    return this.automod.createRule(user, communityId, dto);
  }

  @Delete('automod-rules/:ruleId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a rule (the default labeling list too)' })
  @ApiNoContentResponse()
  deleteRule(@CurrentUser() user: AuthUser, @Param('communityId', uuid) communityId: string, @Param('ruleId', uuid) ruleId: string): Promise<void> {
    return this.automod.deleteRule(user, communityId, ruleId);
  }

  @Get('crisis-phrases')
  @ApiOperation({ summary: 'Crisis phrases per language (platform defaults in English and Spanish until replaced)' })
  @ApiOkResponse({ type: CrisisPhrasesView })
  phrases(@CurrentUser() user: AuthUser, @Param('communityId', uuid) communityId: string): Promise<CrisisPhrasesView> {
    return this.automod.getCrisisPhrases(user, communityId);
  }

  @Put('crisis-phrases')
  @ApiOperation({ summary: 'Replace the crisis phrases (an empty list restores the defaults)' })
  @ApiOkResponse({ type: CrisisPhrasesView })
  putPhrases(@CurrentUser() user: AuthUser, @Param('communityId', uuid) communityId: string, @Body() dto: PutCrisisPhrasesDto): Promise<CrisisPhrasesView> {
    return this.automod.putCrisisPhrases(user, communityId, dto);
  }

  @Get('crisis-resources')
  @ApiOperation({ summary: 'The community’s crisis resources with their last-verified dates (anyone signed in)' })
  @ApiOkResponse({ type: CrisisResourceListView })
  resources(@Param('communityId', uuid) communityId: string): Promise<CrisisResourceListView> {
    return this.crisis.getResources(communityId);
  }

  @Put('crisis-resources')
  @ApiOperation({ summary: 'Replace the community’s crisis resources (an empty list restores the defaults)' })
  @ApiOkResponse({ type: CrisisResourceListView })
  putResources(@CurrentUser() user: AuthUser, @Param('communityId', uuid) communityId: string, @Body() dto: PutCrisisResourcesDto): Promise<CrisisResourceListView> {
    return this.crisis.putResources(user, communityId, dto);
  }

  @Get('moderation-settings')
  @ApiOperation({ summary: 'Needs-a-response window and pile-on detection settings' })
  @ApiOkResponse({ type: ModerationSettingsView })
  settings(@CurrentUser() user: AuthUser, @Param('communityId', uuid) communityId: string): Promise<ModerationSettingsView> {
    return this.community.settings(user, communityId);
  }

  @Patch('moderation-settings')
  @ApiOperation({ summary: 'Change the needs-a-response window and pile-on detection settings' })
  @ApiOkResponse({ type: ModerationSettingsView })
  updateSettings(@CurrentUser() user: AuthUser, @Param('communityId', uuid) communityId: string, @Body() dto: ModerationSettingsDto): Promise<ModerationSettingsView> {
    return this.community.updateSettings(user, communityId, dto);
  }
}
