import { AppError, ErrorCode } from '@hearth/common';

/** Themes' errors, made in one place so the same mistake always reads the same. */
export const themeErrors = {
  themeNotFound: () => new AppError(ErrorCode.NOT_FOUND, 'Theme not found'),
  targetNotFound: () => new AppError(ErrorCode.NOT_FOUND, 'Target theme not found'),
  /** 409 naming the existing theme, so the client can offer it instead. */
  exists: (existing: { id: string; name: string }) =>
    new AppError(ErrorCode.THEME_EXISTS, `The theme "${existing.name}" already exists`, { themeId: existing.id, id: existing.id, name: existing.name }),
  nameWithoutLetters: () =>
    new AppError(ErrorCode.VALIDATION_FAILED, 'name must contain a letter or a digit', [{ field: 'name', message: 'must contain a letter or a digit' }]),
  onlyPlatformAdminsMerge: () => new AppError(ErrorCode.FORBIDDEN, 'Only platform admins can merge themes'),
  mergeIntoItself: () =>
    new AppError(ErrorCode.VALIDATION_FAILED, 'A theme cannot be merged into itself', [{ field: 'intoThemeId', message: 'must differ from the merged theme' }]),
  alreadyMerged: () => new AppError(ErrorCode.CONFLICT, 'This theme was already merged into another'),
  targetMerged: () => new AppError(ErrorCode.CONFLICT, 'The target theme was itself merged; merge into the theme it became'),
  unknownIds: (unknown: string[], field: string) =>
    new AppError(ErrorCode.VALIDATION_FAILED, `Unknown theme id${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`, [
      { field, message: 'unknown theme ids', unknownIds: unknown },
    ]),
};
