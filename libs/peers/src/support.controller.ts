import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '@hearth/common';
import { AcceptedView, FeedbackView, SupportRequestView, SupportSessionListView, SupportSessionView } from './dto/peers.view';
import { ChoosePeerDto, CreateSupportRequestDto, HandoverSessionDto, RespondHandoverDto, SessionFeedbackDto } from './dto/support-request.dto';
import { SupportRequestsService } from './support-requests.service';
import { SupportSessionsService } from './support-sessions.service';

const uuid = new ParseUUIDPipe();

/** Member-led 1:1 support: requests, accepting, and the session's life. */
@ApiTags('support')
@ApiBearerAuth()
@Controller()
export class SupportController {
  constructor(
    private readonly requests: SupportRequestsService,
    private readonly sessions: SupportSessionsService,
  ) {}

  @Post('support-requests')
  @ApiOperation({ summary: 'Ask for 1:1 support: ranked suggestions with reasons and honest wait estimates; crisis resources privately' })
  @ApiCreatedResponse({ type: SupportRequestView })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateSupportRequestDto): Promise<SupportRequestView> {
    return this.requests.create(user, dto);
  }

  @Get('support-requests/:requestId')
  @ApiOperation({ summary: 'My request, with fresh suggestions while it waits (the member who asked only)' })
  @ApiOkResponse({ type: SupportRequestView })
  get(@CurrentUser() user: AuthUser, @Param('requestId', uuid) requestId: string): Promise<SupportRequestView> {
    return this.requests.get(user, requestId);
  }

  @Post('support-requests/:requestId/choose')
  @HttpCode(200)
  @ApiOperation({ summary: 'Choose a suggested peer ({peerId}) or whoever is free first ({firstAvailable: true})' })
  @ApiOkResponse({ type: SupportRequestView })
  choose(@CurrentUser() user: AuthUser, @Param('requestId', uuid) requestId: string, @Body() dto: ChoosePeerDto): Promise<SupportRequestView> {
    return this.requests.choose(user, requestId, dto);
  }

  @Delete('support-requests/:requestId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Cancel my waiting request' })
  @ApiNoContentResponse()
  cancel(@CurrentUser() user: AuthUser, @Param('requestId', uuid) requestId: string): Promise<void> {
    return this.requests.cancel(user, requestId);
  }

  @Post('support-requests/:requestId/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Take a request (verified peers): exactly one peer wins; the others get 409 ALREADY_ACCEPTED' })
  @ApiOkResponse({ type: AcceptedView })
  accept(@CurrentUser() user: AuthUser, @Param('requestId', uuid) requestId: string): Promise<AcceptedView> {
    return this.requests.accept(user, requestId);
  }

  @Post('support-requests/:requestId/decline')
  @HttpCode(204)
  @ApiOperation({ summary: 'Not for me: the request leaves my queue (if it chose me, it goes to whoever is free first)' })
  @ApiNoContentResponse()
  decline(@CurrentUser() user: AuthUser, @Param('requestId', uuid) requestId: string): Promise<void> {
    return this.requests.decline(user, requestId);
  }

  @Get('me/support-sessions')
  @ApiOperation({ summary: 'My support sessions, as member or peer (active first)' })
  @ApiOkResponse({ type: SupportSessionListView })
  mine(@CurrentUser() user: AuthUser): Promise<SupportSessionListView> {
    return this.sessions.listMine(user);
  }

  @Get('support-sessions/:sessionId')
  @ApiOperation({ summary: 'A session (its two participants only)' })
  @ApiOkResponse({ type: SupportSessionView })
  session(@CurrentUser() user: AuthUser, @Param('sessionId', uuid) sessionId: string): Promise<SupportSessionView> {
    return this.sessions.get(user, sessionId);
  }

  @Post('support-sessions/:sessionId/end')
  @HttpCode(200)
  @ApiOperation({ summary: 'End the session (either side); the room stays readable to the two of them only' })
  @ApiOkResponse({ type: SupportSessionView })
  end(@CurrentUser() user: AuthUser, @Param('sessionId', uuid) sessionId: string): Promise<SupportSessionView> {
    return this.sessions.end(user, sessionId);
  }

  @Post('support-sessions/:sessionId/rematch')
  @ApiOperation({ summary: 'Ask for another peer, no reason needed (the member); the first peer is not told why' })
  @ApiCreatedResponse({ type: SupportRequestView })
  rematch(@CurrentUser() user: AuthUser, @Param('sessionId', uuid) sessionId: string): Promise<SupportRequestView> {
    return this.sessions.rematch(user, sessionId);
  }

  @Post('support-sessions/:sessionId/handover')
  @HttpCode(200)
  @ApiOperation({ summary: 'Propose handing the member over to another peer (the peer); needs the member’s consent' })
  @ApiOkResponse({ type: SupportSessionView })
  handover(@CurrentUser() user: AuthUser, @Param('sessionId', uuid) sessionId: string, @Body() dto: HandoverSessionDto): Promise<SupportSessionView> {
    return this.sessions.proposeHandover(user, sessionId, dto);
  }

  @Post('support-sessions/:sessionId/handover/consent')
  @HttpCode(200)
  @ApiOperation({ summary: 'Consent to (or refuse) a proposed handover (the member)' })
  @ApiOkResponse({ type: SupportSessionView })
  consent(@CurrentUser() user: AuthUser, @Param('sessionId', uuid) sessionId: string, @Body() dto: RespondHandoverDto): Promise<SupportSessionView> {
    return this.sessions.respondHandover(user, sessionId, dto);
  }

  @Post('support-sessions/:sessionId/feedback')
  @ApiOperation({ summary: 'Leave feedback once (the member): the peer sees it, admins only aggregates' })
  @ApiCreatedResponse({ type: FeedbackView })
  feedback(@CurrentUser() user: AuthUser, @Param('sessionId', uuid) sessionId: string, @Body() dto: SessionFeedbackDto): Promise<FeedbackView> {
    return this.sessions.leaveFeedback(user, sessionId, dto);
  }
}
