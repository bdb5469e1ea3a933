import { Injectable, OnModuleInit } from '@nestjs/common';
import { PersonalDataRegistry } from '@hearth/common';
import { streamRows } from '@hearth/database';

/**
 * A person's group memberships, join requests, and the groups and invites they
 * created. Decisions they took on others' requests are the others' data: the
 * link to them is erased, not exported.
 */
@Injectable()
export class GroupsPersonalData implements OnModuleInit {
  constructor(private readonly registry: PersonalDataRegistry) {}

  onModuleInit(): void {
    this.registry.register({
      section: 'groupMemberships',
      tables: ['group_members'],
      export: (userId, em) =>
        streamRows(em, `SELECT m.group_id, g.name, m.role, m.joined_at FROM group_members m JOIN groups g ON g.id = m.group_id WHERE m.user_id = $1 ORDER BY m.joined_at, m.group_id`, [userId]),
      erase: async (userId, _o, em) => {
        await em.query(`DELETE FROM group_members WHERE user_id = $1`, [userId]);
      },
    });
    this.registry.register({
      section: 'groupJoinRequests',
      tables: ['group_join_requests'],
      export: (userId, em) =>
        streamRows(
          em,
          `SELECT id, group_id, message, status, decision_reason, decided_at, created_at FROM group_join_requests WHERE user_id = $1 ORDER BY created_at, id`,
          [userId],
        ),
      erase: async (userId, _o, em) => {
        await em.query(`DELETE FROM group_join_requests WHERE user_id = $1`, [userId]);
        await em.query(`UPDATE group_join_requests SET decided_by = NULL WHERE decided_by = $1`, [userId]);
      },
    });
    this.registry.register({
      section: 'groupsCreated',
      tables: ['groups', 'group_invites'],
      export: (userId, em) =>
        streamRows(
          em,
          `SELECT * FROM (
             SELECT 'group' AS kind, g.id, g.id AS group_id, g.created_at FROM groups g WHERE g.created_by = $1
             UNION ALL
             SELECT 'invite', i.id, i.group_id, i.created_at FROM group_invites i WHERE i.created_by = $1
           ) x ORDER BY created_at, id`,
          [userId],
        ),
      erase: async (userId, _o, em) => {
        await em.query(`UPDATE groups SET created_by = NULL WHERE created_by = $1`, [userId]);
        await em.query(`UPDATE group_invites SET created_by = NULL WHERE created_by = $1`, [userId]);
      },
    });
  }
}
