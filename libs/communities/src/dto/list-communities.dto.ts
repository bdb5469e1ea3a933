import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { PageQueryDto, IsOmittable } from '@hearth/common';

export class ListCommunitiesDto extends PageQueryDto {
  @ApiPropertyOptional({ maxLength: 100, description: 'Text in the name or slug' })
  @IsOmittable()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Include archived communities (platform admins only)' })
  @IsOmittable()
  @IsIn(['true', 'false'])
  includeArchived?: 'true' | 'false';
}
