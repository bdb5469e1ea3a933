import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsNotEmpty, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { IsOmittable } from '@hearth/common';

export const AUTOMOD_ACTIONS = ['block', 'hold', 'flag', 'nudge'] as const;
export type AutomodAction = (typeof AUTOMOD_ACTIONS)[number];

export class CreateAutomodRuleDto {
  @ApiProperty({ type: [String], maxItems: 2000, description: 'Plain phrases (never regular expressions); matched as whole words after folding case, accents, spacing, repeated letters and look-alike characters' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2000)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(100, { each: true })
  phrases: string[];

  @ApiProperty({ enum: AUTOMOD_ACTIONS })
  @IsIn(AUTOMOD_ACTIONS)
  action: AutomodAction;

  @ApiPropertyOptional({ maxLength: 500, description: 'The rule of the group or code of conduct this enforces' })
  @IsOmittable()
  @IsString()
  @MaxLength(500)
  rule?: string;

  @ApiProperty({ maxLength: 500, description: 'Shown to the sender' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

export class CrisisPhraseSetDto {
  @ApiProperty({ example: 'en', description: 'ISO 639-1 language code' })
  @IsString()
  @Matches(/^[a-z]{2}(-[A-Z]{2})?$/, { message: 'language must be a code like en or pt-BR' })
  language: string;

  @ApiProperty({ type: [String], maxItems: 500 })
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(100, { each: true })
  phrases: string[];
}

export class PutCrisisPhrasesDto {
  @ApiProperty({ type: [CrisisPhraseSetDto], maxItems: 20, description: 'Replaces every set; an empty list restores the platform defaults' })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CrisisPhraseSetDto)
  items: CrisisPhraseSetDto[];
}

export class CrisisResourceDto {
  @ApiProperty({ maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ maxLength: 40, nullable: true, type: String })
  @IsOmittable()
  @IsString()
  @MaxLength(40)
  phone?: string | null;

  @ApiPropertyOptional({ maxLength: 100, nullable: true, type: String, description: 'How to reach the text line, e.g. "Text 988"' })
  @IsOmittable()
  @IsString()
  @MaxLength(100)
  text?: string | null;

  @ApiPropertyOptional({ maxLength: 300, nullable: true, type: String })
  @IsOmittable()
  @IsString()
  @Matches(/^https:\/\/[^\s]+$/, { message: 'website must be an https:// address' })
  @MaxLength(300)
  website?: string | null;

  @ApiPropertyOptional({ maxLength: 200, nullable: true, type: String })
  @IsOmittable()
  @IsString()
  @MaxLength(200)
  hours?: string | null;

  @ApiPropertyOptional({ type: [String], description: 'ISO 3166-1 alpha-2 codes it serves; empty: anywhere' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(/^[A-Z]{2}$/, { each: true, message: 'countries must be two-letter codes like US' })
  countries?: string[];

  @ApiPropertyOptional({ type: [String], description: 'ISO 639-1 codes it answers in; empty: any' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(/^[a-z]{2}$/, { each: true, message: 'languages must be two-letter codes like es' })
  languages?: string[];

  @ApiProperty({ example: '2026-11-01', description: 'When someone last checked these details' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'lastVerifiedOn must be a date like 2026-11-01' })
  lastVerifiedOn: string;
}

export class PutCrisisResourcesDto {
  @ApiProperty({ type: [CrisisResourceDto], maxItems: 50, description: 'Replaces the list; an empty list restores the platform defaults' })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CrisisResourceDto)
  resources: CrisisResourceDto[];
}
