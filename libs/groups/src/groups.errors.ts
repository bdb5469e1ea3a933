import { AppError, ErrorCode } from '@hearth/common';
import type { GroupRole } from './entities/group-member.entity';

const isTaken = [{ field: 'name', message: 'is taken in this community' }];

/** Groups' errors, made in one place so the same mistake always reads the same. */
export const groupErrors = {
  /** Also for private groups the caller may not see: existence does not leak. */
  groupNotFound: () => new AppError(ErrorCode.NOT_FOUND, 'Group not found'),
  memberNotFound: () => new AppError(ErrorCode.NOT_FOUND, 'Member not found'),
  joinRequestNotFound: () => new AppError(ErrorCode.NOT_FOUND, 'Join request not found'),
  inviteNotFound: () => new AppError(ErrorCode.NOT_FOUND, 'Invite not found'),
  nameTaken: (name: string | undefined) =>
    new AppError(ErrorCode.ALREADY_EXISTS, `This community already has a group named "${name?.trim()}"`, isTaken),
  communityArchived: () => new AppError(ErrorCode.COMMUNITY_ARCHIVED, 'This group’s community is archived'),
  groupArchived: () => new AppError(ErrorCode.GROUP_ARCHIVED, 'This group is archived and read-only'),
  /** `doing` finishes the sentence: "Only the group’s owners and community admins can archive it". */
  onlyAdministrators: (doing: string) => new AppError(ErrorCode.FORBIDDEN, `Only the group’s owners and community admins ${doing}`),
  onlyModerators: (doing: string) => new AppError(ErrorCode.FORBIDDEN, `Only the group’s moderators, owners and community admins ${doing}`),
  onlyCommunityAdminsCreate: () => new AppError(ErrorCode.FORBIDDEN, 'Only this community’s admins can create groups here'),
  membersOnly: () => new AppError(ErrorCode.NOT_A_MEMBER, 'Only members can see who is in this group'),
  notAMember: () => new AppError(ErrorCode.NOT_A_MEMBER, 'You are not a member of this group'),
  inviteOnly: () => new AppError(ErrorCode.FORBIDDEN, 'This group is invite-only: ask a member or moderator for an invite link'),
  inviteInvalid: () => new AppError(ErrorCode.INVITE_INVALID, 'This invite link is invalid, expired or revoked'),
  full: (maxMembers: number) => new AppError(ErrorCode.GROUP_FULL, `This group is full (${maxMembers} members)`),
  cannotRemove: (actor: GroupRole | null, target: GroupRole) => new AppError(ErrorCode.FORBIDDEN, `A ${actor} cannot remove a ${target}`),
  lastOwner: (userId: string, action: 'leave' | 'demote') =>
    new AppError(
      ErrorCode.CONFLICT,
      action === 'leave' ? 'You are the last owner: make someone else an owner before you leave' : 'A group needs an owner: make someone else an owner first',
      { userId },
    ),
  requestAlreadyDecided: (status: string) => new AppError(ErrorCode.CONFLICT, `This request was already ${status}`),
};
