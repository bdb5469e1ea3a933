import { AppError, ErrorCode } from '@hearth/common';

export const usersErrors = {
  userNotFound: () => new AppError(ErrorCode.NOT_FOUND, 'User not found'),
  self: (what: string) => new AppError(ErrorCode.VALIDATION_FAILED, `You cannot ${what} yourself`, [{ field: 'userId', message: 'is yourself' }]),
};
