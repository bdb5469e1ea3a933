import { HttpException, HttpStatus } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { WsException } from '@nestjs/websockets';
import { QueryFailedError } from 'typeorm';
import { AppError, ErrorCode, ErrorDetail, httpStatusFor } from './errors';
import { isDatabaseUnavailable } from './outage';

export interface MappedError {
  status: number;
  code: ErrorCode | string;
  message: string;
  details?: ErrorDetail[] | Record<string, unknown>;
  retryAfterSeconds?: number;
  /** True when this is our fault (to be logged with the request id). */
  internal: boolean;
  /** True when the database could not be reached (logged once per outage, not per request). */
  outage?: boolean;
}

/** How long a client should wait before retrying while the database or the instance is unavailable. */
const UNAVAILABLE_RETRY_SECONDS = 2;

const STATUS_CODES: Record<number, ErrorCode> = {
  400: ErrorCode.BAD_REQUEST,
  401: ErrorCode.UNAUTHENTICATED,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.NOT_FOUND,
  405: ErrorCode.METHOD_NOT_ALLOWED,
  409: ErrorCode.CONFLICT,
  413: ErrorCode.PAYLOAD_TOO_LARGE,
  415: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
  429: ErrorCode.RATE_LIMITED,
  503: ErrorCode.SERVICE_UNAVAILABLE,
};

/**
 * One mapper for every transport: the HTTP filter and the socket ack both use it,
 * so a client sees the same code for the same mistake on REST and on sockets.
 */
export function mapError(error: unknown): MappedError {
  if (error instanceof AppError) {
    return {
      status: httpStatusFor(error.code),
      code: error.code,
      message: error.message,
      details: error.details,
      retryAfterSeconds: error.retryAfterSeconds,
      internal: false,
    };
  }
  if (error instanceof ThrottlerException) {
    return { status: 429, code: ErrorCode.RATE_LIMITED, message: 'Too many requests, slow down', internal: false };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    if (status === HttpStatus.SERVICE_UNAVAILABLE) {
      // A normal answer (health while the database is down), not a failure of ours.
      const body = error.getResponse() as { details?: Record<string, unknown> } | string;
      const details = typeof body === 'object' && body?.details ? body.details : undefined;
      return { status, code: ErrorCode.SERVICE_UNAVAILABLE, message: 'Service unavailable', details, retryAfterSeconds: UNAVAILABLE_RETRY_SECONDS, internal: false };
    }
    const body = error.getResponse() as { message?: unknown; code?: string; details?: ErrorDetail[] } | string;
    if (typeof body === 'object' && body && typeof body.code === 'string') {
      return { status, code: body.code, message: String(body.message ?? error.message), details: body.details, internal: status >= 500 };
    }
    const message = typeof body === 'string' ? body : Array.isArray(body?.message) ? body.message.join('; ') : String(body?.message ?? error.message);
    const code = status === 404 && /^Cannot (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)/.test(message) ? ErrorCode.ROUTE_NOT_FOUND : (STATUS_CODES[status] ?? (status >= 500 ? ErrorCode.INTERNAL : ErrorCode.BAD_REQUEST));
    return { status, code, message: status >= 500 ? 'Internal server error' : message, internal: status >= 500 };
  }
  if (error instanceof WsException) {
    const e = error.getError();
    if (typeof e === 'object' && e && 'code' in e) {
      const o = e as { code: string; message?: string; details?: ErrorDetail[] };
      return { status: 400, code: o.code, message: o.message ?? 'Bad request', details: o.details, internal: false };
    }
    return { status: 400, code: ErrorCode.BAD_REQUEST, message: String(e), internal: false };
  }
  // Errors raised by body-parser and friends carry an http status and `expose`.
  const maybe = error as { status?: number; statusCode?: number; expose?: boolean; type?: string; message?: string };
  const httpStatus = maybe?.status ?? maybe?.statusCode;
  if (typeof httpStatus === 'number' && httpStatus >= 400 && httpStatus < 500 && maybe.expose !== false) {
    const message =
      maybe.type === 'entity.parse.failed'
        ? 'Request body is not valid JSON'
        : maybe.type === 'entity.too.large'
          ? 'Request body is too large'
          : (maybe.message ?? 'Bad request');
    return { status: httpStatus, code: STATUS_CODES[httpStatus] ?? ErrorCode.BAD_REQUEST, message, internal: false };
  }
  if (isDatabaseUnavailable(error)) {
    return {
      status: HttpStatus.SERVICE_UNAVAILABLE,
      code: ErrorCode.SERVICE_UNAVAILABLE,
      message: 'The database is not answering; retry in a moment',
      retryAfterSeconds: UNAVAILABLE_RETRY_SECONDS,
      internal: false,
      outage: true,
    };
  }
  // Input the database refused that validation should have caught: still the client's mistake.
  if (error instanceof QueryFailedError) {
    const pgCode = (error as unknown as { driverError?: { code?: string } }).driverError?.code;
    // 22P02 bad text representation, 22021 bad encoding, 22001 too long, 22003 out of range,
    // 22007/22008 bad or out-of-range date/time (e.g. a well-formed cursor holding a bad timestamp).
    if (['22P02', '22021', '22001', '22003', '22007', '22008'].includes(pgCode ?? '')) {
      return { status: HttpStatus.BAD_REQUEST, code: ErrorCode.BAD_REQUEST, message: 'Malformed value in request', internal: false };
    }
  }
  return { status: 500, code: ErrorCode.INTERNAL, message: 'Internal server error', internal: true };
}
