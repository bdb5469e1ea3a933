import { AppError, ErrorCode } from '@hearth/common';

/** Auth's errors, made in one place so the same mistake always reads the same. */
export const authErrors = {
  /** Same answer for an unknown username and a wrong password: which one is not told. */
  wrongCredentials: () => new AppError(ErrorCode.INVALID_CREDENTIALS, 'Username or password is wrong'),
  wrongCurrentPassword: () => new AppError(ErrorCode.INVALID_CREDENTIALS, 'Current password is wrong', [{ field: 'currentPassword', message: 'is wrong' }]),
  suspended: () => new AppError(ErrorCode.ACCOUNT_SUSPENDED, 'This account is suspended'),
  accountUnusable: () => new AppError(ErrorCode.ACCOUNT_SUSPENDED, 'This account cannot be used'),
  refreshTokenInvalid: () => new AppError(ErrorCode.TOKEN_INVALID, 'Refresh token is invalid or expired; log in again'),
  refreshTokenReused: () => new AppError(ErrorCode.TOKEN_REUSED, 'This refresh token was already used; the session has been ended for safety'),
  accessTokenInvalid: () => new AppError(ErrorCode.UNAUTHENTICATED, 'Access token is missing, invalid or expired'),
  accessTokenMalformed: () => new AppError(ErrorCode.UNAUTHENTICATED, 'Access token is malformed'),
  sessionEnded: () => new AppError(ErrorCode.UNAUTHENTICATED, 'This session has ended; log in again'),
  sessionNotFound: () => new AppError(ErrorCode.NOT_FOUND, 'Session not found'),
  loginBodyNotObject: () => new AppError(ErrorCode.VALIDATION_FAILED, 'Body must be a JSON object with username and password'),
  passwordLikeUsername: () =>
    new AppError(ErrorCode.WEAK_PASSWORD, 'Password must not be (or merely extend) your username', [{ field: 'password', message: 'is too close to the username' }]),
  passwordTooCommon: () =>
    new AppError(ErrorCode.WEAK_PASSWORD, 'Password is one of the most common passwords; choose another', [{ field: 'password', message: 'is too common' }]),
  tooManyAttempts: (seconds: number) => new AppError(ErrorCode.RATE_LIMITED, `Too many attempts; try again in ${seconds} s`, undefined, seconds),
  onlyPlatformAdmins: () => new AppError(ErrorCode.FORBIDDEN, 'Only platform admins can manage accounts'),
  nothingToChange: () => new AppError(ErrorCode.VALIDATION_FAILED, 'Give a role or a status to change'),
  adminSelfDemotion: () => new AppError(ErrorCode.CONFLICT, 'Admins cannot suspend or demote themselves'),
};
