import { IsLanguageTags, IsName, IsOmittable } from '@hearth/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

export class CreateGroupDto {
  @ApiProperty({ minLength: 2, maxLength: 100, example: 'Sunday grief circle' })
  @IsName()
  name: string;

  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @MaxLength(2000)
  description: string;

  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: 10, description: 'The themes the group gathers around' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  themeIds: string[];

  @ApiProperty({ enum: ['public', 'private'], description: 'Private groups and their members are invisible to non-members' })
  @IsIn(['public', 'private'])
  visibility: 'public' | 'private';

  @ApiProperty({ enum: ['open', 'approval', 'invite'] })
  @IsIn(['open', 'approval', 'invite'])
  joinPolicy: 'open' | 'approval' | 'invite';

  @ApiPropertyOptional({ maxLength: 4000, description: 'The group’s own rules, on top of the community’s code of conduct' })
  @IsOmittable()
  @IsString()
  @MaxLength(4000)
  rules?: string;

  @ApiPropertyOptional({ type: [String], maxItems: 10, description: 'BCP 47 language tags the group talks in' })
  @IsOmittable()
  @IsLanguageTags()
  languages?: string[];

  @ApiPropertyOptional({ minimum: 2, maximum: 10000, description: 'Member cap; none when absent' })
  @IsOmittable()
  @IsInt()
  @Min(2)
  @Max(10000)
  maxMembers?: number;
}
