import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, ValidateNested } from 'class-validator';
import { IsOmittable } from '@hearth/common';
import { NOTIFICATION_KINDS, NotificationKind } from '../entities/notification.entity';

export class NotificationPreferenceInputDto {
  @ApiProperty({ enum: NOTIFICATION_KINDS })
  @IsIn(NOTIFICATION_KINDS)
  kind: NotificationKind;

  @ApiPropertyOptional({ description: 'Keep this kind in my notification centre' })
  @IsOmittable()
  @IsBoolean()
  inApp?: boolean;

  @ApiPropertyOptional({ description: 'Push this kind to me live' })
  @IsOmittable()
  @IsBoolean()
  live?: boolean;
}

export class UpdateNotificationPreferencesDto {
  @ApiProperty({ type: [NotificationPreferenceInputDto], minItems: 1, maxItems: NOTIFICATION_KINDS.length })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(NOTIFICATION_KINDS.length)
  @ValidateNested({ each: true })
  @Type(() => NotificationPreferenceInputDto)
  preferences: NotificationPreferenceInputDto[];
}
