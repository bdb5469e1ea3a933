import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsOmittable } from '@hearth/common';
import { TIME_OF_DAY } from '../matching/availability';

export const LANGUAGE_TAG = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/;
export const AGE_BANDS = ['18-24', '25-34', '35-44', '45-54', '55-64', '65+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export class AvailabilityWindowDto {
  @ApiProperty({ minimum: 0, maximum: 6, description: '0 = Sunday … 6 = Saturday, in the peer’s time zone' })
  @IsInt()
  @Min(0)
  @Max(6)
  day: number;

  @ApiProperty({ example: '18:00', description: 'HH:MM, 24-hour' })
  @IsString()
  @Matches(TIME_OF_DAY, { message: 'from must be HH:MM' })
  from: string;

  @ApiProperty({ example: '21:30', description: 'HH:MM, 24-hour, after `from` (24:00 for midnight)' })
  @IsString()
  @Matches(TIME_OF_DAY, { message: 'to must be HH:MM' })
  to: string;
}

/** The profile fields a peer sets, shared by the application and PATCH /api/me/peer-profile (all optional there). */
export class PeerProfileFieldsDto {
  @ApiPropertyOptional({ maxLength: 500, description: 'A short bio; nothing clinical' })
  @IsOmittable()
  @IsString()
  @MaxLength(500)
  bio?: string;

  @ApiPropertyOptional({ type: [String], maxItems: 10, example: ['en', 'es'] })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(16, { each: true })
  @Matches(LANGUAGE_TAG, { each: true, message: 'each language must be a language tag such as en or pt-BR' })
  languages?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: 20, description: 'Themes from your own lived experience' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  themeIds?: string[];

  @ApiPropertyOptional({ type: [AvailabilityWindowDto], maxItems: 28 })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(28)
  @ValidateNested({ each: true })
  @Type(() => AvailabilityWindowDto)
  availability?: AvailabilityWindowDto[];

  @ApiPropertyOptional({ example: 'Europe/Berlin', description: 'IANA time zone of the availability' })
  @IsOmittable()
  @IsString()
  @MaxLength(64)
  timeZone?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 20, description: 'Caseload cap: concurrent sessions' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(20)
  maxSessions?: number;

  @ApiPropertyOptional({ maxLength: 32, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  pronouns?: string | null;

  @ApiPropertyOptional({ enum: AGE_BANDS, nullable: true })
  @IsOptional()
  @IsIn(AGE_BANDS)
  ageBand?: AgeBand | null;
}

export class UpdatePeerProfileDto extends PeerProfileFieldsDto {
  @ApiPropertyOptional({ description: 'The "accepting requests now" switch; false sets you away at once' })
  @IsOmittable()
  @IsBoolean()
  acceptingRequests?: boolean;
}
