import { Injectable, OnModuleInit } from '@nestjs/common';
import { PersonalDataRegistry } from '@hearth/common';
import { streamRows } from '@hearth/database';

/** The themes a person chose for themselves, and those they proposed (which stay, without their name, for everyone using them). */
@Injectable()
export class ThemesPersonalData implements OnModuleInit {
  constructor(private readonly registry: PersonalDataRegistry) {}

  onModuleInit(): void {
    this.registry.register({
      section: 'themes',
      tables: ['themes', 'user_themes'],
      export: (userId, em) =>
        streamRows(
          em,
          `SELECT * FROM (
             SELECT 'chosen' AS relation, t.id AS theme_id, t.name FROM user_themes ut JOIN themes t ON t.id = ut.theme_id WHERE ut.user_id = $1
             UNION ALL
             SELECT 'proposed', t.id, t.name FROM themes t WHERE t.created_by = $1
           ) x ORDER BY relation, theme_id`,
          [userId],
        ),
      erase: async (userId, _o, em) => {
        await em.query(`DELETE FROM user_themes WHERE user_id = $1`, [userId]);
        await em.query(`UPDATE themes SET created_by = NULL WHERE created_by = $1`, [userId]);
      },
    });
  }
}
