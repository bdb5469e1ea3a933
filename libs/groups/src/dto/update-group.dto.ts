import { IsLanguageTags, IsName, IsOmittable } from '@hearth/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';

export class UpdateGroupDto {
  @ApiPropertyOptional({ minLength: 2, maxLength: 100 })
  @IsOmittable()
  @IsName()
  name?: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOmittable()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', minItems: 1, maxItems: 10 })
  @IsOmittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  themeIds?: string[];

  @ApiPropertyOptional({ enum: ['public', 'private'] })
  @IsOmittable()
  @IsIn(['public', 'private'])
  visibility?: 'public' | 'private';

  @ApiPropertyOptional({ enum: ['open', 'approval', 'invite'] })
  @IsOmittable()
  @IsIn(['open', 'approval', 'invite'])
  joinPolicy?: 'open' | 'approval' | 'invite';

  @ApiPropertyOptional({ maxLength: 4000, nullable: true, type: String })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(4000)
  rules?: string | null;

  @ApiPropertyOptional({ type: [String], maxItems: 10 })
  @IsOmittable()
  @IsLanguageTags()
  languages?: string[];

  @ApiPropertyOptional({ minimum: 2, maximum: 10000, nullable: true, type: Number, description: 'null removes the cap' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsInt()
  @Min(2)
  @Max(10000)
  maxMembers?: number | null;
}
