import type { EntityManager } from 'typeorm';
import { AppError, ErrorCode } from '@hearth/common';
import type { SendDraft, SendRule } from '@hearth/chat';

/**
 * Send rule `support-block` (order 710): in a 1:1 support room, nothing reaches someone who has
 * blocked the sender (as in direct conversations). Either of them can then end the session.
 */
export const supportBlockRule: SendRule<Set<string>> = {
  name: 'support-block',
  order: 710,
  async prefetch(drafts: readonly SendDraft[], em: EntityManager): Promise<Set<string>> {
    const support = drafts.filter((d) => d.room?.kind === 'support');
    const blocked = new Set<string>();
    if (!support.length) return blocked;
    // Read-only read of the users lib's user_blocks, joined with chat's room_members.
    const rows: Array<{ room_id: string; blocked_id: string }> = await em.query(
      `SELECT m.room_id, b.blocked_id FROM user_blocks b JOIN room_members m ON m.user_id = b.blocker_id
        WHERE (m.room_id, b.blocked_id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))`,
      [support.map((d) => d.dto.roomId), support.map((d) => d.user.id)],
    );
    for (const r of rows) blocked.add(`${r.room_id}:${r.blocked_id}`);
    return blocked;
  },
  check: (d, blocked) =>
    blocked.has(`${d.dto.roomId}:${d.user.id}`) ? new AppError(ErrorCode.DM_NOT_ALLOWED, 'This person is not accepting messages from you') : undefined,
};
