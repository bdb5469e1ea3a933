import type { PersonalDataContributor } from '@hearth/common';
import { madeByContributor, streamRows } from '@hearth/database';

/** The themes a person chose for their profile, and the themes they named (which stay, for everyone who uses them). */
export const themesPersonalData: PersonalDataContributor[] = [
  {
    section: 'myThemes',
    tables: ['user_themes'],
    export: (userId, em) =>
      streamRows(
        em,
        `SELECT ut.theme_id, t.name, ut.created_at FROM user_themes ut JOIN themes t ON t.id = ut.theme_id
          WHERE ut.user_id = $1 ORDER BY ut.created_at, ut.theme_id`,
        [userId],
      ),
    erase: async (userId, _o, em) => {
      await em.query(`DELETE FROM user_themes WHERE user_id = $1`, [userId]);
    },
  },
  madeByContributor({ section: 'themesNamed', table: 'themes', columns: 'id, name, description, created_at' }),
];
