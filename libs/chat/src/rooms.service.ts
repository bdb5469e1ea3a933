import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import type { Tx } from '@hearth/database';
import { AppError, ErrorCode } from '@hearth/common';
import { chatErrors } from './chat.errors';
import { roomAccessError, RoomContext, RoomPermission } from './room-access';
import { Room, RoomKind } from './entities/room.entity';
import { RoomMember } from './entities/room-member.entity';
import { RoomSummaryView } from './dto/message.view';

/**
 * Rooms and who is in them. Other libs (groups, peer support, moderation) call
 * these inside their own transactions; removals are announced after commit so
 * the person's sockets leave the room at once on every instance.
 */
@Injectable()
export class RoomsService {
  constructor(
    @InjectRepository(Room) private readonly rooms: Repository<Room>,
    @InjectRepository(RoomMember) private readonly members: Repository<RoomMember>,
  ) {}

  async createRoom(em: EntityManager, input: { kind: RoomKind; groupId?: string; directKey?: string }): Promise<Room> {
    return em.save(em.create(Room, { kind: input.kind, groupId: input.groupId ?? null, directKey: input.directKey ?? null, lastSeq: 0 }));
  }

  /** Idempotent; announced after commit when the person was not in the room yet. */
  async addMember(tx: Tx, roomId: string, userId: string): Promise<void> {
    const rows: unknown[] = await tx.em.query(
      `INSERT INTO room_members (room_id, user_id, last_read_seq) VALUES ($1, $2, 0) ON CONFLICT DO NOTHING RETURNING room_id`,
      [roomId, userId],
    );
    if (rows.length) tx.emit('room.member.added', { roomId, userId });
  }

  async removeMember(tx: Tx, roomId: string, userId: string, reason?: string): Promise<void> {
    await tx.em.delete(RoomMember, { roomId, userId });
    tx.emit('room.member.removed', { roomId, userId, reason });
  }

  /** For moderation, in its own transaction: the member's sends are refused until `until` (null lifts it). */
  async setMute(tx: Tx, roomId: string, userId: string, until: Date | null): Promise<boolean> {
    const result = await tx.em.update(RoomMember, { roomId, userId }, { mutedUntil: until });
    return (result.affected ?? 0) > 0;
  }

  /** Archived groups keep their history but take no new messages. */
  async setReadOnly(em: EntityManager, roomId: string, readOnly: boolean): Promise<void> {
    await em.update(Room, { id: roomId }, { readOnly });
  }

  /**
   * Pairs among `userIds` where one blocked the other (read-only read of the users lib's user_blocks),
   * as `blocker:blocked` keys: presence and relays skip them.
   */
  async blockedAmong(userId: string, otherIds: readonly string[], em: EntityManager = this.members.manager): Promise<Set<string>> {
    if (!otherIds.length) return new Set();
    const rows: Array<{ other: string }> = await em.query(
      `SELECT CASE WHEN blocker_id = $1 THEN blocked_id ELSE blocker_id END AS other FROM user_blocks
        WHERE (blocker_id = $1 AND blocked_id = ANY($2::uuid[])) OR (blocked_id = $1 AND blocker_id = ANY($2::uuid[]))`,
      [userId, otherIds],
    );
    return new Set(rows.map((r) => r.other));
  }

  /** Members of the room in a block with `userId`, either way. */
  async blockedWithin(roomId: string, userId: string): Promise<string[]> {
    const rows: Array<{ other: string }> = await this.members.query(
      `SELECT m.user_id AS other FROM room_members m
        WHERE m.room_id = $1 AND EXISTS (SELECT 1 FROM user_blocks b
          WHERE (b.blocker_id = m.user_id AND b.blocked_id = $2) OR (b.blocker_id = $2 AND b.blocked_id = m.user_id))`,
      [roomId, userId],
    );
    return rows.map((r) => r.other);
  }

  /** Members of the room who blocked `authorId`. */
  async blockersIn(roomId: string, authorId: string): Promise<string[]> {
    const rows: Array<{ blocker_id: string }> = await this.members.query(
      `SELECT b.blocker_id FROM user_blocks b JOIN room_members m ON m.user_id = b.blocker_id AND m.room_id = $1 WHERE b.blocked_id = $2`,
      [roomId, authorId],
    );
    return rows.map((r) => r.blocker_id);
  }

  async findRoom(roomId: string): Promise<Room | null> {
    return this.rooms.findOne({ where: { id: roomId } });
  }

