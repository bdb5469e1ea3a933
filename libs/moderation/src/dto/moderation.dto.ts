import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsOmittable, PageQueryDto } from '@hearth/common';
import { ACTIONS, ActionKind, MAX_DURATION_MINUTES, MIN_DURATION_MINUTES } from '../moderation-policy';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export const REPORT_REASONS = ['harassment', 'gossip', 'labeling', 'spam', 'concern', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

export class CreateReportDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Report a message (its room and author follow from it)' })
  @IsOmittable()
  @IsUUID('all')
  messageId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'With userId: report a person in a room' })
  @IsOmittable()
  @IsUUID('all')
  roomId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOmittable()
  @IsUUID('all')
  userId?: string;

  @ApiProperty({ enum: REPORT_REASONS, description: '`concern`: you are worried about this person. They are never sent anything automatic; a peer worker reaches out.' })
  @IsIn(REPORT_REASONS)
  reason: ReportReason;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class ListCasesDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'resolved'], default: 'open' })
  @IsOmittable()
  @IsIn(['open', 'resolved'])
  status?: 'open' | 'resolved';

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOmittable()
  @IsUUID('all')
  roomId?: string;
}

export class CaseNoteDto {
  @ApiProperty({ maxLength: 2000, description: 'Private to the room’s moderators' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  body: string;
}

export class CreateActionDto {
  @ApiProperty({ enum: ACTIONS })
  @IsIn(ACTIONS)
  action: ActionKind;

  @ApiProperty({ maxLength: 500, description: 'The group rule or code-of-conduct item this cites (shown to the person)' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  rule: string;

  @ApiProperty({ maxLength: 1000, description: 'Why, in words the person will read' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The case this resolves' })
  @IsOmittable()
  @IsUUID('all')
  caseId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOmittable()
  @IsUUID('all')
  messageId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOmittable()
  @IsUUID('all')
  targetUserId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOmittable()
  @IsUUID('all')
  roomId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'For suspend: the community (omit to suspend the account; platform admins only)' })
  @IsOmittable()
  @IsUUID('all')
  communityId?: string;

  @ApiPropertyOptional({ minimum: MIN_DURATION_MINUTES, maximum: MAX_DURATION_MINUTES, description: 'Required for mute; optional for ban and suspend (omitted: until lifted)' })
  @IsOmittable()
  @IsInt()
  @Min(MIN_DURATION_MINUTES)
  @Max(MAX_DURATION_MINUTES)
  durationMinutes?: number;
}

export class AppealDto {
  @ApiProperty({ maxLength: 2000 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  statement: string;
}

export class AppealDecisionDto {
  @ApiProperty({ enum: ['granted', 'denied'] })
  @IsIn(['granted', 'denied'])
  outcome: 'granted' | 'denied';

  @ApiProperty({ maxLength: 1000 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason: string;
}

export class ListAppealsDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['pending', 'granted', 'denied'], default: 'pending' })
  @IsOmittable()
  @IsIn(['pending', 'granted', 'denied'])
  status?: 'pending' | 'granted' | 'denied';
}

export class NeedsResponseQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOmittable()
  @IsUUID('all')
  roomId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 })
  @IsOmittable()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class SupportNowDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The room the person is in, if any (its community’s resources are used)' })
  @IsOmittable()
  @IsUUID('all')
  roomId?: string;

  @ApiPropertyOptional({ example: 'es' })
  @IsOmittable()
  @IsString()
  @Matches(/^[a-z]{2}$/, { message: 'language must be a two-letter code like es' })
  language?: string;

  @ApiPropertyOptional({ example: 'US' })
  @IsOmittable()
  @IsString()
  @Matches(/^[A-Z]{2}$/, { message: 'country must be a two-letter code like US' })
  country?: string;
}

export class ModerationSettingsDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 1440, description: 'A group message with no reply for this long appears in the “needs a response” feed' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(1440)
  needsResponseMinutes?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 1440 })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(1440)
  pileOnWindowMinutes?: number;

  @ApiPropertyOptional({ minimum: 2, maximum: 50 })
  @IsOmittable()
  @IsInt()
  @Min(2)
  @Max(50)
  pileOnThreshold?: number;
}
