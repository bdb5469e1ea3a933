import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class ListJoinRequestsDto {
  @ApiPropertyOptional({ enum: ['pending', 'approved', 'declined'], default: 'pending' })
  @IsOptional()
  @IsIn(['pending', 'approved', 'declined'])
  status?: 'pending' | 'approved' | 'declined';
}
