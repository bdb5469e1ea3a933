import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { IsOmittable } from '@hearth/common';
import { GOAL_STATUSES, GoalStatus } from '../entities/recovery-goal.entity';

export const MAX_STEPS_PER_GOAL = 50;
export const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export class StepInputDto {
  @ApiProperty({ minLength: 1, maxLength: 300, example: 'Ask the library about volunteering' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  @Matches(/\S/, { message: 'text must not be blank' })
  text: string;

  @ApiPropertyOptional({ default: false })
  @IsOmittable()
  @IsBoolean()
  done?: boolean;
}

export class CreateGoalDto {
  @ApiProperty({ minLength: 1, maxLength: 200, example: 'Find work that feels like mine' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @Matches(/\S/, { message: 'title must not be blank' })
  title: string;

  @ApiPropertyOptional({ maxLength: 2000, description: 'Why it matters to me' })
  @IsOmittable()
  @IsString()
  @MaxLength(2000)
  why?: string;

  @ApiPropertyOptional({ enum: GOAL_STATUSES, default: 'active' })
  @IsOmittable()
  @IsIn(GOAL_STATUSES)
  status?: GoalStatus;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, example: '2027-03-01' })
  @IsOptional()
  @Matches(DATE_ONLY, { message: 'targetDate must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'targetDate must be a real calendar date' })
  targetDate?: string | null;

  @ApiPropertyOptional({ type: [StepInputDto], maxItems: MAX_STEPS_PER_GOAL })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(MAX_STEPS_PER_GOAL)
  @ValidateNested({ each: true })
  @Type(() => StepInputDto)
  steps?: StepInputDto[];
}
