import { AppError, ErrorCode } from '@hearth/common';
import { usersErrors } from '@hearth/users';

/** Chat's errors, made in one place so the same mistake always reads the same. */
export const chatErrors = {
  /** Also for rooms the caller is not in: existence does not leak. */
  roomNotFound: () => new AppError(ErrorCode.NOT_FOUND, 'Room not found'),
  notJoined: () => new AppError(ErrorCode.NOT_FOUND, 'Room not found (join it first)'),
  messageNotFound: () => new AppError(ErrorCode.NOT_FOUND, 'Message not found'),
  readOnly: () => new AppError(ErrorCode.ROOM_READ_ONLY, 'This room is read-only'),
  muted: (until: Date, now = Date.now()) =>
    new AppError(ErrorCode.MUTED, 'You are muted in this room', { until: until.toISOString() }, Math.ceil((until.getTime() - now) / 1000)),
  blockedByRecipient: () => new AppError(ErrorCode.DM_NOT_ALLOWED, 'This person is not accepting messages from you'),
  dmNotAllowed: () => new AppError(ErrorCode.DM_NOT_ALLOWED, 'This person is not accepting direct messages from you'),
  replyNotInRoom: () =>
    new AppError(ErrorCode.VALIDATION_FAILED, 'replyToId must be a message in this room', [{ field: 'replyToId', message: 'is not a message in this room' }]),
  duplicateClientMsgId: () => new AppError(ErrorCode.DUPLICATE_CLIENT_MSG_ID, 'clientMsgId was already used for a different message'),
  messageDeleted: () => new AppError(ErrorCode.MESSAGE_DELETED, 'This message was deleted'),
  onlyAuthor: (verb: 'edit' | 'delete') => new AppError(ErrorCode.FORBIDDEN, `Only the author can ${verb} a message`),
  tooManyReactions: () => new AppError(ErrorCode.CONFLICT, 'A message can carry at most 20 different reactions'),
  self: usersErrors.self,
};
