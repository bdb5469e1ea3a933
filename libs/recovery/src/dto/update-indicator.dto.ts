import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsOmittable } from '@hearth/common';
import { SCALE_LIMIT } from './create-indicator.dto';

/** A scale may change only while every existing check-in still fits it. */
export class UpdateIndicatorDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 100 })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(/\S/, { message: 'name must not be blank' })
  name?: string;

  @ApiPropertyOptional({ minimum: -SCALE_LIMIT, maximum: SCALE_LIMIT })
  @IsOmittable()
  @IsInt()
  @Min(-SCALE_LIMIT)
  @Max(SCALE_LIMIT)
  scaleMin?: number;

  @ApiPropertyOptional({ minimum: -SCALE_LIMIT, maximum: SCALE_LIMIT })
  @IsOmittable()
  @IsInt()
  @Min(-SCALE_LIMIT)
  @Max(SCALE_LIMIT)
  scaleMax?: number;

  @ApiPropertyOptional({ maxLength: 60, nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  minLabel?: string | null;

  @ApiPropertyOptional({ maxLength: 60, nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  maxLabel?: string | null;

  @ApiPropertyOptional({ maxLength: 40, nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  domain?: string | null;
}
