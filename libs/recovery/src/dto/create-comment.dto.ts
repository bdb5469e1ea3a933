import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { IsOmittable } from '@hearth/common';
import { SHARE_PARTS, SharePart } from '../entities/recovery-share-comment.entity';

export const COMMENT_MAX = 2000;

export class CreateCommentDto {
  @ApiProperty({ enum: SHARE_PARTS, description: 'Which shared part the comment is about' })
  @IsIn(SHARE_PARTS)
  part: SharePart;

  @ApiPropertyOptional({ format: 'uuid', description: 'The goal or indicator (required for those parts)' })
  @IsOmittable()
  @IsUUID('all')
  partId?: string;

  @ApiProperty({ minLength: 1, maxLength: COMMENT_MAX })
  @IsString()
  @MinLength(1)
  @MaxLength(COMMENT_MAX)
  @Matches(/\S/, { message: 'body must not be blank' })
  body: string;
}
