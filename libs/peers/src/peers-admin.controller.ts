import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '@hearth/common';
import { DecideTrainingRecordDto } from './dto/apply-peer.dto';
import { AdminApplicationListView, AdminPeerListView, SupportStatsView, TrainingRecordView } from './dto/peers.view';
import { PeersAdminService } from './peers-admin.service';
import { TrainingRecordsService } from './training-records.service';

const uuid = new ParseUUIDPipe();

/** Platform admins verify training; admins see peers and aggregate figures, never individual notes. */
@ApiTags('peers')
@ApiBearerAuth()
@Controller()
export class PeersAdminController {
  constructor(
    private readonly records: TrainingRecordsService,
    private readonly admin: PeersAdminService,
  ) {}

  @Get('admin/peer-applications')
  @ApiOperation({ summary: 'Applicants with training records awaiting a decision, oldest first (platform admins)' })
  @ApiOkResponse({ type: AdminApplicationListView })
  applications(@CurrentUser() user: AuthUser): Promise<AdminApplicationListView> {
    return this.records.listApplications(user);
  }

  @Post('admin/training-records/:recordId/verify')
  @HttpCode(200)
  @ApiOperation({ summary: 'Verify a training record; grants the peer role (audited) (platform admins)' })
  @ApiOkResponse({ type: TrainingRecordView })
  verify(@CurrentUser() user: AuthUser, @Param('recordId', uuid) recordId: string): Promise<TrainingRecordView> {
    return this.records.verify(user, recordId);
  }

  @Post('admin/training-records/:recordId/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject a pending training record with a reason the applicant sees (platform admins)' })
  @ApiOkResponse({ type: TrainingRecordView })
  reject(@CurrentUser() user: AuthUser, @Param('recordId', uuid) recordId: string, @Body() dto: DecideTrainingRecordDto): Promise<TrainingRecordView> {
    return this.records.reject(user, recordId, dto.reason);
  }

  @Post('admin/training-records/:recordId/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke a verified record with a reason; the role ends at once when it was the last (platform admins)' })
  @ApiOkResponse({ type: TrainingRecordView })
  revoke(@CurrentUser() user: AuthUser, @Param('recordId', uuid) recordId: string, @Body() dto: DecideTrainingRecordDto): Promise<TrainingRecordView> {
    return this.records.revoke(user, recordId, dto.reason);
  }

  @Get('admin/peers')
  @ApiOperation({ summary: 'Peers with verification state, expiry and load (platform admins)' })
  @ApiOkResponse({ type: AdminPeerListView })
  peers(@CurrentUser() user: AuthUser): Promise<AdminPeerListView> {
    return this.admin.listPeers(user);
  }

  @Get('admin/support-stats')
  @ApiOperation({ summary: 'Platform-wide peer-support figures: waiting, median waits, sessions per week, feedback aggregates (platform admins)' })
  @ApiOkResponse({ type: SupportStatsView })
  platformStats(@CurrentUser() user: AuthUser): Promise<SupportStatsView> {
    return this.admin.stats(user, null);
  }

  @Get('communities/:communityId/support-stats')
  @ApiOperation({ summary: 'A community’s peer-support figures, aggregates only (its admins and platform admins)' })
  @ApiOkResponse({ type: SupportStatsView })
  communityStats(@CurrentUser() user: AuthUser, @Param('communityId', uuid) communityId: string): Promise<SupportStatsView> {
    return this.admin.stats(user, communityId);
  }
}
