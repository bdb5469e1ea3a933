import type { PersonalDataContributor } from '@hearth/common';
import { madeByContributor, streamRows } from '@hearth/database';

/**
 * What groups hold about a person: their memberships, their join requests (and the
 * decisions they made on others'), the invite links and groups they created.
 * Groups, invites and others' requests stay for the people in them; only the
 * reference to the person goes.
 */
export const groupsPersonalData: PersonalDataContributor[] = [
  {
    section: 'groupMemberships',
    tables: ['group_members'],
    export: (userId, em) => streamRows(em, `SELECT group_id, role, joined_at FROM group_members WHERE user_id = $1 ORDER BY joined_at, group_id`, [userId]),
    erase: async (userId, _o, em) => {
      await em.query(`DELETE FROM group_members WHERE user_id = $1`, [userId]);
    },
  },
  {
    section: 'groupJoinRequests',
    tables: ['group_join_requests'],
    // Their own requests with the decision, and the decisions they made (without the other person's message).
    export: (userId, em) =>
      streamRows(
        em,
        `SELECT id, group_id, 'asked' AS part, message, status, decision_reason, created_at, decided_at
           FROM group_join_requests WHERE user_id = $1
         UNION ALL
         SELECT id, group_id, 'decided' AS part, NULL, status, decision_reason, created_at, decided_at
           FROM group_join_requests WHERE decided_by = $1 AND user_id <> $1
         ORDER BY created_at, id, part`,
        [userId],
      ),
    erase: async (userId, _o, em) => {
      await em.query(`DELETE FROM group_join_requests WHERE user_id = $1`, [userId]);
      await em.query(`UPDATE group_join_requests SET decided_by = NULL WHERE decided_by = $1`, [userId]);
    },
  },
  // Never the token hash.
  madeByContributor({ section: 'groupInvites', table: 'group_invites', columns: 'id, group_id, expires_at, max_uses, uses, revoked_at, created_at' }),
  madeByContributor({ section: 'groupsCreated', table: 'groups', columns: 'id, community_id, name, created_at' }),
];
