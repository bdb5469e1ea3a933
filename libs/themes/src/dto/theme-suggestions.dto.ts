import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class ThemeSuggestionsQueryDto {
  @ApiProperty({ minLength: 1, maxLength: 80, description: 'A name you are about to propose' })
  @IsString()
  @MinLength(1)
  @MaxLength(80)
  name: string;
}
