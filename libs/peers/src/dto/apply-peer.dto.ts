import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { IsOmittable } from '@hearth/common';
import { LANGUAGE_TAG, PeerProfileFieldsDto } from './peer-profile-fields';

const DATE_ONLY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class TrainingRecordInputDto {
  @ApiProperty({ minLength: 2, maxLength: 200, example: 'Intentional Peer Support core training' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  @Matches(/\S/, { message: 'course must not be blank' })
  course: string;

  @ApiProperty({ minLength: 2, maxLength: 200 })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  @Matches(/\S/, { message: 'provider must not be blank' })
  provider: string;

  @ApiProperty({ format: 'date', example: '2025-03-01' })
  @IsString()
  @Matches(DATE_ONLY, { message: 'completedOn must be a date YYYY-MM-DD' })
  completedOn: string;

  @ApiProperty({ format: 'date', example: '2027-03-01', description: 'After completedOn and not in the past' })
  @IsString()
  @Matches(DATE_ONLY, { message: 'expiresOn must be a date YYYY-MM-DD' })
  expiresOn: string;

  @ApiPropertyOptional({ maxLength: 500, description: 'A certificate number or link the verifying admin can check' })
  @IsOmittable()
  @IsString()
  @MaxLength(500)
  evidenceRef?: string;
}

export class ApplyPeerDto extends OmitType(PeerProfileFieldsDto, ['bio', 'languages', 'themeIds'] as const) {
  @ApiProperty({ maxLength: 500, description: 'A short bio; nothing clinical' })
  @IsString()
  @MaxLength(500)
  bio: string;

  @ApiProperty({ type: [String], minItems: 1, maxItems: 10, example: ['en'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(16, { each: true })
  @Matches(LANGUAGE_TAG, { each: true, message: 'each language must be a language tag such as en or pt-BR' })
  languages: string[];

  @ApiProperty({ type: [String], format: 'uuid', maxItems: 20, description: 'Themes from your own lived experience' })
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  themeIds: string[];

  @ApiProperty({ type: [TrainingRecordInputDto], minItems: 1, maxItems: 10 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => TrainingRecordInputDto)
  trainingRecords: TrainingRecordInputDto[];
}

export class DecideTrainingRecordDto {
  @ApiProperty({ minLength: 3, maxLength: 1000, description: 'Shown to the applicant' })
  @IsString()
  @MinLength(3)
  @MaxLength(1000)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason: string;
}
