import { IsLanguageTags, IsOmittable } from '@hearth/common';
import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';

/** The name shown to others: 1 to 64 characters. (Listed bottom-up, as stacked decorators would register them.) */
export const IsDisplayName = () => applyDecorators(MaxLength(64), MinLength(1), IsString());

export class PrivacySettingsDto {
  @ApiPropertyOptional({ enum: ['anyone', 'shared_groups', 'peers', 'nobody'], description: 'Who may start a direct conversation with me' })
  @IsOmittable()
  @IsIn(['anyone', 'shared_groups', 'peers', 'nobody'])
  dmPolicy?: 'anyone' | 'shared_groups' | 'peers' | 'nobody';

  @ApiPropertyOptional({ description: 'Show my online presence in rooms' })
  @IsOmittable()
  @IsBoolean()
  showPresence?: boolean;
}

/** Profile fields a user controls. Role and status are not here on purpose. */
export class UpdateMeDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 64 })
  @IsOmittable()
  @IsDisplayName()
  displayName?: string;

  @ApiPropertyOptional({ maxLength: 32, nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  pronouns?: string | null;

  @ApiPropertyOptional({ maxLength: 500, nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  bio?: string | null;

  @ApiPropertyOptional({ type: [String], description: 'BCP 47 language tags, e.g. en, fr, pt-BR', maxItems: 10 })
  @IsOmittable()
  @IsLanguageTags()
  languages?: string[];

  @ApiPropertyOptional({ type: PrivacySettingsDto })
  @IsOmittable()
  @ValidateNested()
  @Type(() => PrivacySettingsDto)
  privacy?: PrivacySettingsDto;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'The recovery themes that matter to me (replaces the list)', maxItems: 20 })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  themeIds?: string[];
}
