import type { PersonalDataContributor } from '@hearth/common';
import { madeByContributor, streamRows } from '@hearth/database';

/** The communities a person runs (and the appointments they made), and the communities they created. */
export const communitiesPersonalData: PersonalDataContributor[] = [
  {
    section: 'communityAdmins',
    tables: ['community_admins'],
    export: (userId, em) =>
      streamRows(
        em,
        `SELECT community_id, CASE WHEN user_id = $1 THEN 'admin' ELSE 'appointed' END AS part, created_at
           FROM community_admins WHERE user_id = $1 OR appointed_by = $1 ORDER BY created_at, community_id, user_id`,
        [userId],
      ),
    erase: async (userId, _o, em) => {
      await em.query(`DELETE FROM community_admins WHERE user_id = $1`, [userId]);
      await em.query(`UPDATE community_admins SET appointed_by = NULL WHERE appointed_by = $1`, [userId]);
    },
  },
  madeByContributor({ section: 'communitiesCreated', table: 'communities', columns: 'id, name, slug, created_at' }),
];
