import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

/** The token travels in the body, never the URL, so it stays out of access logs. */
export class AcceptInviteDto {
  @ApiProperty({ description: 'The invite token' })
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  token: string;
}
