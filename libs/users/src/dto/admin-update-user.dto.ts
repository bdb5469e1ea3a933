import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

export class AdminUpdateUserDto {
  @ApiPropertyOptional({ enum: ['member', 'peer', 'admin'] })
  @IsOptional()
  @IsIn(['member', 'peer', 'admin'])
  role?: 'member' | 'peer' | 'admin';

  @ApiPropertyOptional({ enum: ['active', 'suspended'], description: 'Suspending ends every session and socket of the account at once' })
  @IsOptional()
  @IsIn(['active', 'suspended'])
  status?: 'active' | 'suspended';

  @ApiPropertyOptional({ maxLength: 500, description: 'Why (kept for the record, shown to the person)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}
