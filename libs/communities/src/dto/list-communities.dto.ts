import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '@hearth/common';

export class ListCommunitiesDto extends PageQueryDto {
  @ApiPropertyOptional({ maxLength: 100, description: 'Text in the name or slug' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Include archived communities (platform admins only)' })
  @IsOptional()
  @IsIn(['true', 'false'])
  includeArchived?: 'true' | 'false';
}
