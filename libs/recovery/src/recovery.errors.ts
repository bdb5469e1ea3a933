import { AppError, ErrorCode } from '@hearth/common';

/** Recovery's errors. Anything that is not the caller's reads as "not found": existence never leaks. */
export const recoveryErrors = {
  goalNotFound: () => new AppError(ErrorCode.NOT_FOUND, 'Goal not found'),
  stepNotFound: () => new AppError(ErrorCode.NOT_FOUND, 'Step not found'),
  indicatorNotFound: () => new AppError(ErrorCode.NOT_FOUND, 'Indicator not found'),
  checkInNotFound: () => new AppError(ErrorCode.NOT_FOUND, 'Check-in not found'),
  shareNotFound: () => new AppError(ErrorCode.NOT_FOUND, 'Share not found'),
  templateNotFound: () => new AppError(ErrorCode.NOT_FOUND, 'Template not found'),
  invalid: (field: string, message: string) => new AppError(ErrorCode.VALIDATION_FAILED, `${field} ${message}`, [{ field, message }]),
  valueOutOfScale: (min: number, max: number) =>
    new AppError(ErrorCode.VALIDATION_FAILED, `value must be between ${min} and ${max} (this indicator’s scale)`, [{ field: 'value', message: `must be between ${min} and ${max}` }]),
  scaleBelowCheckIns: () =>
    new AppError(ErrorCode.CONFLICT, 'Some check-ins fall outside the new scale; change or delete them first, or keep a scale that fits them'),
  tooMany: (what: string, max: number) => new AppError(ErrorCode.CONFLICT, `You can keep at most ${max} ${what}`),
  notYourPeer: () =>
    new AppError(ErrorCode.SHARE_NOT_ALLOWED, 'You can share only with a verified peer worker you have (or had) a support session with', [
      { field: 'peerId', message: 'is not a peer worker you have a support session with' },
    ]),
  partNotShared: () => new AppError(ErrorCode.VALIDATION_FAILED, 'You can comment only on a part that was shared with you', [{ field: 'part', message: 'is not shared' }]),
};
