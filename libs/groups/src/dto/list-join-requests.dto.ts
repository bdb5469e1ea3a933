import { IsOmittable } from '@hearth/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';

export class ListJoinRequestsDto {
  @ApiPropertyOptional({ enum: ['pending', 'approved', 'declined'], default: 'pending' })
  @IsOmittable()
  @IsIn(['pending', 'approved', 'declined'])
  status?: 'pending' | 'approved' | 'declined';
}
