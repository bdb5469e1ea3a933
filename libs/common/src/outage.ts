import { Logger } from '@nestjs/common';

/** Node socket errors and PostgreSQL SQLSTATEs that mean "the database cannot be reached", not "the query was wrong". */
const NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const PG_CODES = new Set(['57P01', '57P02', '57P03', '53300', '53400']);
const MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /connection error/i,
  /terminating connection/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /cannot use a pool after calling end/i,
  /Client was closed and is not queryable/i,
  /Connection is not established/i,
];

/** True when `error` (or the driver error it wraps) says the database is unreachable. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; depth++) {
    const code = typeof e.code === 'string' ? e.code : undefined;
    if (code && (NODE_CODES.has(code) || PG_CODES.has(code) || code.startsWith('08'))) return true;
    if (typeof e.message === 'string' && MESSAGES.some((m) => m.test(e!.message as string))) return true;
    e = (e.driverError ?? e.cause) as typeof e;
  }
  return false;
}

/**
 * Logs a database outage once when it starts and once when it ends, with how
 * many requests and events it refused, instead of an error line per request.
 */
class OutageLog {
  private readonly logger = new Logger('Database');
  private failures = 0;
  private since = 0;
  private quietTimer?: NodeJS.Timeout;

  /** Called for every request or event refused because the database is unreachable. */
  note(): void {
    if (this.failures === 0) {
      this.since = Date.now();
      this.logger.warn('Database unavailable: refusing requests with SERVICE_UNAVAILABLE until it answers again');
    }
    this.failures++;
    clearTimeout(this.quietTimer);
    // No refusal for 5 s: the outage is over (or nobody is asking); say so once.
    this.quietTimer = setTimeout(() => this.end(), 5000);
    this.quietTimer.unref?.();
  }

  private end(): void {
    this.logger.warn({ refused: this.failures, seconds: Math.round((Date.now() - this.since) / 1000) }, `Database outage over: ${this.failures} refused in ${Math.round((Date.now() - this.since) / 1000)} s`);
    this.failures = 0;
  }
}

export const databaseOutage = new OutageLog();
