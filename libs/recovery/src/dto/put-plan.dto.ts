import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export const STATEMENT_MAX = 5000;

export class PutPlanDto {
  @ApiProperty({ maxLength: STATEMENT_MAX, description: 'What recovery means to me, in my own words (empty to clear)' })
  @IsString()
  @MaxLength(STATEMENT_MAX)
  statement: string;
}
