import { IsLanguageTags, IsOmittable } from '@hearth/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { NOT_BLANK } from './create-community.dto';

/** The slug is permanent (links point at it). */
export class UpdateCommunityDto {
  @ApiPropertyOptional({ minLength: 2, maxLength: 100 })
  @IsOmittable()
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  @Matches(NOT_BLANK, { message: 'name must not be blank' })
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
