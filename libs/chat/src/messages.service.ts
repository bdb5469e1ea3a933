import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppError, AuthUser, ErrorCode } from '@hearth/common';
import { Transactions, Tx } from '@hearth/database';
import { chatErrors } from './chat.errors';
import { RoomsService } from './rooms.service';
import { roomAccessError, RoomContext } from './room-access';
import { MESSAGE_COLUMNS, MessagePageView, MessageRow, MessageView, ReactionCountView, toMessageView, viewFor } from './dto/message.view';
import type { SendMessageDto } from './dto/message.dto';
import { MessageWriter } from './send/message-writer.service';

/** Everything about messages but the send path: history, edits, deletes, reactions, and hiding for moderation. */
@Injectable()
export class MessagesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly rooms: RoomsService,
    private readonly writer: MessageWriter,
  ) {}

  /** Resolves only after the message is committed. See MessageWriter. */
  send(user: AuthUser, dto: SendMessageDto): Promise<MessageView> {
    return this.writer.send(user, dto);
  }

  /** History by seq cursor, ascending. Without a cursor: the latest page. */
  async history(userId: string, roomId: string, q: { after?: number; before?: number; limit?: number }): Promise<MessagePageView> {
    if (q.after !== undefined && q.before !== undefined) {
      throw new AppError(ErrorCode.VALIDATION_FAILED, 'Give either after or before, not both', [{ field: 'before', message: 'cannot be combined with after' }]);
    }
    await this.rooms.requireRoom(userId, roomId, 'read');
    const limit = q.limit ?? 50;
    let rows: MessageRow[];
    let hasMore: boolean;
    if (q.after !== undefined) {
      rows = await this.dataSource.query(
        `SELECT ${MESSAGE_COLUMNS} FROM messages msg LEFT JOIN users u ON u.id = msg.author_id
          WHERE msg.room_id = $1 AND msg.seq > $2 ORDER BY msg.seq ASC LIMIT $3`,
        [roomId, q.after, limit + 1],
      );
      hasMore = rows.length > limit;
      rows = rows.slice(0, limit);
    } else {
      rows = await this.dataSource.query(
        `SELECT ${MESSAGE_COLUMNS} FROM messages msg LEFT JOIN users u ON u.id = msg.author_id
          WHERE msg.room_id = $1 AND msg.seq < $2 ORDER BY msg.seq DESC LIMIT $3`,
        [roomId, q.before ?? Number.MAX_SAFE_INTEGER, limit + 1],
      );
      hasMore = rows.length > limit;
      rows = rows.slice(0, limit).reverse();
    }
    return { messages: await this.withReactions(userId, rows), hasMore };
  }

  /** Views as `viewerId` may see them: held messages are their author's alone, a blocked author's messages are placeholders. */
  private async withReactions(viewerId: string, rows: MessageRow[]): Promise<MessageView[]> {
    const counts = await this.reactionCounts(rows.filter((r) => !r.deleted_at && !r.hidden_at).map((r) => r.id));
    const authors = [...new Set(rows.map((r) => r.author_id).filter((x): x is string => !!x && x !== viewerId))];
    // Read-only read of the users lib's user_blocks: whom of these authors the reader blocked.
    const blocked = new Set<string>(
      authors.length
        ? ((await this.dataSource.query(`SELECT blocked_id FROM user_blocks WHERE blocker_id = $1 AND blocked_id = ANY($2::uuid[])`, [viewerId, authors])) as Array<{ blocked_id: string }>).map(
            (r) => r.blocked_id,
          )
        : [],
    );
    return rows.map((r) => viewFor(toMessageView(r, counts.get(r.id) ?? []), viewerId, !!r.author_id && blocked.has(r.author_id)));
  }

  private async reactionCounts(messageIds: string[], em: EntityManager = this.dataSource.manager): Promise<Map<string, ReactionCountView[]>> {
    const out = new Map<string, ReactionCountView[]>();
    if (!messageIds.length) return out;
    const rows: Array<{ message_id: string; emoji: string; count: number }> = await em.query(
      `SELECT message_id, emoji, count(*)::int AS count FROM message_reactions
        WHERE message_id = ANY($1::uuid[]) GROUP BY message_id, emoji ORDER BY message_id, min(created_at)`,
      [messageIds],
    );
    for (const r of rows) {
      const list = out.get(r.message_id) ?? [];
      list.push({ emoji: r.emoji, count: r.count });
      out.set(r.message_id, list);
    }
    return out;
  }

  private async loadMessage(em: EntityManager, messageId: string): Promise<MessageRow | undefined> {
    const rows: MessageRow[] = await em.query(
      `SELECT ${MESSAGE_COLUMNS} FROM messages msg LEFT JOIN users u ON u.id = msg.author_id WHERE msg.id = $1`,
      [messageId],
    );
    return rows[0];
  }

  /** The message and its room, if the caller may read that room; otherwise NOT_FOUND (existence does not leak). */
  private async readableMessage(em: EntityManager, userId: string, messageId: string): Promise<{ row: MessageRow; room: RoomContext }> {
    const row = await this.loadMessage(em, messageId);
    if (!row) throw chatErrors.messageNotFound();
    const room = await this.rooms.requireRoom(userId, row.room_id, 'read', { em, notFound: chatErrors.messageNotFound });
    return { row, room };
  }

  private async viewOf(em: EntityManager, messageId: string): Promise<MessageView> {
    const row = (await this.loadMessage(em, messageId))!;
    return toMessageView(row, (await this.reactionCounts([messageId], em)).get(messageId) ?? []);
  }

  async edit(user: AuthUser, messageId: string, body: string): Promise<MessageView> {
    return this.transactions.run(async (tx) => {
      const { row, room } = await this.readableMessage(tx.em, user.id, messageId);
      if (row.author_id !== user.id) throw chatErrors.onlyAuthor('edit');
      if (row.deleted_at || row.hidden_at) throw chatErrors.messageDeleted();
      const closed = roomAccessError(room, true, 'post');
      if (closed) throw closed;
      await tx.em.query(`UPDATE messages SET body = $2, edited_at = now() WHERE id = $1`, [messageId, body]);
      const view = await this.viewOf(tx.em, messageId);
      tx.emit('message.updated', view);
      return view;
    });
  }

  /** The author's delete: the body is erased, the seq stays as a tombstone. Idempotent. */
  async delete(user: AuthUser, messageId: string): Promise<MessageView> {
    return this.transactions.run(async (tx) => {
      const { row } = await this.readableMessage(tx.em, user.id, messageId);
      if (row.author_id !== user.id) throw chatErrors.onlyAuthor('delete');
      if (row.deleted_at) return toMessageView(row);
      await tx.em.query(`UPDATE messages SET body = NULL, deleted_at = now() WHERE id = $1`, [messageId]);
      await tx.em.query(`DELETE FROM message_reactions WHERE message_id = $1`, [messageId]);
      const view = toMessageView((await this.loadMessage(tx.em, messageId))!);
      tx.emit('message.deleted', view);
      return view;
    });
  }

  async react(user: AuthUser, messageId: string, emoji: string, add: boolean): Promise<MessageView> {
    return this.transactions.run(async (tx) => {
      const { em } = tx;
      const { row } = await this.readableMessage(em, user.id, messageId);
      if (row.held_at && row.author_id !== user.id) throw chatErrors.messageNotFound();
      if (row.deleted_at || row.hidden_at) throw chatErrors.messageDeleted();
      if (add) {
        await em.query(`INSERT INTO message_reactions (message_id, user_id, emoji) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [messageId, user.id, emoji]);
      } else {
        await em.query(`DELETE FROM message_reactions WHERE message_id = $1 AND user_id = $2 AND emoji = $3`, [messageId, user.id, emoji]);
      }
      const distinct: Array<{ n: number }> = await em.query(`SELECT count(DISTINCT emoji)::int AS n FROM message_reactions WHERE message_id = $1`, [messageId]);
      if (distinct[0].n > 20) throw chatErrors.tooManyReactions();
      const view = toMessageView(row, (await this.reactionCounts([messageId], em)).get(messageId) ?? []);
      tx.emit('message.updated', view);
      return view;
    });
  }

  /**
   * For moderation, inside its own transaction (so the action and its audit row
   * commit together): hides (or restores) a message. Every connected client gets
   * the tombstone as `message:updated` once the transaction commits. Returns the
   * message as it was, with its body, for the caller's records; null if unknown.
   */
  async setHidden(tx: Tx, messageId: string, hidden: boolean): Promise<{ before: MessageRow; after: MessageView } | null> {
    const before = await this.loadMessage(tx.em, messageId);
    if (!before) return null;
    await tx.em.query(`UPDATE messages SET hidden_at = CASE WHEN $2 THEN COALESCE(hidden_at, now()) ELSE NULL END WHERE id = $1`, [messageId, hidden]);
    const after = await this.viewOf(tx.em, messageId);
    tx.emit('message.updated', after);
    return { before, after };
  }

  /**
   * For moderation, inside its own transaction: releases a held message (or holds it
   * again). The room gets it as `message:updated` once the transaction commits.
   */
  async setHeld(tx: Tx, messageId: string, held: boolean): Promise<MessageView | null> {
    // TypeORM answers an UPDATE … RETURNING with [rows, affected].
    const [rows]: [unknown[], number] = await tx.em.query(
      `UPDATE messages SET held_at = CASE WHEN $2 THEN COALESCE(held_at, now()) ELSE NULL END WHERE id = $1 RETURNING id`,
      [messageId, held],
    );
    if (!rows.length) return null;
    const after = await this.viewOf(tx.em, messageId);
    tx.emit('message.updated', after);
    return after;
  }

  /** A message with its body, for moderators reviewing a case (the caller checks their scope and audits the read). */
  async findForReview(messageId: string, around = 0): Promise<MessageView[]> {
    const ref = await this.findRef(messageId);
    if (!ref) return [];
    const rows: MessageRow[] = await this.dataSource.query(
      `SELECT ${MESSAGE_COLUMNS} FROM messages msg LEFT JOIN users u ON u.id = msg.author_id
        WHERE msg.room_id = $1 AND msg.seq BETWEEN $2 AND $3 ORDER BY msg.seq`,
      [ref.roomId, ref.seq - around, ref.seq + around],
    );
    // Moderators see hidden and held bodies, marked; deleted messages stay erased.
    return rows.map((r) => ({ ...toMessageView({ ...r, hidden_at: null }), body: r.body, hidden: r.hidden_at !== null }));
  }

  /** A message's room and author, for callers that check access themselves (moderation, reports). */
  async findRef(messageId: string, em: EntityManager = this.dataSource.manager): Promise<{ id: string; roomId: string; authorId: string | null; seq: number } | null> {
    const rows: Array<{ id: string; room_id: string; author_id: string | null; seq: string }> = await em.query(
      `SELECT id, room_id, author_id, seq FROM messages WHERE id = $1`,
      [messageId],
    );
    return rows[0] ? { id: rows[0].id, roomId: rows[0].room_id, authorId: rows[0].author_id, seq: Number(rows[0].seq) } : null;
  }
}
