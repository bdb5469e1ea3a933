import { AppError, ErrorCode } from '@hearth/common';

/** Communities' errors, made in one place so the same mistake always reads the same. */
export const communityErrors = {
  communityNotFound: () => new AppError(ErrorCode.NOT_FOUND, 'Community not found'),
  adminNotFound: () => new AppError(ErrorCode.NOT_FOUND, 'Community admin not found'),
  archived: () => new AppError(ErrorCode.COMMUNITY_ARCHIVED, 'This community is archived'),
  slugTaken: (slug: string) => new AppError(ErrorCode.ALREADY_EXISTS, `A community with the slug "${slug}" already exists`, [{ field: 'slug', message: 'is taken' }]),
  /** `doing` finishes the sentence: "Only platform admins can archive communities". */
  onlyPlatformAdmins: (doing: string) => new AppError(ErrorCode.FORBIDDEN, `Only platform admins ${doing}`),
  onlyCommunityAdmins: (doing = 'can do that') => new AppError(ErrorCode.FORBIDDEN, `Only this community’s admins ${doing}`),
};
