import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMinSize, ArrayUnique, IsArray, IsIn } from 'class-validator';
import { IsOmittable } from '@hearth/common';

export class AdoptTemplateDto {
  @ApiPropertyOptional({ type: [String], enum: ['goal', 'indicator'], description: 'What to copy into my plan (default both); the copies are mine to rewrite' })
  @IsOmittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(['goal', 'indicator'], { each: true })
  parts?: Array<'goal' | 'indicator'>;
}
