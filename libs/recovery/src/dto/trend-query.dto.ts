import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/** A time range; defaults: the last 90 days up to now. */
export class TrendQueryDto {
  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'Start (inclusive); default 90 days before `to`' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  from?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'End (exclusive); default now' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  to?: string;

  @ApiPropertyOptional({ example: 'Europe/Lisbon', description: 'IANA time zone the weeks are counted in (default UTC)' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(/^[A-Za-z][A-Za-z0-9_+\-]*(\/[A-Za-z0-9_+\-]+)*$/, { message: 'timeZone must be an IANA time zone such as Europe/Lisbon' })
  timeZone?: string;
}
