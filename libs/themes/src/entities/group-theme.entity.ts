import { Entity, PrimaryColumn } from 'typeorm';

/**
 * A theme a group gathers around. Owned by the themes lib (not groups) so that
 * merging themes moves groups and people in one place and one transaction.
 */
@Entity('group_themes')
export class GroupTheme {
  @PrimaryColumn({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @PrimaryColumn({ name: 'theme_id', type: 'uuid' })
  themeId: string;
}
