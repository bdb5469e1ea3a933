import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ThemeRef } from '@hearth/themes';

export class GroupCommunityRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() slug: string;
}

export class GroupViewerView {
  @ApiPropertyOptional({ enum: ['owner', 'moderator', 'member'], nullable: true, type: String, description: 'My group role, or null when I am not a member' })
  role: 'owner' | 'moderator' | 'member' | null;
  @ApiProperty({ description: 'I have asked to join and wait for a decision' }) pendingRequest: boolean;
  @ApiProperty({ description: 'I may handle join requests, invites and remove members' }) canModerate: boolean;
  @ApiProperty({ description: 'I may change settings and roles and archive the group' }) canAdminister: boolean;
}

export class GroupView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) communityId: string;
  @ApiProperty({ type: GroupCommunityRef }) community: GroupCommunityRef;
  @ApiProperty({ format: 'uuid', description: 'The group’s chat room' }) roomId: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiPropertyOptional({ nullable: true, type: String }) rules: string | null;
  @ApiProperty({ enum: ['public', 'private'] }) visibility: 'public' | 'private';
  @ApiProperty({ enum: ['open', 'approval', 'invite'] }) joinPolicy: 'open' | 'approval' | 'invite';
  @ApiProperty({ type: [String] }) languages: string[];
  @ApiPropertyOptional({ nullable: true, type: Number }) maxMembers: number | null;
  @ApiProperty({ type: [ThemeRef] }) themes: ThemeRef[];
  @ApiProperty() memberCount: number;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'When the last message was posted' }) lastActivityAt: string | null;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Archived groups are read-only' }) archivedAt: string | null;
  @ApiProperty({ type: GroupViewerView }) viewer: GroupViewerView;
}

export class GroupPageView {
  @ApiProperty({ type: [GroupView] }) items: GroupView[];
  @ApiPropertyOptional({ nullable: true, type: String }) nextCursor: string | null;
}

export class GroupListView {
  @ApiProperty({ type: [GroupView] }) items: GroupView[];
}

export class RecommendedGroupView extends GroupView {
  @ApiProperty({ example: 'shares your themes: grief, sleep; active this week', description: 'Why this group is suggested' })
  reason: string;
  @ApiProperty({ type: [String], description: 'Names of my themes the group shares' })
  sharedThemes: string[];
}

export class RecommendationListView {
  @ApiProperty({ type: [RecommendedGroupView] }) items: RecommendedGroupView[];
}

export class JoinRequestView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiPropertyOptional({ nullable: true, type: String }) message: string | null;
  @ApiProperty({ enum: ['pending', 'approved', 'declined'] }) status: string;
  @ApiPropertyOptional({ nullable: true, type: String }) decisionReason: string | null;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional({ nullable: true, type: String }) decidedAt: string | null;
}

export class JoinRequestListView {
  @ApiProperty({ type: [JoinRequestView] }) items: JoinRequestView[];
}

export class MyJoinRequestView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty() groupName: string;
  @ApiPropertyOptional({ nullable: true, type: String }) message: string | null;
  @ApiProperty({ enum: ['pending', 'approved', 'declined'] }) status: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Why it was declined, from the moderators' }) decisionReason: string | null;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional({ nullable: true, type: String }) decidedAt: string | null;
}

export class MyJoinRequestListView {
  @ApiProperty({ type: [MyJoinRequestView] }) items: MyJoinRequestView[];
}

export class JoinResultView {
  @ApiProperty({ enum: ['member', 'pending'], description: 'member: you are in; pending: your request waits for a moderator' })
  status: 'member' | 'pending';
  @ApiProperty({ example: 'Your request to join is pending approval' }) message: string;
  @ApiProperty({ type: GroupView }) group: GroupView;
  @ApiPropertyOptional({ type: MyJoinRequestView, nullable: true }) request: MyJoinRequestView | null;
}

export class MemberView {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ['owner', 'moderator', 'member'] }) role: string;
  @ApiProperty() joinedAt: string;
}

export class MemberPageView {
  @ApiProperty({ type: [MemberView] }) items: MemberView[];
  @ApiPropertyOptional({ nullable: true, type: String }) nextCursor: string | null;
}

export class InviteView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty() expiresAt: string;
  @ApiPropertyOptional({ nullable: true, type: Number }) maxUses: number | null;
  @ApiProperty() uses: number;
  @ApiPropertyOptional({ nullable: true, type: String }) revokedAt: string | null;
  @ApiProperty() createdAt: string;
}

export class CreatedInviteView extends InviteView {
  @ApiProperty({ description: 'Shown once: share it; it is not stored and cannot be shown again' })
  token: string;
}

export class InviteListView {
  @ApiProperty({ type: [InviteView] }) items: InviteView[];
}

export class InvitePreviewView {
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty() groupName: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: GroupCommunityRef }) community: GroupCommunityRef;
  @ApiProperty() memberCount: number;
  @ApiProperty() expiresAt: string;
}
