import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IsOmittable } from '@hearth/common';
import { GOAL_STATUSES, GoalStatus } from '../entities/recovery-goal.entity';
import { DATE_ONLY } from './create-goal.dto';

export class UpdateGoalDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 200 })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @Matches(/\S/, { message: 'title must not be blank' })
  title?: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOmittable()
  @IsString()
  @MaxLength(2000)
  why?: string;

  @ApiPropertyOptional({ enum: GOAL_STATUSES })
  @IsOmittable()
  @IsIn(GOAL_STATUSES)
  status?: GoalStatus;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, description: 'null removes the target date' })
  @IsOptional()
  @Matches(DATE_ONLY, { message: 'targetDate must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'targetDate must be a real calendar date' })
  targetDate?: string | null;
}
