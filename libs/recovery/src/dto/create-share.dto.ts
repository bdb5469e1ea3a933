import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsISO8601, IsObject, IsUUID, ValidateNested } from 'class-validator';
import { IsOmittable } from '@hearth/common';

export class SharePartsDto {
  @ApiPropertyOptional({ default: false, description: 'My statement of what recovery means to me' })
  @IsOmittable()
  @IsBoolean()
  statement?: boolean;

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: 100, description: 'Goals (with their steps) to share' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  goalIds?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: 100, description: 'Indicators (with their check-ins) to share' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  indicatorIds?: string[];

  @ApiPropertyOptional({ default: false, description: 'My safety plan' })
  @IsOmittable()
  @IsBoolean()
  safetyPlan?: boolean;
}

export class CreateShareDto {
  @ApiProperty({ format: 'uuid', description: 'A verified peer worker I have (or had) a support session with' })
  @IsUUID('all')
  peerId: string;

  @ApiProperty({ type: SharePartsDto, description: 'At least one part' })
  @IsObject()
  @ValidateNested()
  @Type(() => SharePartsDto)
  parts: SharePartsDto;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'When the share ends by itself (in the future); omit for "until I revoke it"' })
  @IsOmittable()
  @IsISO8601({ strict: true, strictSeparator: true })
  until?: string;
}
