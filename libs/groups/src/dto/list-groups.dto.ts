import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, IsUUID, MaxLength } from 'class-validator';
import { IsLanguageTag, IsOmittable, PageQueryDto } from '@hearth/common';

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
  @IsLanguageTag()
  language?: string;

  @ApiPropertyOptional({ maxLength: 100, description: 'Words in the name or description (accent-insensitive)' })
  @IsOmittable()
  @IsString()
  @MaxLength(100)
  q?: string;
}
