import type { PersonalDataContributor } from '@hearth/common';
import { streamRows } from '@hearth/database';

/** Login sessions (refresh-token families): when they began, were last used, and ended. Never the token hash. */
export const authPersonalData: PersonalDataContributor[] = [
  {
    section: 'sessions',
    tables: ['auth_sessions'],
    export: (userId, em) =>
      streamRows(
        em,
        `SELECT id, created_at, last_used_at, expires_at, revoked_at, revoked_reason FROM auth_sessions WHERE user_id = $1 ORDER BY created_at, id`,
        [userId],
      ),
    erase: async (userId, _o, em) => {
      await em.query(`DELETE FROM auth_sessions WHERE user_id = $1`, [userId]);
    },
  },
];
