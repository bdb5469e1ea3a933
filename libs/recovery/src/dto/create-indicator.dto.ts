import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

export const SCALE_LIMIT = 1000;

export class CreateIndicatorDto {
  @ApiProperty({ minLength: 1, maxLength: 100, example: 'How rested I feel' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(/\S/, { message: 'name must not be blank' })
  name: string;

  @ApiProperty({ minimum: -SCALE_LIMIT, maximum: SCALE_LIMIT, example: 0 })
  @IsInt()
  @Min(-SCALE_LIMIT)
  @Max(SCALE_LIMIT)
  scaleMin: number;

  @ApiProperty({ minimum: -SCALE_LIMIT, maximum: SCALE_LIMIT, example: 10, description: 'Must be greater than scaleMin' })
  @IsInt()
  @Min(-SCALE_LIMIT)
  @Max(SCALE_LIMIT)
  scaleMax: number;

  @ApiPropertyOptional({ maxLength: 60, nullable: true, type: String, example: 'exhausted' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  minLabel?: string | null;

  @ApiPropertyOptional({ maxLength: 60, nullable: true, type: String, example: 'rested' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  maxLabel?: string | null;

  @ApiPropertyOptional({ maxLength: 40, nullable: true, type: String, description: 'A life-domain tag of my choosing, e.g. "body" or "connectedness"' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  domain?: string | null;
}
