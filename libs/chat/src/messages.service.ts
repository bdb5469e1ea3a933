import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppError, AuthUser, DomainEvents, ErrorCode, notFound } from '@hearth/common';
import { Notification, NewNotification, NotificationsService } from '@hearth/notifications';
import { RoomsService } from './rooms.service';
import { SendRateLimiter } from './send-rate-limiter';
import { extractMentions } from './mentions';
import { MessagePageView, MessageRow, MessageView, ReactionCountView, toMessageView } from './dto/message.view';
import type { SendMessageDto } from './dto/message.dto';

const MESSAGE_COLUMNS = `msg.id, msg.room_id, msg.seq, msg.client_msg_id, msg.author_id, u.username, u.display_name,
  msg.body, msg.reply_to_id, msg.created_at, msg.edited_at, msg.deleted_at, msg.hidden_at`;

interface PendingSend {
  user: AuthUser;
  dto: SendMessageDto;
  resolve: (m: MessageView) => void;
  reject: (e: unknown) => void;
}

type Outcome = { view: MessageView; created: boolean } | { error: AppError };

interface BatchResult {
  outcomes: Outcome[];
  notifications: Notification[];
}

/** Sends are written in small batches: one transaction for whatever queued up while the previous one committed. */
const MAX_BATCH = 256;
const MAX_IN_FLIGHT = 2;

