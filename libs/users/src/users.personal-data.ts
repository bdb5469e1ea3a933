import { Injectable, OnModuleInit } from '@nestjs/common';
import { PersonalDataRegistry } from '@hearth/common';
import { streamRows } from '@hearth/database';

/** The account and profile, and the person's blocks. */
@Injectable()
export class UsersPersonalData implements OnModuleInit {
  constructor(private readonly registry: PersonalDataRegistry) {}

  onModuleInit(): void {
    this.registry.register({
      section: 'account',
      tables: ['users'],
      // Last: every other lib erases its rows first.
      eraseOrder: 1000,
      export: (userId, em) =>
        streamRows(
          em,
          `SELECT id, username, display_name, pronouns, bio, languages, dm_policy, show_presence, role, status, created_at
             FROM users WHERE id = $1 ORDER BY id`,
          [userId],
        ),
      erase: async (userId, _o, em) => {
        await em.query(`DELETE FROM users WHERE id = $1`, [userId]);
      },
    });
    this.registry.register({
      section: 'blocks',
      tables: ['user_blocks'],
      export: (userId, em) => streamRows(em, `SELECT blocked_id, created_at FROM user_blocks WHERE blocker_id = $1 ORDER BY created_at, blocked_id`, [userId]),
      erase: async (userId, _o, em) => {
        await em.query(`DELETE FROM user_blocks WHERE blocker_id = $1 OR blocked_id = $1`, [userId]);
      },
    });
  }
}
