import { Body, Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '@hearth/common';
import { ApplyPeerDto, TrainingRecordInputDto } from './dto/apply-peer.dto';
import { UpdatePeerProfileDto } from './dto/peer-profile-fields';
import { FeedbackListView, PeerApplicationView, PeerProfileView, QueueView, TrainingRecordView } from './dto/peers.view';
import { PeerProfilesService } from './peer-profiles.service';
import { SupportRequestsService } from './support-requests.service';
import { SupportSessionsService } from './support-sessions.service';

/** Becoming a peer worker and the peer's own side: profile, queue, feedback. */
@ApiTags('peers')
@ApiBearerAuth()
@Controller()
export class PeersController {
  constructor(
    private readonly profiles: PeerProfilesService,
    private readonly requests: SupportRequestsService,
    private readonly sessions: SupportSessionsService,
  ) {}

  @Post('peers/applications')
  @ApiOperation({ summary: 'Apply to be a peer worker: a peer profile and training records for platform admins to verify' })
  @ApiCreatedResponse({ type: PeerApplicationView })
  apply(@CurrentUser() user: AuthUser, @Body() dto: ApplyPeerDto): Promise<PeerApplicationView> {
    return this.profiles.apply(user, dto);
  }

  @Get('peers/me/application')
  @ApiOperation({ summary: 'My application: profile and training records, each with its status and the reason given' })
  @ApiOkResponse({ type: PeerApplicationView })
  myApplication(@CurrentUser() user: AuthUser): Promise<PeerApplicationView> {
    return this.profiles.myApplication(user);
  }

  @Post('peers/me/training-records')
  @ApiOperation({ summary: 'Add a training record (e.g. a renewal before the current one expires)' })
  @ApiCreatedResponse({ type: TrainingRecordView })
  addRecord(@CurrentUser() user: AuthUser, @Body() dto: TrainingRecordInputDto): Promise<TrainingRecordView> {
    return this.profiles.addRecord(user, dto);
  }

  @Get('me/peer-profile')
  @ApiOperation({ summary: 'My peer profile' })
  @ApiOkResponse({ type: PeerProfileView })
  getProfile(@CurrentUser() user: AuthUser): Promise<PeerProfileView> {
    return this.profiles.getMine(user);
  }

  @Patch('me/peer-profile')
  @ApiOperation({ summary: 'Change my peer profile; `acceptingRequests: false` sets me away at once' })
  @ApiOkResponse({ type: PeerProfileView })
  updateProfile(@CurrentUser() user: AuthUser, @Body() dto: UpdatePeerProfileDto): Promise<PeerProfileView> {
    return this.profiles.update(user, dto);
  }

  @Post('me/peer-profile/resume')
  @HttpCode(200)
  @ApiOperation({ summary: 'Opt back in to new requests after the pause that follows a session with a crisis alert' })
  @ApiOkResponse({ type: PeerProfileView })
  resume(@CurrentUser() user: AuthUser): Promise<PeerProfileView> {
    return this.profiles.resume(user);
  }

  @Get('peers/me/requests')
  @ApiOperation({ summary: 'My queue: open requests I can take, oldest first, with waiting times (verified peers)' })
  @ApiOkResponse({ type: QueueView })
  queue(@CurrentUser() user: AuthUser): Promise<QueueView> {
    return this.requests.queue(user);
  }

  @Get('peers/me/feedback')
  @ApiOperation({ summary: 'Feedback members left me after sessions' })
  @ApiOkResponse({ type: FeedbackListView })
  feedback(@CurrentUser() user: AuthUser): Promise<FeedbackListView> {
    return this.sessions.myFeedback(user);
  }
}

