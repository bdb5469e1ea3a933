import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class CreateThemeDto {
  @ApiProperty({ minLength: 2, maxLength: 80, example: 'finding work again', description: 'In your own words' })
  @IsString()
  @MinLength(2)
  @MaxLength(80)
  @Matches(/[\p{L}\p{N}]/u, { message: 'name must contain a letter or a digit' })
  name: string;

  @ApiProperty({ maxLength: 500, example: 'Getting back to paid or voluntary work after time away' })
  @IsString()
  @MaxLength(500)
  description: string;
}
