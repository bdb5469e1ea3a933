import { Injectable, OnModuleInit } from '@nestjs/common';
import { PersonalDataRegistry } from '@hearth/common';
import { streamRows } from '@hearth/database';

/** The person's sign-in sessions (never the token hashes). */
@Injectable()
export class AuthPersonalData implements OnModuleInit {
  constructor(private readonly registry: PersonalDataRegistry) {}

  onModuleInit(): void {
    this.registry.register({
      section: 'sessions',
      tables: ['auth_sessions'],
      // After every lib's data, before the account row.
      eraseOrder: 900,
      export: (userId, em) =>
        streamRows(em, `SELECT id, created_at, last_used_at, expires_at, revoked_at, revoked_reason FROM auth_sessions WHERE user_id = $1 ORDER BY created_at, id`, [userId]),
      erase: async (userId, _o, em) => {
        await em.query(`DELETE FROM auth_sessions WHERE user_id = $1`, [userId]);
      },
    });
  }
}