  /**
   * Access to a room in one line, shared by REST and sockets:
   * `const room = await this.rooms.requireRoom(userId, roomId, 'post', { em })`.
   * The rules are the pure, unit-tested `roomAccessError`; `notFound` replaces the
   * "room not found" error where the caller asked about something inside it (a message).
   */
  async requireRoom(
    userId: string,
    roomId: string,
    permission: RoomPermission,
    { em = this.rooms.manager, notFound }: { em?: EntityManager; notFound?: () => AppError } = {},
  ): Promise<RoomContext> {
    const rows: Array<RoomContext & { member: boolean }> = await em.query(
      `SELECT r.id, r.kind, r.group_id AS "groupId", r.last_seq::int AS "lastSeq", r.read_only AS "readOnly",
              EXISTS (SELECT 1 FROM room_members m WHERE m.room_id = r.id AND m.user_id = $2) AS member
         FROM rooms r WHERE r.id = $1`,
      [roomId, userId],
    );
    const row = rows[0] ?? null;
    const refused = roomAccessError(row, !!row?.member, permission);
    if (refused) throw notFound && refused.code === ErrorCode.NOT_FOUND ? notFound() : refused;
    const { member: _member, ...room } = row!;
    return room;
  }

  /** Moves the caller's read marker forward (never back, never past the last message). */
  async markRead(userId: string, roomId: string, seq: number): Promise<{ roomId: string; lastReadSeq: number }> {
    // TypeORM answers an UPDATE … RETURNING with [rows, affected].
    const [rows]: [Array<{ last_read_seq: string }>, number] = await this.members.query(
      `UPDATE room_members m
          SET last_read_seq = GREATEST(m.last_read_seq, LEAST($3::bigint, r.last_seq))
         FROM rooms r
        WHERE r.id = m.room_id AND m.room_id = $1 AND m.user_id = $2
        RETURNING m.last_read_seq`,
      [roomId, userId, seq],
    );
    if (!rows[0]) throw chatErrors.roomNotFound();
    return { roomId, lastReadSeq: Number(rows[0].last_read_seq) };
  }

  /** My rooms with unread counts (messages by others after my read marker, capped at 1000). */
  async listForUser(userId: string): Promise<RoomSummaryView[]> {
    const rows: Array<{ id: string; kind: string; group_id: string | null; last_seq: string; last_read_seq: string; last_message_at: Date | null; unread: number }> =
      await this.members.query(
        `SELECT r.id, r.kind, r.group_id, r.last_seq, m.last_read_seq, r.last_message_at,
                (SELECT count(*) FROM (SELECT 1 FROM messages x
                    WHERE x.room_id = r.id AND x.seq > m.last_read_seq AND x.author_id IS DISTINCT FROM m.user_id
                      AND x.deleted_at IS NULL AND x.hidden_at IS NULL LIMIT 1000) s)::int AS unread
           FROM room_members m JOIN rooms r ON r.id = m.room_id
          WHERE m.user_id = $1
          ORDER BY r.last_message_at DESC NULLS LAST, r.created_at DESC`,
        [userId],
      );
    const privateIds = rows.filter((r) => r.kind !== 'group').map((r) => r.id);
    const others = new Map<string, Array<{ id: string; username: string; displayName: string }>>();
    if (privateIds.length) {
      const people: Array<{ room_id: string; id: string; username: string; display_name: string }> = await this.members.query(
        `SELECT m.room_id, u.id, u.username, u.display_name FROM room_members m JOIN users u ON u.id = m.user_id
          WHERE m.room_id = ANY($1::uuid[]) AND m.user_id <> $2`,
        [privateIds, userId],
      );
      for (const p of people) {
        const list = others.get(p.room_id) ?? [];
        list.push({ id: p.id, username: p.username, displayName: p.display_name });
        others.set(p.room_id, list);
      }
    }
    return rows.map((r) => ({
      roomId: r.id,
      kind: r.kind,
      groupId: r.group_id,
      others: others.get(r.id) ?? [],
      lastSeq: Number(r.last_seq),
      lastReadSeq: Number(r.last_read_seq),
      unreadCount: r.unread,
      lastMessageAt: r.last_message_at?.toISOString() ?? null,
    }));
  }

  async summaryFor(userId: string, roomId: string): Promise<RoomSummaryView> {
    const found = (await this.listForUser(userId)).find((r) => r.roomId === roomId);
    if (!found) throw chatErrors.roomNotFound();
    return found;
  }
}
