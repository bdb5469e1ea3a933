import { AppError, ErrorCode } from '@hearth/common';

/** Peer support's errors, made in one place so the same mistake always reads the same. */
export const peersErrors = {
  notAPeer: () => new AppError(ErrorCode.PEER_NOT_VERIFIED, 'Only verified peer workers with unexpired training can do this'),
  paused: (until: Date) =>
    new AppError(ErrorCode.PEER_PAUSED, 'You are paused from new requests after a session that raised a crisis alert; resume to opt back in', {
      pausedUntil: until.toISOString(),
    }),
  adminsOnly: () => new AppError(ErrorCode.FORBIDDEN, 'Only platform admins can do this'),
  profileNotFound: () => new AppError(ErrorCode.NOT_FOUND, 'You have no peer profile; apply first'),
  alreadyApplied: () =>
    new AppError(ErrorCode.ALREADY_EXISTS, 'You have already applied; add training records with POST /api/peers/me/training-records'),
  ownRecord: () => new AppError(ErrorCode.FORBIDDEN, 'You cannot decide on your own training record; another platform admin must'),
  recordNotFound: () => new AppError(ErrorCode.NOT_FOUND, 'Training record not found'),
  recordDecided: (status: string) => new AppError(ErrorCode.CONFLICT, `This training record is already ${status}`),
  recordExpired: () =>
    new AppError(ErrorCode.VALIDATION_FAILED, 'This training has already expired', [{ field: 'expiresOn', message: 'is in the past' }]),
  badRecord: (field: string, message: string) => new AppError(ErrorCode.VALIDATION_FAILED, message, [{ field, message }]),
  requestNotFound: () => new AppError(ErrorCode.NOT_FOUND, 'Support request not found'),
  requestClosed: (status: string) => new AppError(ErrorCode.CONFLICT, `This support request is ${status}`),
  alreadyAccepted: () => new AppError(ErrorCode.ALREADY_ACCEPTED, 'Another peer has already accepted this request'),
  caseloadFull: (max: number) =>
    new AppError(ErrorCode.CASELOAD_FULL, `You already have ${max} active session${max === 1 ? '' : 's'}, your caseload cap`, { maxSessions: max }),
  sessionNotFound: () => new AppError(ErrorCode.NOT_FOUND, 'Support session not found'),
  sessionEnded: () => new AppError(ErrorCode.CONFLICT, 'This support session has ended'),
  onlyRequester: (what: string) => new AppError(ErrorCode.FORBIDDEN, `Only the person who asked for support can ${what}`),
  onlyPeer: (what: string) => new AppError(ErrorCode.FORBIDDEN, `Only the session's peer can ${what}`),
  noHandover: () => new AppError(ErrorCode.CONFLICT, 'No handover has been proposed for this session'),
  feedbackGiven: () => new AppError(ErrorCode.ALREADY_EXISTS, 'Feedback for this session was already given'),
  unknownPeer: (field: string) =>
    new AppError(ErrorCode.VALIDATION_FAILED, `${field} is not a verified peer you can be matched with`, [{ field, message: 'is not an available verified peer' }]),
  self: (field: string) => new AppError(ErrorCode.VALIDATION_FAILED, 'You cannot ask yourself for support', [{ field, message: 'is yourself' }]),
  openRequestExists: () => new AppError(ErrorCode.CONFLICT, 'You already have a support request waiting; cancel it or wait for a peer'),
  communityNotFound: () =>
    new AppError(ErrorCode.VALIDATION_FAILED, 'Unknown community', [{ field: 'communityId', message: 'is not a community' }]),
  badAvailability: (message: string) => new AppError(ErrorCode.VALIDATION_FAILED, message, [{ field: 'availability', message }]),
};
