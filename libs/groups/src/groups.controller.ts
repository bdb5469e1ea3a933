import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, PageQueryDto } from '@hearth/common';
import { GroupsService } from './groups.service';
import { GroupMembershipsService } from './memberships.service';
import { GroupJoinRequestsService } from './join-requests.service';
import { GroupInvitesService } from './invites.service';
import { CreateGroupDto } from './dto/create-group.dto';
import { UpdateGroupDto } from './dto/update-group.dto';
import { ListGroupsDto } from './dto/list-groups.dto';
import { JoinGroupDto } from './dto/join-group.dto';
import { ListJoinRequestsDto } from './dto/list-join-requests.dto';
import { DeclineJoinRequestDto } from './dto/decline-join-request.dto';
import { ChangeMemberRoleDto } from './dto/change-member-role.dto';
import { CreateInviteDto } from './dto/create-invite.dto';
import {
  CreatedInviteView,
  GroupPageView,
  GroupView,
  InviteListView,
  JoinRequestListView,
  JoinRequestView,
  JoinResultView,
  MemberPageView,
  MemberView,
} from './dto/group.view';

const uuid = new ParseUUIDPipe();

@ApiTags('groups')
@ApiBearerAuth()
@Controller()
export class GroupsController {
  constructor(
    private readonly groups: GroupsService,
    private readonly memberships: GroupMembershipsService,
    private readonly joinRequests: GroupJoinRequestsService,
    private readonly inviteLinks: GroupInvitesService,
  ) {}

  @Post('communities/:communityId/groups')
  @ApiOperation({ summary: 'Create a group and its chat room; the creator becomes its owner (community admins, or members where the community allows)' })
  @ApiCreatedResponse({ type: GroupView })
  create(@CurrentUser() user: AuthUser, @Param('communityId', uuid) communityId: string, @Body() dto: CreateGroupDto): Promise<GroupView> {
    return this.groups.create(user, communityId, dto);
  }

  @Get('groups')
  @ApiOperation({ summary: 'Discover groups by theme, community, language and words; newest first, cursor-paginated' })
  @ApiOkResponse({ type: GroupPageView })
  list(@CurrentUser() user: AuthUser, @Query() query: ListGroupsDto): Promise<GroupPageView> {
    return this.groups.list(user, query);
  }

  @Get('groups/:groupId')
  @ApiOperation({ summary: 'A group (private groups: members and admins only, 404 for others)' })
  @ApiOkResponse({ type: GroupView })
  get(@CurrentUser() user: AuthUser, @Param('groupId', uuid) groupId: string): Promise<GroupView> {
    return this.groups.get(user, groupId);
  }

  @Patch('groups/:groupId')
  @ApiOperation({ summary: 'Change a group’s settings and themes (owners, community admins)' })
  @ApiOkResponse({ type: GroupView })
  update(@CurrentUser() user: AuthUser, @Param('groupId', uuid) groupId: string, @Body() dto: UpdateGroupDto): Promise<GroupView> {
    return this.groups.update(user, groupId, dto);
  }

  @Post('groups/:groupId/archive')
  @HttpCode(200)
  @ApiOperation({ summary: 'Archive a group: its room becomes read-only, pending requests are declined, invites stop (owners, community admins)' })
  @ApiOkResponse({ type: GroupView })
  archive(@CurrentUser() user: AuthUser, @Param('groupId', uuid) groupId: string): Promise<GroupView> {
    return this.groups.archive(user, groupId);
  }

  @Post('groups/:groupId/join')
  @ApiOperation({ summary: 'Join (open), ask to join (approval: status "pending"), or join with an invite token (invite-only, private)' })
  @ApiCreatedResponse({ type: JoinResultView })
  join(@CurrentUser() user: AuthUser, @Param('groupId', uuid) groupId: string, @Body() dto: JoinGroupDto): Promise<JoinResultView> {
    return this.memberships.join(user, groupId, dto);
  }

  @Post('groups/:groupId/leave')
  @HttpCode(204)
  @ApiOperation({ summary: 'Leave the group (or withdraw a pending request); the room is left at once' })
  @ApiNoContentResponse()
  leave(@CurrentUser() user: AuthUser, @Param('groupId', uuid) groupId: string): Promise<void> {
    return this.memberships.leave(user, groupId);
  }

