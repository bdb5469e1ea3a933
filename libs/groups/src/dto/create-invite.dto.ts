import { IsOmittable } from '@hearth/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';

export class CreateInviteDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 720, default: 168, description: 'Hours until the link stops working' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(720)
  expiresInHours?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, description: 'How many people may use it; unlimited when absent' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(1000)
  maxUses?: number;
}
