import { IsOmittable } from '@hearth/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';

export class AdminUpdateUserDto {
  @ApiPropertyOptional({ enum: ['member', 'peer', 'admin'] })
  @IsOmittable()
  @IsIn(['member', 'peer', 'admin'])
  role?: 'member' | 'peer' | 'admin';

  @ApiPropertyOptional({ enum: ['active', 'suspended'], description: 'Suspending ends every session and socket of the account at once' })
  @IsOmittable()
  @IsIn(['active', 'suspended'])
  status?: 'active' | 'suspended';

  @ApiPropertyOptional({ maxLength: 500, description: 'Why (kept for the record, shown to the person)' })
  @IsOmittable()
  @IsString()
  @MaxLength(500)
  reason?: string;
}
