import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';

export class DeleteAccountDto {
  @ApiProperty({ minLength: 1, maxLength: 256, description: 'My current password, to confirm' })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  password: string;

  @ApiProperty({
    enum: ['erase', 'keep'],
    description:
      'My group messages: "erase" turns each into a tombstone without its body (the room’s sequence stays gap-free); "keep" leaves them under "former member", with nothing linking them to me. Direct and support conversations are always erased.',
  })
  @IsIn(['erase', 'keep'])
  messages: 'erase' | 'keep';
}
