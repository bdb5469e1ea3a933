import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '@hearth/common';
import { CommunitiesService } from './communities.service';
import { CreateCommunityDto } from './dto/create-community.dto';
import { UpdateCommunityDto } from './dto/update-community.dto';
import { ListCommunitiesDto } from './dto/list-communities.dto';
import { AppointCommunityAdminDto } from './dto/appoint-community-admin.dto';
import { CommunityAdminView, CommunityPageView, CommunityView } from './dto/community.view';

const uuid = new ParseUUIDPipe();

@ApiTags('communities')
@ApiBearerAuth()
@Controller('communities')
export class CommunitiesController {
  constructor(private readonly communities: CommunitiesService) {}

  @Get()
  @ApiOperation({ summary: 'Browse communities (archived ones only for platform admins, on request)' })
  @ApiOkResponse({ type: CommunityPageView })
  list(@CurrentUser() user: AuthUser, @Query() query: ListCommunitiesDto): Promise<CommunityPageView> {
    return this.communities.list(user, query);
  }

  @Post()
  @ApiOperation({ summary: 'Create a community (platform admins)' })
  @ApiCreatedResponse({ type: CommunityView })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateCommunityDto): Promise<CommunityView> {
    return this.communities.create(user, dto);
  }

  @Get(':communityId')
  @ApiOperation({ summary: 'A community, with its code of conduct' })
  @ApiOkResponse({ type: CommunityView })
  get(@CurrentUser() user: AuthUser, @Param('communityId', uuid) communityId: string): Promise<CommunityView> {
    return this.communities.get(user, communityId);
  }

  @Patch(':communityId')
  @ApiOperation({ summary: 'Change a community’s settings (its community admins, platform admins); the slug is permanent' })
  @ApiOkResponse({ type: CommunityView })
  update(@CurrentUser() user: AuthUser, @Param('communityId', uuid) communityId: string, @Body() dto: UpdateCommunityDto): Promise<CommunityView> {
    return this.communities.update(user, communityId, dto);
  }

  @Post(':communityId/archive')
  @HttpCode(200)
  @ApiOperation({ summary: 'Archive a community and all its groups (read-only) (platform admins)' })
  @ApiOkResponse({ type: CommunityView })
  archive(@CurrentUser() user: AuthUser, @Param('communityId', uuid) communityId: string): Promise<CommunityView> {
    return this.communities.archive(user, communityId);
  }

  @Get(':communityId/admins')
  @ApiOperation({ summary: 'Who runs this community' })
  @ApiOkResponse({ type: [CommunityAdminView] })
  admins(@Param('communityId', uuid) communityId: string): Promise<CommunityAdminView[]> {
    return this.communities.listAdmins(communityId);
  }

  @Post(':communityId/admins')
  @ApiOperation({ summary: 'Appoint a community admin (platform admins); idempotent' })
  @ApiCreatedResponse({ type: [CommunityAdminView] })
  appoint(@CurrentUser() user: AuthUser, @Param('communityId', uuid) communityId: string, @Body() dto: AppointCommunityAdminDto): Promise<CommunityAdminView[]> {
    return this.communities.appointAdmin(user, communityId, dto.userId);
  }

  @Delete(':communityId/admins/:userId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a community admin (platform admins)' })
  @ApiNoContentResponse()
  removeAdmin(@CurrentUser() user: AuthUser, @Param('communityId', uuid) communityId: string, @Param('userId', uuid) userId: string): Promise<void> {
    return this.communities.removeAdmin(user, communityId, userId);
  }
}
