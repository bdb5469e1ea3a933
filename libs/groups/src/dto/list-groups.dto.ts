import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQueryDto, IsOmittable } from '@hearth/common';
import { LANGUAGE_TAG } from './create-group.dto';

export class ListGroupsDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only groups gathered around this theme' })
  @IsOmittable()
  @IsUUID()
  theme?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOmittable()
  @IsUUID()
  communityId?: string;

  @ApiPropertyOptional({ example: 'pt', description: 'Only groups that talk in this language' })
  @IsOmittable()
  @IsString()
  @Matches(LANGUAGE_TAG, { message: 'language must be a language tag such as en or pt-BR' })
  language?: string;

  @ApiPropertyOptional({ maxLength: 100, description: 'Words in the name or description (accent-insensitive)' })
  @IsOmittable()
  @IsString()
  @MaxLength(100)
  q?: string;
}
