import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsOmittable } from '@hearth/common';
import { NOTE_MAX } from './create-check-in.dto';

export class UpdateCheckInDto {
  @ApiPropertyOptional()
  @IsOmittable()
  @IsInt()
  value?: number;

  @ApiPropertyOptional({ maxLength: NOTE_MAX, nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(NOTE_MAX)
  note?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @IsOmittable()
  @IsISO8601({ strict: true, strictSeparator: true })
  at?: string;
}
