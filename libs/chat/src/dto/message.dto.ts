import { IsOmittable } from '@hearth/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

export const MESSAGE_MAX_LENGTH = 4000;
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** Keeps emoji short and printable: no whitespace, no control characters. */
const EMOJI_PATTERN = /^[^\s\p{Cc}]{1,16}$/u;

export class RoomRefDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  roomId: string;
}

export class MessageBodyDto {
  @ApiProperty({ maxLength: MESSAGE_MAX_LENGTH, description: 'Plain text; trimmed; not empty' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'body must not be empty' })
  @MaxLength(MESSAGE_MAX_LENGTH)
  body: string;
}

export class SendMessageBodyDto extends MessageBodyDto {
  @ApiProperty({ minLength: 1, maxLength: 64, description: 'Chosen by the client; re-sending with the same id returns the original message' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  @Matches(/^[\x21-\x7e]+$/, { message: 'clientMsgId must be printable ASCII without spaces' })
  clientMsgId: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  @IsOptional()
  @IsUUID('all')
  replyToId?: string | null;

  @ApiPropertyOptional({ description: 'Send anyway after a NUDGE refusal (an automod rule asked the sender to reconsider)' })
  @IsOmittable()
  @IsBoolean()
  confirmNudge?: boolean;
}

export class SendMessageDto extends SendMessageBodyDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  roomId: string;
}

export class EditMessageDto extends MessageBodyDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  messageId: string;
}

export class MessageRefDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  messageId: string;
}

export class ReactionBodyDto {
  @ApiProperty({ maxLength: 16, example: '💛' })
  @IsString()
  @Matches(EMOJI_PATTERN, { message: 'emoji must be 1-16 printable characters without spaces' })
  emoji: string;
}

export class ReactionDto extends ReactionBodyDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  messageId: string;
}

export class SyncRoomDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  roomId: string;

  @ApiProperty({ minimum: 0, description: 'The last seq the client has; everything after it is returned' })
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  afterSeq: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class HistoryQueryDto {
  @ApiPropertyOptional({ minimum: 0, description: 'Messages with seq greater than this, ascending' })
  @IsOmittable()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  after?: number;

  @ApiPropertyOptional({ minimum: 1, description: 'Messages with seq less than this (the page just before it), ascending' })
  @IsOmittable()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  before?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOmittable()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class TypingDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  roomId: string;

  @ApiProperty()
  @IsBoolean()
  isTyping: boolean;
}

export class ReadMarkerBodyDto {
  @ApiProperty({ minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  seq: number;
}

export class ReadMarkerDto extends ReadMarkerBodyDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  roomId: string;
}

export class OpenDirectRoomDto {
  @ApiProperty({ format: 'uuid', description: 'The person to talk with' })
  @IsUUID('all')
  userId: string;
}
