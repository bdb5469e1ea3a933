import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';

export class ChangeMemberRoleDto {
  @ApiProperty({ enum: ['owner', 'moderator', 'member'] })
  @IsIn(['owner', 'moderator', 'member'])
  role: 'owner' | 'moderator' | 'member';
}
