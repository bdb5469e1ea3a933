import { QueryFailedError } from 'typeorm';

export const PG_UNIQUE_VIOLATION = '23505';
export const PG_FOREIGN_KEY_VIOLATION = '23503';

export function pgErrorCode(e: unknown): string | undefined {
  if (e instanceof QueryFailedError) return (e as unknown as { driverError?: { code?: string } }).driverError?.code;
  return (e as { code?: string } | undefined)?.code;
}

export function pgConstraint(e: unknown): string | undefined {
  if (e instanceof QueryFailedError) return (e as unknown as { driverError?: { constraint?: string } }).driverError?.constraint;
  return undefined;
}

export const isUniqueViolation = (e: unknown, constraint?: string) =>
  pgErrorCode(e) === PG_UNIQUE_VIOLATION && (!constraint || pgConstraint(e) === constraint);
