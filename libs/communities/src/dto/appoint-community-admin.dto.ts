import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class AppointCommunityAdminDto {
  @ApiProperty({ format: 'uuid', description: 'The account to appoint' })
  @IsUUID()
  userId: string;
}