  @Get('groups/:groupId/members')
  @ApiOperation({ summary: 'Who is in the group: display names and group roles only (members and admins)' })
  @ApiOkResponse({ type: MemberPageView })
  members(@CurrentUser() user: AuthUser, @Param('groupId', uuid) groupId: string, @Query() query: PageQueryDto): Promise<MemberPageView> {
    return this.memberships.list(user, groupId, query);
  }

  @Patch('groups/:groupId/members/:userId')
  @ApiOperation({ summary: 'Change a member’s group role (owners, community admins)' })
  @ApiOkResponse({ type: MemberView })
  changeRole(
    @CurrentUser() user: AuthUser,
    @Param('groupId', uuid) groupId: string,
    @Param('userId', uuid) userId: string,
    @Body() dto: ChangeMemberRoleDto,
  ): Promise<MemberView> {
    return this.memberships.changeRole(user, groupId, userId, dto.role);
  }

  @Delete('groups/:groupId/members/:userId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a member; their sockets leave the room at once (moderators remove members, owners also moderators, admins anyone)' })
  @ApiNoContentResponse()
  remove(@CurrentUser() user: AuthUser, @Param('groupId', uuid) groupId: string, @Param('userId', uuid) userId: string): Promise<void> {
    return this.memberships.remove(user, groupId, userId);
  }

  @Get('groups/:groupId/join-requests')
  @ApiOperation({ summary: 'Join requests, pending by default (moderators, owners, community admins)' })
  @ApiOkResponse({ type: JoinRequestListView })
  async requests(@CurrentUser() user: AuthUser, @Param('groupId', uuid) groupId: string, @Query() query: ListJoinRequestsDto): Promise<JoinRequestListView> {
    return { items: await this.joinRequests.list(user, groupId, query.status) };
  }

  @Post('groups/:groupId/join-requests/:requestId/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve a join request: the person becomes a member' })
  @ApiOkResponse({ type: JoinRequestView })
  approve(@CurrentUser() user: AuthUser, @Param('groupId', uuid) groupId: string, @Param('requestId', uuid) requestId: string): Promise<JoinRequestView> {
    return this.joinRequests.approve(user, groupId, requestId);
  }

  @Post('groups/:groupId/join-requests/:requestId/decline')
  @HttpCode(200)
  @ApiOperation({ summary: 'Decline a join request with a reason the person sees' })
  @ApiOkResponse({ type: JoinRequestView })
  decline(
    @CurrentUser() user: AuthUser,
    @Param('groupId', uuid) groupId: string,
    @Param('requestId', uuid) requestId: string,
    @Body() dto: DeclineJoinRequestDto,
  ): Promise<JoinRequestView> {
    return this.joinRequests.decline(user, groupId, requestId, dto.reason);
  }

  @Post('groups/:groupId/invites')
  @ApiOperation({ summary: 'Create an invite link that expires (moderators, owners, community admins); the token is shown once' })
  @ApiCreatedResponse({ type: CreatedInviteView })
  createInvite(@CurrentUser() user: AuthUser, @Param('groupId', uuid) groupId: string, @Body() dto: CreateInviteDto): Promise<CreatedInviteView> {
    return this.inviteLinks.create(user, groupId, dto);
  }

  @Get('groups/:groupId/invites')
  @ApiOperation({ summary: 'The group’s invite links, without their tokens' })
  @ApiOkResponse({ type: InviteListView })
  async invites(@CurrentUser() user: AuthUser, @Param('groupId', uuid) groupId: string): Promise<InviteListView> {
    return { items: await this.inviteLinks.list(user, groupId) };
  }

  @Delete('groups/:groupId/invites/:inviteId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke an invite link' })
  @ApiNoContentResponse()
  revokeInvite(@CurrentUser() user: AuthUser, @Param('groupId', uuid) groupId: string, @Param('inviteId', uuid) inviteId: string): Promise<void> {
    return this.inviteLinks.revoke(user, groupId, inviteId);
  }
}
