import { IsLanguageTags, IsName, IsOmittable } from '@hearth/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsString, Matches, MaxLength, MinLength } from 'class-validator';


export class CreateCommunityDto {
  @ApiProperty({ minLength: 2, maxLength: 100, example: 'Lisbon peer network' })
  @IsName()
  name: string;

  @ApiProperty({ minLength: 2, maxLength: 64, example: 'lisbon', description: 'Lower-case letters, digits and single hyphens; unique' })
  @IsString()
  @MinLength(2)
  @MaxLength(64)
  @Matches(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'slug must be lower-case letters, digits and single hyphens' })
  slug: string;

  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @MaxLength(2000)
  description: string;

  @ApiPropertyOptional({ maxLength: 10000 })
  @IsOmittable()
  @IsString()
  @MaxLength(10000)
  codeOfConduct?: string;

  @ApiPropertyOptional({ type: [String], maxItems: 10, description: 'BCP 47 language tags' })
  @IsOmittable()
  @IsLanguageTags()
  languages?: string[];

  @ApiPropertyOptional({ default: false, description: 'Whether any member may create groups here (otherwise community admins only)' })
  @IsOmittable()
  @IsBoolean()
  membersCanCreateGroups?: boolean;
}
