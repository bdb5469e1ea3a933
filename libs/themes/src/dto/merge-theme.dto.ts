import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class MergeThemeDto {
  @ApiProperty({ format: 'uuid', description: 'The theme that survives; groups and people move to it' })
  @IsUUID()
  intoThemeId: string;
}
