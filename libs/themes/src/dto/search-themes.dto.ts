import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { PageQueryDto, IsOmittable } from '@hearth/common';

export class SearchThemesDto extends PageQueryDto {
  @ApiPropertyOptional({ maxLength: 100, description: 'Words to find in names and descriptions; similar spellings match too' })
  @IsOmittable()
  @IsString()
  @MaxLength(100)
  q?: string;
}
