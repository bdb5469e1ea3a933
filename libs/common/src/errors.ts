import { HttpStatus } from '@nestjs/common';

/** Stable, documented error codes. Clients switch on these, never on messages. */
export enum ErrorCode {
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  BAD_REQUEST = 'BAD_REQUEST',
  INVALID_CURSOR = 'INVALID_CURSOR',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  TOKEN_INVALID = 'TOKEN_INVALID',
  TOKEN_REUSED = 'TOKEN_REUSED',
  ACCOUNT_SUSPENDED = 'ACCOUNT_SUSPENDED',
  WEAK_PASSWORD = 'WEAK_PASSWORD',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  ROUTE_NOT_FOUND = 'ROUTE_NOT_FOUND',
  CONFLICT = 'CONFLICT',
  USERNAME_TAKEN = 'USERNAME_TAKEN',
  ALREADY_EXISTS = 'ALREADY_EXISTS',
  THEME_EXISTS = 'THEME_EXISTS',
  GROUP_FULL = 'GROUP_FULL',
  GROUP_ARCHIVED = 'GROUP_ARCHIVED',
  COMMUNITY_ARCHIVED = 'COMMUNITY_ARCHIVED',
  NOT_A_MEMBER = 'NOT_A_MEMBER',
  INVITE_INVALID = 'INVITE_INVALID',
  DM_NOT_ALLOWED = 'DM_NOT_ALLOWED',
  SHARE_NOT_ALLOWED = 'SHARE_NOT_ALLOWED',
  ROOM_READ_ONLY = 'ROOM_READ_ONLY',
  MUTED = 'MUTED',
  BANNED = 'BANNED',
  SUSPENDED_FROM_COMMUNITY = 'SUSPENDED_FROM_COMMUNITY',
  AUTOMOD_BLOCKED = 'AUTOMOD_BLOCKED',
  NUDGE = 'NUDGE',
  NEW_ACCOUNT_LIMIT = 'NEW_ACCOUNT_LIMIT',
  ALREADY_APPEALED = 'ALREADY_APPEALED',
  CASE_CLOSED = 'CASE_CLOSED',
  DUPLICATE_CLIENT_MSG_ID = 'DUPLICATE_CLIENT_MSG_ID',
  MESSAGE_DELETED = 'MESSAGE_DELETED',
  RATE_LIMITED = 'RATE_LIMITED',
  TOO_MANY_CONNECTIONS = 'TOO_MANY_CONNECTIONS',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
  METHOD_NOT_ALLOWED = 'METHOD_NOT_ALLOWED',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  INTERNAL = 'INTERNAL',
}

export interface ErrorDetail {
  field?: string;
  message: string;
  [key: string]: unknown;
}

/** A domain error: thrown by services, mapped to HTTP and socket acks by one mapper. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[] | Record<string, unknown>,
    /** Seconds a client should wait before retrying (RATE_LIMITED). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

function assertUnreachable(x: never): never {
  throw new Error(`Unhandled error code: ${String(x)}`);
}

/** Exhaustive: adding a code without a status fails to compile. */
export function httpStatusFor(code: ErrorCode): number {
  switch (code) {
    case ErrorCode.VALIDATION_FAILED:
    case ErrorCode.BAD_REQUEST:
    case ErrorCode.INVALID_CURSOR:
    case ErrorCode.WEAK_PASSWORD:
    case ErrorCode.INVITE_INVALID:
      return HttpStatus.BAD_REQUEST;
    case ErrorCode.UNAUTHENTICATED:
    case ErrorCode.INVALID_CREDENTIALS:
    case ErrorCode.TOKEN_INVALID:
    case ErrorCode.TOKEN_REUSED:
      return HttpStatus.UNAUTHORIZED;
    case ErrorCode.ACCOUNT_SUSPENDED:
    case ErrorCode.FORBIDDEN:
    case ErrorCode.NOT_A_MEMBER:
    case ErrorCode.DM_NOT_ALLOWED:
    case ErrorCode.SHARE_NOT_ALLOWED:
    case ErrorCode.ROOM_READ_ONLY:
    case ErrorCode.MUTED:
    case ErrorCode.BANNED:
    case ErrorCode.SUSPENDED_FROM_COMMUNITY:
    case ErrorCode.AUTOMOD_BLOCKED:
    case ErrorCode.NEW_ACCOUNT_LIMIT:
    case ErrorCode.GROUP_ARCHIVED:
    case ErrorCode.COMMUNITY_ARCHIVED:
      return HttpStatus.FORBIDDEN;
    case ErrorCode.NOT_FOUND:
    case ErrorCode.ROUTE_NOT_FOUND:
      return HttpStatus.NOT_FOUND;
    case ErrorCode.METHOD_NOT_ALLOWED:
      return HttpStatus.METHOD_NOT_ALLOWED;
    case ErrorCode.CONFLICT:
    case ErrorCode.USERNAME_TAKEN:
    case ErrorCode.ALREADY_EXISTS:
    case ErrorCode.THEME_EXISTS:
    case ErrorCode.GROUP_FULL:
    case ErrorCode.DUPLICATE_CLIENT_MSG_ID:
    case ErrorCode.MESSAGE_DELETED:
    case ErrorCode.NUDGE:
    case ErrorCode.ALREADY_APPEALED:
    case ErrorCode.CASE_CLOSED:
      return HttpStatus.CONFLICT;
    case ErrorCode.PAYLOAD_TOO_LARGE:
      return HttpStatus.PAYLOAD_TOO_LARGE;
    case ErrorCode.UNSUPPORTED_MEDIA_TYPE:
      return HttpStatus.UNSUPPORTED_MEDIA_TYPE;
    case ErrorCode.RATE_LIMITED:
    case ErrorCode.TOO_MANY_CONNECTIONS:
      return HttpStatus.TOO_MANY_REQUESTS;
    case ErrorCode.SERVICE_UNAVAILABLE:
      return HttpStatus.SERVICE_UNAVAILABLE;
    case ErrorCode.INTERNAL:
      return HttpStatus.INTERNAL_SERVER_ERROR;
    default:
      return assertUnreachable(code);
  }
}

export const notFound = (what: string) => new AppError(ErrorCode.NOT_FOUND, `${what} not found`);
export const forbidden = (message: string) => new AppError(ErrorCode.FORBIDDEN, message);