@Injectable()
export class MessagesService {
  private readonly logger = new Logger('MessagesService');
  private readonly limiter: SendRateLimiter;
  private queue: PendingSend[] = [];
  private inFlight = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rooms: RoomsService,
    private readonly notifications: NotificationsService,
    private readonly events: EventEmitter2,
    config: ConfigService,
  ) {
    this.limiter = new SendRateLimiter(config.getOrThrow<number>('realtime.sendBurst'), config.getOrThrow<number>('realtime.sendPerSecond'));
  }

  /**
   * Resolves only after the message is committed (the socket ack follows it).
   * Idempotent on (room, author, clientMsgId): a resend returns the original.
   */
  send(user: AuthUser, dto: SendMessageDto): Promise<MessageView> {
    this.limiter.take(user.id);
    return new Promise<MessageView>((resolve, reject) => {
      this.queue.push({ user, dto, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < MAX_IN_FLIGHT && this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      this.inFlight++;
      void this.flush(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async flush(batch: PendingSend[]): Promise<void> {
    let result: BatchResult;
    try {
      result = await this.dataSource.transaction((em) => this.writeBatch(em, batch));
    } catch (e) {
      if (batch.length > 1) {
        // Nothing of the batch committed; retry one by one so one bad send cannot fail the others.
        for (const item of batch) await this.flush([item]);
        return;
      }
      batch[0].reject(e);
      return;
    }
    result.outcomes.forEach((o, i) => {
      if ('error' in o) batch[i].reject(o.error);
      else {
        if (o.created) this.events.emit(DomainEvents.MessageCreated, o.view);
        batch[i].resolve(o.view);
      }
    });
    this.notifications.publish(result.notifications);
  }

  private async writeBatch(em: EntityManager, batch: PendingSend[]): Promise<BatchResult> {
    const roomIds = [...new Set(batch.map((b) => b.dto.roomId))].sort();
    // Room rows are locked in a fixed order: seqs are handed out and committed in order, without deadlocks.
    const rooms: Array<{ id: string; kind: string; read_only: boolean; last_seq: string }> = await em.query(
      `SELECT id, kind, read_only, last_seq FROM rooms WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
      [roomIds],
    );
    const roomById = new Map(rooms.map((r) => [r.id, { ...r, lastSeq: Number(r.last_seq) }]));
    const pairs = batch.map((b) => [b.dto.roomId, b.user.id]);
    const members: Array<{ room_id: string; user_id: string; muted_until: Date | null; username: string; display_name: string }> = await em.query(
      `SELECT m.room_id, m.user_id, m.muted_until, u.username, u.display_name
         FROM room_members m JOIN users u ON u.id = m.user_id
        WHERE (m.room_id, m.user_id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))`,
      [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
    );
    const memberOf = new Map(members.map((m) => [`${m.room_id}:${m.user_id}`, m]));

    const directPairs = batch.filter((b) => roomById.get(b.dto.roomId)?.kind === 'direct');
    const blocked = new Set<string>();
    if (directPairs.length) {
      const rows: Array<{ room_id: string; blocked_id: string }> = await em.query(
        `SELECT m.room_id, b.blocked_id FROM user_blocks b JOIN room_members m ON m.user_id = b.blocker_id
          WHERE (m.room_id, b.blocked_id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))`,
        [directPairs.map((b) => b.dto.roomId), directPairs.map((b) => b.user.id)],
      );
      for (const r of rows) blocked.add(`${r.room_id}:${r.blocked_id}`);
    }

    const existingRows: MessageRow[] = await em.query(
      `SELECT ${MESSAGE_COLUMNS} FROM messages msg LEFT JOIN users u ON u.id = msg.author_id
        WHERE (msg.room_id, msg.author_id, msg.client_msg_id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[]))`,
      [batch.map((b) => b.dto.roomId), batch.map((b) => b.user.id), batch.map((b) => b.dto.clientMsgId)],
    );
    const existing = new Map<string, MessageRow | PendingSend>(existingRows.map((r) => [`${r.room_id}:${r.author_id}:${r.client_msg_id}`, r]));

    const replyIds = [...new Set(batch.map((b) => b.dto.replyToId).filter((x): x is string => !!x))];
    const replies = new Map<string, { room_id: string; author_id: string | null }>();
    if (replyIds.length) {
      const rows: Array<{ id: string; room_id: string; author_id: string | null }> = await em.query(
        `SELECT id, room_id, author_id FROM messages WHERE id = ANY($1::uuid[])`,
        [replyIds],
      );
      for (const r of rows) replies.set(r.id, r);
    }

    const outcomes: Array<Outcome | { pendingIndex: number }> = [];
    const inserts: Array<{ index: number; roomId: string; seq: number; authorId: string; clientMsgId: string; body: string; replyToId: string | null }> = [];
    const now = Date.now();
    batch.forEach((b, index) => {
      const { roomId, clientMsgId, body } = b.dto;
      const room = roomById.get(roomId);
      const member = memberOf.get(`${roomId}:${b.user.id}`);
      const key = `${roomId}:${b.user.id}:${clientMsgId}`;
      const prior = existing.get(key);
      if (!room || !member) return outcomes.push({ error: new AppError(ErrorCode.NOT_FOUND, 'Room not found') });
      if (prior) {
        const priorBody = 'dto' in prior ? prior.dto.body : prior.body;
        const sameBody = priorBody === body || ('deleted_at' in prior && prior.deleted_at !== null);
        if (!sameBody) {
          return outcomes.push({ error: new AppError(ErrorCode.DUPLICATE_CLIENT_MSG_ID, 'clientMsgId was already used for a different message') });
        }
        if ('dto' in prior) return outcomes.push({ pendingIndex: batch.indexOf(prior) });
        return outcomes.push({ view: toMessageView(prior), created: false });
      }
      if (room.read_only) return outcomes.push({ error: new AppError(ErrorCode.ROOM_READ_ONLY, 'This room is read-only') });
      if (member.muted_until && member.muted_until.getTime() > now) {
        const seconds = Math.ceil((member.muted_until.getTime() - now) / 1000);
        return outcomes.push({ error: new AppError(ErrorCode.MUTED, 'You are muted in this room', { mutedUntil: member.muted_until.toISOString() }, seconds) });
      }
      if (blocked.has(`${roomId}:${b.user.id}`)) {
        return outcomes.push({ error: new AppError(ErrorCode.DM_NOT_ALLOWED, 'This person is not accepting messages from you') });
      }
      const replyToId = b.dto.replyToId ?? null;
      if (replyToId && replies.get(replyToId)?.room_id !== roomId) {
        return outcomes.push({ error: new AppError(ErrorCode.VALIDATION_FAILED, 'replyToId must be a message in this room', [{ field: 'replyToId', message: 'is not a message in this room' }]) });
      }
      room.lastSeq += 1;
      existing.set(key, b);
      inserts.push({ index, roomId, seq: room.lastSeq, authorId: b.user.id, clientMsgId, body, replyToId });
      outcomes.push({ pendingIndex: index });
    });

    const created = new Map<number, MessageView>();
    const notifications: NewNotification[] = [];
    if (inserts.length) {
      const rows: Array<Omit<MessageRow, 'username' | 'display_name'>> = await em.query(
        `INSERT INTO messages (room_id, seq, author_id, client_msg_id, body, reply_to_id)
         SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::uuid[], $4::text[], $5::text[], $6::uuid[])
         RETURNING id, room_id, seq, client_msg_id, author_id, body, reply_to_id, created_at, edited_at, deleted_at, hidden_at`,
        [
          inserts.map((i) => i.roomId),
          inserts.map((i) => i.seq),
          inserts.map((i) => i.authorId),
          inserts.map((i) => i.clientMsgId),
          inserts.map((i) => i.body),
          inserts.map((i) => i.replyToId),
        ],
      );
      const lastSeqs = [...roomById.values()].filter((r) => inserts.some((i) => i.roomId === r.id));
      await em.query(
        `UPDATE rooms r SET last_seq = v.seq, last_message_at = now()
           FROM unnest($1::uuid[], $2::bigint[]) AS v(id, seq) WHERE r.id = v.id`,
        [lastSeqs.map((r) => r.id), lastSeqs.map((r) => r.lastSeq)],
      );
      const bySeq = new Map(rows.map((r) => [`${r.room_id}:${r.seq}`, r]));
      for (const ins of inserts) {
        const row = bySeq.get(`${ins.roomId}:${ins.seq}`)!;
        const author = memberOf.get(`${ins.roomId}:${ins.authorId}`)!;
        created.set(ins.index, toMessageView({ ...row, username: author.username, display_name: author.display_name }));
      }
      notifications.push(...(await this.mentionAndReplyNotifications(em, inserts, created, replies)));
    }
    const saved = await this.notifications.createMany(em, notifications);

    // A send that repeats an earlier one of the same batch gets that message, as not created.
    const resolved: Outcome[] = outcomes.map((o, i) =>
      'pendingIndex' in o ? { view: created.get(o.pendingIndex)!, created: o.pendingIndex === i } : o,
    );
    return { outcomes: resolved, notifications: saved };
  }

  private async mentionAndReplyNotifications(
    em: EntityManager,
    inserts: Array<{ index: number; roomId: string; authorId: string; body: string; replyToId: string | null }>,
    created: Map<number, MessageView>,
    replies: Map<string, { room_id: string; author_id: string | null }>,
  ): Promise<NewNotification[]> {
    const out: NewNotification[] = [];
    const wanted = inserts.map((i) => ({ ins: i, names: i.body.includes('@') ? extractMentions(i.body) : [] }));
    const allNames = [...new Set(wanted.flatMap((w) => w.names))];
    const found = new Map<string, string>();
    if (allNames.length) {
      const rows: Array<{ room_id: string; id: string; uname: string }> = await em.query(
        `SELECT m.room_id, u.id, lower(u.username) AS uname FROM room_members m JOIN users u ON u.id = m.user_id
          WHERE m.room_id = ANY($1::uuid[]) AND lower(u.username) = ANY($2::text[]) AND u.status = 'active'`,
        [[...new Set(inserts.map((i) => i.roomId))], allNames],
      );
      for (const r of rows) found.set(`${r.room_id}:${r.uname}`, r.id);
    }
    for (const { ins, names } of wanted) {
      const view = created.get(ins.index)!;
      const ref = { roomId: ins.roomId, messageId: view.id, seq: view.seq, by: view.author };
      const notified = new Set<string>([ins.authorId]);
      for (const name of names) {
        const userId = found.get(`${ins.roomId}:${name}`);
        if (userId && !notified.has(userId)) {
          notified.add(userId);
          out.push({ userId, kind: 'mention', data: ref });
        }
      }
      const replyAuthor = ins.replyToId ? replies.get(ins.replyToId)?.author_id : null;
      if (replyAuthor && !notified.has(replyAuthor)) out.push({ userId: replyAuthor, kind: 'reply', data: { ...ref, replyToId: ins.replyToId } });
    }
    return out;
  }

  /** History by seq cursor, ascending. Without a cursor: the latest page. */
  async history(userId: string, roomId: string, q: { after?: number; before?: number; limit?: number }): Promise<MessagePageView> {
    if (q.after !== undefined && q.before !== undefined) {
      throw new AppError(ErrorCode.VALIDATION_FAILED, 'Give either after or before, not both', [{ field: 'before', message: 'cannot be combined with after' }]);
    }
    await this.rooms.assertCanRead(userId, roomId);
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
    return { messages: await this.withReactions(rows), hasMore };
  }

  private async withReactions(rows: MessageRow[]): Promise<MessageView[]> {
    const counts = await this.reactionCounts(rows.filter((r) => !r.deleted_at && !r.hidden_at).map((r) => r.id));
    return rows.map((r) => toMessageView(r, counts.get(r.id) ?? []));
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

  /** The message, if the caller may read its room; otherwise NOT_FOUND (existence does not leak). */
  private async readableMessage(em: EntityManager, userId: string, messageId: string): Promise<MessageRow> {
    const row = await this.loadMessage(em, messageId);
    if (!row || !(await this.rooms.isMember(row.room_id, userId, em))) throw notFound('Message');
    return row;
  }

  async edit(user: AuthUser, messageId: string, body: string): Promise<MessageView> {
    const view = await this.dataSource.transaction(async (em) => {
      const row = await this.readableMessage(em, user.id, messageId);
      if (row.author_id !== user.id) throw new AppError(ErrorCode.FORBIDDEN, 'Only the author can edit a message');
      if (row.deleted_at || row.hidden_at) throw new AppError(ErrorCode.MESSAGE_DELETED, 'This message was deleted');
      const room = await this.rooms.findRoom(row.room_id);
      if (room?.readOnly) throw new AppError(ErrorCode.ROOM_READ_ONLY, 'This room is read-only');
      await em.query(`UPDATE messages SET body = $2, edited_at = now() WHERE id = $1`, [messageId, body]);
      const updated = (await this.loadMessage(em, messageId))!;
      return toMessageView(updated, (await this.reactionCounts([messageId], em)).get(messageId) ?? []);
    });
    this.events.emit(DomainEvents.MessageUpdated, view);
    return view;
  }

  /** The author's delete: the body is erased, the seq stays as a tombstone. Idempotent. */
  async delete(user: AuthUser, messageId: string): Promise<MessageView> {
    const { view, changed } = await this.dataSource.transaction(async (em) => {
      const row = await this.readableMessage(em, user.id, messageId);
      if (row.author_id !== user.id) throw new AppError(ErrorCode.FORBIDDEN, 'Only the author can delete a message');
      if (row.deleted_at) return { view: toMessageView(row), changed: false };
      await em.query(`UPDATE messages SET body = NULL, deleted_at = now() WHERE id = $1`, [messageId]);
      await em.query(`DELETE FROM message_reactions WHERE message_id = $1`, [messageId]);
      return { view: toMessageView((await this.loadMessage(em, messageId))!), changed: true };
    });
    if (changed) this.events.emit(DomainEvents.MessageDeleted, view);
    return view;
  }

  async react(user: AuthUser, messageId: string, emoji: string, add: boolean): Promise<MessageView> {
    const view = await this.dataSource.transaction(async (em) => {
      const row = await this.readableMessage(em, user.id, messageId);
      if (row.deleted_at || row.hidden_at) throw new AppError(ErrorCode.MESSAGE_DELETED, 'This message was deleted');
      if (add) {
        await em.query(`INSERT INTO message_reactions (message_id, user_id, emoji) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [messageId, user.id, emoji]);
      } else {
        await em.query(`DELETE FROM message_reactions WHERE message_id = $1 AND user_id = $2 AND emoji = $3`, [messageId, user.id, emoji]);
      }
      const distinct: Array<{ n: number }> = await em.query(`SELECT count(DISTINCT emoji)::int AS n FROM message_reactions WHERE message_id = $1`, [messageId]);
      if (distinct[0].n > 20) throw new AppError(ErrorCode.CONFLICT, 'A message can carry at most 20 different reactions');
      return toMessageView(row, (await this.reactionCounts([messageId], em)).get(messageId) ?? []);
    });
    this.events.emit(DomainEvents.MessageUpdated, view);
    return view;
  }
}
