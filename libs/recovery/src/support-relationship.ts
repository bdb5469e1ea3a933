import type { EntityManager } from 'typeorm';

/**
 * THE ONE PLACE that decides whether `ownerId` has (or had) a 1:1 support
 * relationship with `peerId`, which a recovery share requires (besides the
 * peer being a verified peer worker, checked by the caller).
 *
 * Interim rule until `@hearth/peers` (support sessions) lands on main: both
 * people are members of a chat room of kind `support` (read-only cross-lib SQL
 * on chat's tables). At merge, replace the body with the peers lib's session
 * lookup (a session between the two, ended or not) and keep the signature.
 */
export async function hasSupportRelationship(em: EntityManager, ownerId: string, peerId: string): Promise<boolean> {
  const rows: unknown[] = await em.query(
    `SELECT 1 FROM rooms r
       JOIN room_members a ON a.room_id = r.id AND a.user_id = $1
       JOIN room_members b ON b.room_id = r.id AND b.user_id = $2
      WHERE r.kind = 'support' LIMIT 1`,
    [ownerId, peerId],
  );
  return rows.length > 0;
}
