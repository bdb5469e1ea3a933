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

export function encodeCursor(value: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/** Decodes an opaque cursor and checks it has exactly the expected keys and types. */
export function decodeCursor<T extends Record<string, 'string' | 'number'>>(
  cursor: string,
  shape: T,
): { [K in keyof T]: T[K] extends 'number' ? number : string } {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      // Keys named `t` carry timestamps: only a strict UTC ISO form PostgreSQL reads the same way.
      const ok = Object.entries(shape).every(([k, t]) => typeof parsed[k] === t && (k !== 't' || isCursorTimestamp(parsed[k] as string)));
      if (ok && Object.keys(parsed).length === Object.keys(shape).length) {
        return parsed as { [K in keyof T]: T[K] extends 'number' ? number : string };
      }
    }
  } catch {
    /* fall through */
  }
  throw new AppError(ErrorCode.INVALID_CURSOR, 'cursor is malformed; pass back nextCursor unchanged');
}

const ISO_UTC = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?Z$/;

function isCursorTimestamp(value: string): boolean {
  const m = ISO_UTC.exec(value);
  if (!m) return false;
  const d = new Date(value);
  // Rejects impossible dates such as 2020-02-30 that Date would roll over.
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 19) === value.slice(0, 19);
}
