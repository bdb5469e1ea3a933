import { AppError, ErrorCode } from '@hearth/common';

/** Users' errors (people, profiles, blocks), made in one place so the same mistake always reads the same. Other libs reuse them for people. */
export const usersErrors = {
  /** Also for deleted (and, where it matters, suspended) accounts. */
  userNotFound: () => new AppError(ErrorCode.NOT_FOUND, 'User not found'),
  /** "You cannot block yourself", "You cannot open a conversation with yourself". */
  self: (what: string) => new AppError(ErrorCode.VALIDATION_FAILED, `You cannot ${what} yourself`, [{ field: 'userId', message: 'is yourself' }]),
  usernameTaken: () => new AppError(ErrorCode.USERNAME_TAKEN, 'That username is taken', [{ field: 'username', message: 'is taken' }]),
};
