import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A theme a person chose on their profile. */
@Entity('user_themes')
export class UserTheme {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @PrimaryColumn({ name: 'theme_id', type: 'uuid' })
  themeId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
