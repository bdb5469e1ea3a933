import { IsLanguageTags, IsName, IsOmittable } from '@hearth/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsString, MaxLength } from 'class-validator';

/** The slug is permanent (links point at it). */
export class UpdateCommunityDto {
  @ApiPropertyOptional({ minLength: 2, maxLength: 100 })
  @IsOmittable()
  @IsName()
  name?: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOmittable()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiPropertyOptional({ maxLength: 10000 })
  @IsOmittable()
  @IsString()
  @MaxLength(10000)
  codeOfConduct?: string;

  @ApiPropertyOptional({ type: [String], maxItems: 10 })
  @IsOmittable()
  @IsLanguageTags()
  languages?: string[];

  @ApiPropertyOptional()
  @IsOmittable()
  @IsBoolean()
  membersCanCreateGroups?: boolean;
}
