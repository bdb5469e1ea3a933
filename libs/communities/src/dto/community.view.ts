import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Community } from '../entities/community.entity';

export class CommunityAdminView {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty() appointedAt: string;
}

export class CommunityView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() slug: string;
  @ApiProperty() description: string;
  @ApiProperty() codeOfConduct: string;
  @ApiProperty({ type: [String] }) languages: string[];
  @ApiProperty() membersCanCreateGroups: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) archivedAt: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ description: 'Whether the caller administers this community (community admin or platform admin)' })
  viewerIsAdmin: boolean;
}

export class CommunityPageView {
  @ApiProperty({ type: [CommunityView] }) items: CommunityView[];
  @ApiPropertyOptional({ nullable: true, type: String }) nextCursor: string | null;
}

export function toCommunityView(c: Community, viewerIsAdmin: boolean): CommunityView {
  return {
    id: c.id,
    name: c.name,
    slug: c.slug,
    description: c.description,
    codeOfConduct: c.codeOfConduct,
    languages: c.languages,
    membersCanCreateGroups: c.membersCanCreateGroups,
    archivedAt: c.archivedAt?.toISOString() ?? null,
    createdAt: c.createdAt.toISOString(),
    viewerIsAdmin,
  };
}
