import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, Equals, IsArray, IsBoolean, IsIn, IsInt, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsOmittable } from '@hearth/common';
import { AGE_BANDS, AgeBand, LANGUAGE_TAG } from './peer-profile-fields';

export class CreateSupportRequestDto {
  @ApiProperty({ type: [String], format: 'uuid', maxItems: 10, description: 'What you would like to talk about' })
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  themeIds: string[];

  @ApiProperty({ example: 'es', maxLength: 16 })
  @IsString()
  @MaxLength(16)
  @Matches(LANGUAGE_TAG, { message: 'language must be a language tag such as en or pt-BR' })
  language: string;

  @ApiPropertyOptional({ maxLength: 1000, description: 'Seen only by the peers who can take the request' })
  @IsOmittable()
  @IsString()
  @MaxLength(1000)
  note?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A specific peer (their request goes to them first)' })
  @IsOmittable()
  @IsUUID()
  preferredPeerId?: string;

  @ApiPropertyOptional({ description: 'Prefer the peer of your last session' })
  @IsOmittable()
  @IsBoolean()
  samePeerAsLastTime?: boolean;

  @ApiPropertyOptional({ maxLength: 32, example: 'she/her', description: 'A pronouns preference (a preference, never a filter)' })
  @IsOmittable()
  @IsString()
  @MaxLength(32)
  preferredPronouns?: string;

  @ApiPropertyOptional({ enum: AGE_BANDS, isArray: true, maxItems: 6 })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(6)
  @ArrayUnique()
  @IsIn(AGE_BANDS, { each: true })
  preferredAgeBands?: AgeBand[];

  @ApiPropertyOptional({ format: 'uuid', description: 'The community you reach out through (for its crisis resources and statistics)' })
  @IsOmittable()
  @IsUUID()
  communityId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 20, default: 5, description: 'How many suggestions to return' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(20)
  suggestions?: number;

  @ApiPropertyOptional({ maxLength: 2, example: 'DE', description: 'ISO country code, for crisis resources' })
  @IsOmittable()
  @IsString()
  @Matches(/^[A-Za-z]{2}$/, { message: 'country must be a two-letter country code' })
  country?: string;
}

export class ChoosePeerDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The suggested peer you choose (or give firstAvailable)' })
  @IsOmittable()
  @IsUUID()
  peerId?: string;

  @ApiPropertyOptional({ enum: [true], description: 'Whoever is free first' })
  @IsOmittable()
  @Equals(true, { message: 'firstAvailable must be true when given' })
  firstAvailable?: true;
}

export class HandoverSessionDto {
  @ApiProperty({ format: 'uuid', description: 'The peer to hand over to (the member must consent)' })
  @IsUUID()
  peerId: string;
}

export class RespondHandoverDto {
  @ApiProperty({ description: 'true: go to the proposed peer; false: stay' })
  @IsBoolean()
  consent: boolean;
}

export class SessionFeedbackDto {
  @ApiProperty({ minimum: 1, maximum: 5 })
  @IsInt()
  @Min(1)
  @Max(5)
  rating: number;

  @ApiPropertyOptional({ maxLength: 1000, description: 'Seen by the peer; admins see only aggregates' })
  @IsOmittable()
  @IsString()
  @MaxLength(1000)
  note?: string;
}
