import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '@hearth/common';
import { GroupsService } from './groups.service';
import { GroupJoinRequestsService } from './join-requests.service';
import { RecommendationsQueryDto } from './dto/recommendations-query.dto';
import { GroupListView, MyJoinRequestListView, RecommendationListView } from './dto/group.view';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeGroupsController {
  constructor(
    private readonly groups: GroupsService,
    private readonly requests: GroupJoinRequestsService,
  ) {}

  @Get('groups')
  @ApiOperation({ summary: 'The groups I am in (archived ones too), most recently active first' })
  @ApiOkResponse({ type: GroupListView })
  async myGroups(@CurrentUser() user: AuthUser): Promise<GroupListView> {
    return { items: await this.groups.myGroups(user) };
  }

  @Get('recommendations/groups')
  @ApiOperation({ summary: 'Groups I could join that share my themes and languages and are active, each with the reason' })
  @ApiOkResponse({ type: RecommendationListView })
  async recommendations(@CurrentUser() user: AuthUser, @Query() query: RecommendationsQueryDto): Promise<RecommendationListView> {
    return { items: await this.groups.recommendations(user, query.limit) };
  }

  @Get('join-requests')
  @ApiOperation({ summary: 'My requests to join groups and their outcome, with the reason when declined' })
  @ApiOkResponse({ type: MyJoinRequestListView })
  async myRequests(@CurrentUser() user: AuthUser): Promise<MyJoinRequestListView> {
    return { items: await this.requests.mine(user) };
  }
}
