import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IsOmittable } from '@hearth/common';

export class UpdateStepDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 300 })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  @Matches(/\S/, { message: 'text must not be blank' })
  text?: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsBoolean()
  done?: boolean;
}
