import { AppError, ErrorCode, forbidden, notFound } from '@hearth/common';

/** Moderation's errors, made in one place so the same mistake always reads the same. */
export const moderationErrors = {
  caseNotFound: () => notFound('Case'),
  actionNotFound: () => notFound('Action'),
  appealNotFound: () => notFound('Appeal'),
  ruleNotFound: () => notFound('Rule'),
  communityNotFound: () => notFound('Community'),
  messageNotFound: () => notFound('Message'),
  userNotFound: () => notFound('User'),
  /** Reports on rooms the caller cannot see: the room's existence does not leak. */
  roomNotFound: () => notFound('Room'),
  notInScope: (why: string) => forbidden(why),
  notMember: () => new AppError(ErrorCode.NOT_A_MEMBER, 'That person is not a member of this room'),
  invalid: (field: string, message: string) => new AppError(ErrorCode.VALIDATION_FAILED, `${field} ${message}`, [{ field, message }]),
  caseClosed: () => new AppError(ErrorCode.CASE_CLOSED, 'This case is already resolved'),
  alreadyAppealed: () => new AppError(ErrorCode.ALREADY_APPEALED, 'This action was already appealed (an action can be appealed once)'),
  notAppealable: () => new AppError(ErrorCode.CONFLICT, 'This action has nothing to appeal (dismissals and nudges restrict nothing), or it was lifted already'),
  appealDecided: () => new AppError(ErrorCode.CONFLICT, 'This appeal was already decided'),
  sameAdmin: () => forbidden('An appeal is decided by an admin other than the one who acted'),
  reportLimit: (retryAfterSeconds: number) =>
    new AppError(ErrorCode.RATE_LIMITED, 'You have reported this person several times today; moderators have your reports', undefined, retryAfterSeconds),
  banned: (until: Date | null) =>
    new AppError(ErrorCode.BANNED, until ? 'You are banned from this group until the date given' : 'You are banned from this group', { until: until?.toISOString() ?? null }),
  suspendedFromCommunity: (until: Date | null) =>
    new AppError(ErrorCode.SUSPENDED_FROM_COMMUNITY, 'You are suspended from this community', { until: until?.toISOString() ?? null }),
  automodBlocked: (reason: string, rule: string | null) => new AppError(ErrorCode.AUTOMOD_BLOCKED, reason, { reason, rule }),
  nudge: (reason: string, rule: string | null) =>
    new AppError(ErrorCode.NUDGE, reason, { reason, rule, confirmWith: 'confirmNudge: true' }),
  newAccountLinks: (hours: number) => new AppError(ErrorCode.NEW_ACCOUNT_LIMIT, `New accounts cannot post links during their first ${hours} hours`),
};
