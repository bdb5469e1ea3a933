import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { AppError, ErrorCode } from './errors';

export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from a previous page’s nextCursor' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The type of each key of a cursor. `uuid` is a string that must be a uuid (so a
 * forged cursor is a 400, not a failed `::uuid` cast); a key named `t` carries a
 * timestamp and must be a strict UTC ISO form PostgreSQL reads the same way.
 */
export type CursorShape = Record<string, 'string' | 'number' | 'uuid'>;
export type CursorOf<S extends CursorShape> = { [K in keyof S]: S[K] extends 'number' ? number : string };

export const invalidCursor = () => new AppError(ErrorCode.INVALID_CURSOR, 'cursor is malformed; pass back nextCursor unchanged');

export function encodeCursor(value: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/** Decodes an opaque cursor and checks it has exactly the expected keys and types. */
export function decodeCursor<S extends CursorShape>(cursor: string, shape: S): CursorOf<S> {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      const ok = Object.entries(shape).every(([k, type]) => {
        const v = parsed[k];
        if (type === 'uuid') return typeof v === 'string' && UUID.test(v);
        return typeof v === type && (k !== 't' || isCursorTimestamp(v as string));
      });
      if (ok && Object.keys(parsed).length === Object.keys(shape).length) return parsed as CursorOf<S>;
    }
  } catch {
    /* fall through */
  }
  throw invalidCursor();
}

/**
 * One keyset page: `after` is the decoded cursor (null on the first page), `take`
 * is what to fetch (limit + 1, so a next page is known without a count), and
 * `page(rows, cursorOf)` cuts the rows to the limit and makes the next cursor
 * from the last row kept.
 */
export interface Keyset<S extends CursorShape> {
  limit: number;
  take: number;
  after: CursorOf<S> | null;
  page<R>(rows: R[], cursorOf: (last: R) => CursorOf<S>): { rows: R[]; nextCursor: string | null };
}

/**
 * SQL for a timestamptz column as a cursor `t` key: microseconds, UTC, the strict ISO form
 * `decodeCursor` accepts (a JS Date would drop the microseconds and skip or repeat rows).
 */
export const cursorTimestampSql = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export function keyset<S extends CursorShape>(query: { limit?: number; cursor?: string }, shape: S, defaultLimit = 20): Keyset<S> {
  const limit = query.limit ?? defaultLimit;
  return {
    limit,
    take: limit + 1,
    after: query.cursor ? decodeCursor(query.cursor, shape) : null,
    page(rows, cursorOf) {
      const kept = rows.slice(0, limit);
      const last = kept[kept.length - 1];
      return { rows: kept, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(cursorOf(last)) : null };
    },
  };
}

const ISO_UTC = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?Z$/;

function isCursorTimestamp(value: string): boolean {
  const m = ISO_UTC.exec(value);
  if (!m) return false;
  const d = new Date(value);
  // Rejects impossible dates such as 2020-02-30 that Date would roll over.
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 19) === value.slice(0, 19);
}
