import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsOmittable } from '@hearth/common';

export const NOTE_MAX = 2000;

export class CreateCheckInDto {
  @ApiProperty({ description: 'A whole number within the indicator’s scale' })
  @IsInt()
  value: number;

  @ApiPropertyOptional({ maxLength: NOTE_MAX, nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(NOTE_MAX)
  note?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'When (default now); not in the future' })
  @IsOmittable()
  @IsISO8601({ strict: true, strictSeparator: true })
  at?: string;
}
