import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { User } from '../entities/user.entity';

export class PrivacySettingsView {
  @ApiProperty({ enum: ['anyone', 'shared_groups', 'peers', 'nobody'] })
  dmPolicy: string;
  @ApiProperty()
  showPresence: boolean;
}

export class ThemeRefView {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty()
  name: string;
}

/** What a user sees of their own account. */
export class MeView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiPropertyOptional({ nullable: true, type: String }) pronouns: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) bio: string | null;
  @ApiProperty({ type: [String] }) languages: string[];
  @ApiProperty({ enum: ['member', 'peer', 'admin'] }) role: string;
  @ApiProperty({ enum: ['active', 'suspended', 'deleted'] }) status: string;
  @ApiProperty({ type: PrivacySettingsView }) privacy: PrivacySettingsView;
  @ApiProperty({ type: [ThemeRefView] }) themes: ThemeRefView[];
  @ApiProperty() createdAt: string;
}

/** What others may see of a user. */
export class PublicUserView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiPropertyOptional({ nullable: true, type: String }) pronouns: string | null;
}

export function toMeView(u: User, themes: ThemeRefView[] = []): MeView {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    pronouns: u.pronouns,
    bio: u.bio,
    languages: u.languages,
    role: u.role,
    status: u.status,
    privacy: { dmPolicy: u.dmPolicy, showPresence: u.showPresence },
    themes,
    createdAt: u.createdAt.toISOString(),
  };
}

export const toPublicUserView = (u: Pick<User, 'id' | 'username' | 'displayName' | 'pronouns'>): PublicUserView => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  pronouns: u.pronouns,
});
