import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class JoinGroupDto {
  @ApiPropertyOptional({ maxLength: 500, description: 'For approval-only groups: a note to the moderators' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  message?: string;

  @ApiPropertyOptional({ description: 'An invite token: needed for invite-only and private groups' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  inviteToken?: string;
}
