import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { mapError } from './error-mapper';
import { databaseOutage } from './outage';

/** Every HTTP error leaves as `{ statusCode, code, message, details?, requestId }`. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return;
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request & { id?: string }>();
    const res = ctx.getResponse<Response>();
    const mapped = mapError(exception);
    const requestId = String(req.id ?? randomUUID());
    if (mapped.outage) databaseOutage.note();
    if (mapped.internal) {
      // Never the body or headers: only what identifies the failure.
      const err = exception as Error;
      this.logger.error({ requestId, err: { name: err?.name, message: err?.message, stack: err?.stack } }, 'Unhandled error');
    }
    if (res.headersSent) return;
    if ((mapped.status === 429 || mapped.status === 503) && mapped.retryAfterSeconds !== undefined) {
      res.setHeader('Retry-After', String(Math.max(1, Math.ceil(mapped.retryAfterSeconds))));
    }
    res.status(mapped.status).json({
      statusCode: mapped.status,
      code: mapped.code,
      message: mapped.message,
      ...(mapped.details ? { details: mapped.details } : {}),
      requestId,
    });
  }
}
