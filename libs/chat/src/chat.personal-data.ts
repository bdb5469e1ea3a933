import { Injectable, OnModuleInit } from '@nestjs/common';
import { PersonalDataRegistry } from '@hearth/common';
import { streamRows } from '@hearth/database';

/**
 * What chat holds about a person: the messages they wrote, their reactions,
 * their room memberships (read markers, mutes) and the keys of their direct
 * conversations.
 */
@Injectable()
export class ChatPersonalData implements OnModuleInit {
  constructor(private readonly registry: PersonalDataRegistry) {}

  onModuleInit(): void {
    this.registry.register({
      section: 'messages',
      tables: ['messages'],
      eraseOrder: 10,
      export: (userId, em) =>
        streamRows(
          em,
          `SELECT id, room_id, seq, client_msg_id, body, reply_to_id, created_at, edited_at, deleted_at, hidden_at
             FROM messages WHERE author_id = $1 ORDER BY created_at, id`,
          [userId],
        ),
      // Each room's seqs stay gap-free: a message becomes a tombstone (erase) or stays under "former member" (keep).
      // Direct and support conversations are private to two people: always erased.
      erase: async (userId, { messages }, em) => {
        await em.query(
          `UPDATE messages m SET body = NULL, deleted_at = COALESCE(m.deleted_at, now()), author_id = NULL
             FROM rooms r WHERE r.id = m.room_id AND m.author_id = $1 AND ($2 = 'erase' OR r.kind <> 'group')`,
          [userId, messages],
        );
        await em.query(`UPDATE messages SET author_id = NULL WHERE author_id = $1`, [userId]);
      },
    });
    this.registry.register({
      section: 'reactions',
      tables: ['message_reactions'],
      export: (userId, em) => streamRows(em, `SELECT message_id, emoji, created_at FROM message_reactions WHERE user_id = $1 ORDER BY created_at, message_id, emoji`, [userId]),
      erase: async (userId, _o, em) => {
        await em.query(`DELETE FROM message_reactions WHERE user_id = $1`, [userId]);
      },
    });
    this.registry.register({
      section: 'rooms',
      tables: ['room_members', 'rooms'],
      export: (userId, em) =>
        streamRows(
          em,
          `SELECT m.room_id, r.kind, r.group_id, m.last_read_seq, m.muted_until FROM room_members m JOIN rooms r ON r.id = m.room_id
            WHERE m.user_id = $1 ORDER BY m.room_id`,
          [userId],
        ),
      erase: async (userId, _o, em) => {
        // A direct room's key names both people; without it the room is no longer findable by pair.
        await em.query(`UPDATE rooms SET direct_key = NULL WHERE direct_key LIKE '%' || $1 || '%'`, [userId]);
        await em.query(`DELETE FROM room_members WHERE user_id = $1`, [userId]);
      },
    });
  }
}
