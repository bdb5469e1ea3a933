import { IsOmittable } from '@hearth/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class JoinGroupDto {
  @ApiPropertyOptional({ maxLength: 500, description: 'For approval-only groups: a note to the moderators' })
  @IsOmittable()
  @IsString()
  @MaxLength(500)
  message?: string;

  @ApiPropertyOptional({ description: 'An invite token: needed for invite-only and private groups' })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  inviteToken?: string;
}
