import { Injectable, OnModuleInit } from '@nestjs/common';
import { PersonalDataRegistry } from '@hearth/common';
import { streamRows } from '@hearth/database';

/** The communities a person administers or created. Who appointed them is another person's act: erased, not exported. */
@Injectable()
export class CommunitiesPersonalData implements OnModuleInit {
  constructor(private readonly registry: PersonalDataRegistry) {}

  onModuleInit(): void {
    this.registry.register({
      section: 'communities',
      tables: ['communities', 'community_admins'],
      export: (userId, em) =>
        streamRows(
          em,
          `SELECT * FROM (
             SELECT 'admin' AS relation, a.community_id, c.name, a.created_at FROM community_admins a JOIN communities c ON c.id = a.community_id WHERE a.user_id = $1
             UNION ALL
             SELECT 'created', c.id, c.name, c.created_at FROM communities c WHERE c.created_by = $1
           ) x ORDER BY created_at, community_id, relation`,
          [userId],
        ),
      erase: async (userId, _o, em) => {
        await em.query(`DELETE FROM community_admins WHERE user_id = $1`, [userId]);
        await em.query(`UPDATE community_admins SET appointed_by = NULL WHERE appointed_by = $1`, [userId]);
        await em.query(`UPDATE communities SET created_by = NULL WHERE created_by = $1`, [userId]);
      },
    });
  }
}
