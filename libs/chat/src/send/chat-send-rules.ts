import type { EntityManager } from 'typeorm';
import { chatErrors } from '../chat.errors';
import type { SendDraft, SendRule } from './send-rule';

/** Only members post; a room the sender is not in does not exist for them. */
export const membershipRule: SendRule<void> = {
  name: 'membership',
  order: 100,
  check: (d) => (!d.room || !d.member ? chatErrors.roomNotFound() : undefined),
};

/** Archived groups keep their history but take no new messages. */
export const readOnlyRule: SendRule<void> = {
  name: 'read-only',
  order: 200,
  check: (d) => (d.room?.readOnly ? chatErrors.readOnly() : undefined),
};

/** A muted member's send is refused, saying until when. */
export const muteRule: SendRule<void> = {
  name: 'mute',
  order: 300,
  check: (d) => (d.member?.mutedUntil && d.member.mutedUntil.getTime() > d.now ? chatErrors.muted(d.member.mutedUntil, d.now) : undefined),
};

/** In a direct conversation, nothing reaches someone who blocked the sender. */
export const blockRule: SendRule<Set<string>> = {
  name: 'block',
  order: 400,
  async prefetch(drafts: readonly SendDraft[], em: EntityManager): Promise<Set<string>> {
    const direct = drafts.filter((d) => d.room?.kind === 'direct');
    const blocked = new Set<string>();
    if (!direct.length) return blocked;
    // Read-only read of the users lib's user_blocks, joined with this lib's room_members.
    const rows: Array<{ room_id: string; blocked_id: string }> = await em.query(
      `SELECT m.room_id, b.blocked_id FROM user_blocks b JOIN room_members m ON m.user_id = b.blocker_id
        WHERE (m.room_id, b.blocked_id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))`,
      [direct.map((d) => d.dto.roomId), direct.map((d) => d.user.id)],
    );
    for (const r of rows) blocked.add(`${r.room_id}:${r.blocked_id}`);
    return blocked;
  },
  check: (d, blocked) => (blocked.has(`${d.dto.roomId}:${d.user.id}`) ? chatErrors.blockedByRecipient() : undefined),
};

/** A reply must point at a message of the same room. */
export const replyRule: SendRule<Map<string, string>> = {
  name: 'reply-to',
  order: 450,
  async prefetch(drafts, em): Promise<Map<string, string>> {
    const ids = [...new Set(drafts.map((d) => d.dto.replyToId).filter((x): x is string => !!x))];
    const roomOf = new Map<string, string>();
    if (!ids.length) return roomOf;
    const rows: Array<{ id: string; room_id: string }> = await em.query(`SELECT id, room_id FROM messages WHERE id = ANY($1::uuid[])`, [ids]);
    for (const r of rows) roomOf.set(r.id, r.room_id);
    return roomOf;
  },
  check: (d, roomOf) => (d.dto.replyToId && roomOf.get(d.dto.replyToId) !== d.dto.roomId ? chatErrors.replyNotInRoom() : undefined),
};

export const chatSendRules: readonly SendRule[] = [membershipRule, readOnlyRule, muteRule, blockRule, replyRule];
