import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EntityManager } from 'typeorm';
import { AppError, AuthUser, ErrorCode } from '@hearth/common';
import type { RealtimeConfig } from '@hearth/config';
import { Transactions, Tx } from '@hearth/database';
import { NewNotification, NotificationsService } from '@hearth/notifications';
import { ShutdownDrain } from '@hearth/realtime';
import { chatErrors } from '../chat.errors';
import { extractMentions } from '../mentions';
import { MESSAGE_COLUMNS, MessageRow, MessageView, toMessageView } from '../dto/message.view';
import type { SendMessageDto } from '../dto/message.dto';
import { SendRateLimiter } from '../send-rate-limiter';
import { runSendRules, SendDraft, SendRoom, SendRules, SentDraft } from './send-rule';

interface PendingSend {
  user: AuthUser;
  dto: SendMessageDto;
  resolve: (m: MessageView) => void;
  reject: (e: unknown) => void;
}

type Outcome = { view: MessageView } | { error: AppError } | { sameAs: number };

/** Sends are written in small batches: one transaction for whatever queued up while the previous one committed. */
const MAX_BATCH = 256;
const MAX_IN_FLIGHT = 2;

/**
 * The send path. Resolves a send only after its message is committed (the
 * socket ack follows), idempotent on (room, author, clientMsgId). One
 * transaction per batch locks the batch's room rows in a fixed order, so seqs
 * are handed out and committed in order: a seq a client has seen is never
 * overtaken by a later commit with a smaller one. What may be sent is decided
 * by the registered send rules.
 */
@Injectable()
export class MessageWriter {
  private readonly limiter: SendRateLimiter;
  private queue: PendingSend[] = [];
  private inFlight = 0;

  constructor(
    private readonly transactions: Transactions,
    private readonly rules: SendRules,
    private readonly notifications: NotificationsService,
    private readonly shutdown: ShutdownDrain,
    config: ConfigService,
  ) {
    const rt = config.getOrThrow<RealtimeConfig>('realtime');
    this.limiter = new SendRateLimiter(rt.sendBurst, rt.sendPerSecond);
    shutdown.register('message writer', (deadline) => this.drain(deadline));
  }

  send(user: AuthUser, dto: SendMessageDto): Promise<MessageView> {
    this.shutdown.assertAccepting();
    this.limiter.take(user.id);
    return new Promise<MessageView>((resolve, reject) => {
      this.queue.push({ user, dto, resolve, reject });
      this.pump();
    });
  }

  /**
   * On shutdown: every send already queued or in a batch is written and settled
   * (its ack goes out) before the pool closes. Past the deadline, sends that never
   * started are refused with SERVICE_UNAVAILABLE so their clients retry elsewhere.
   */
  private async drain(deadline: number): Promise<void> {
    while ((this.queue.length || this.inFlight) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    for (const p of this.queue.splice(0)) p.reject(new AppError(ErrorCode.SERVICE_UNAVAILABLE, 'This server is restarting; retry in a moment', undefined, 1));
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
    let outcomes: Outcome[];
    try {
      outcomes = await this.transactions.run((tx) => this.writeBatch(tx, batch));
    } catch (e) {
      if (batch.length > 1) {
        // Nothing of the batch committed (and none of its events went out); retry one by one so one bad send cannot fail the others.
        for (const item of batch) await this.flush([item]);
        return;
      }
      batch[0].reject(e);
      return;
    }
    const settle = (i: number, o: Outcome): void => {
      if ('error' in o) batch[i].reject(o.error);
      else if ('view' in o) batch[i].resolve(o.view);
      else settle(i, outcomes[o.sameAs]);
    };
    outcomes.forEach((o, i) => settle(i, o));
  }

  private async writeBatch(tx: Tx, batch: PendingSend[]): Promise<Outcome[]> {
    const { em } = tx;
    const now = Date.now();
    const roomIds = [...new Set(batch.map((b) => b.dto.roomId))].sort();
    // Room rows are locked in a fixed order: seqs are handed out and committed in order, without deadlocks.
    const roomRows: Array<{ id: string; kind: SendRoom['kind']; group_id: string | null; read_only: boolean; last_seq: string }> = await em.query(
      `SELECT id, kind, group_id, read_only, last_seq FROM rooms WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
      [roomIds],
    );
    const rooms = new Map(roomRows.map((r) => [r.id, { room: { id: r.id, kind: r.kind, groupId: r.group_id, readOnly: r.read_only } as SendRoom, lastSeq: Number(r.last_seq), touched: false }]));
    const members: Array<{ room_id: string; user_id: string; muted_until: Date | null; username: string; display_name: string }> = await em.query(
      `SELECT m.room_id, m.user_id, m.muted_until, u.username, u.display_name
         FROM room_members m JOIN users u ON u.id = m.user_id
        WHERE (m.room_id, m.user_id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))`,
      [batch.map((b) => b.dto.roomId), batch.map((b) => b.user.id)],
    );
    const memberOf = new Map(members.map((m) => [`${m.room_id}:${m.user_id}`, { username: m.username, displayName: m.display_name, mutedUntil: m.muted_until }]));
    const existingRows: MessageRow[] = await em.query(
      `SELECT ${MESSAGE_COLUMNS} FROM messages msg LEFT JOIN users u ON u.id = msg.author_id
        WHERE (msg.room_id, msg.author_id, msg.client_msg_id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[]))`,
      [batch.map((b) => b.dto.roomId), batch.map((b) => b.user.id), batch.map((b) => b.dto.clientMsgId)],
    );
    const existing = new Map(existingRows.map((r) => [`${r.room_id}:${r.author_id}:${r.client_msg_id}`, r]));

    // Resends are answered before any rule (an accepted message stays accepted); a repeat within the batch waits for its first.
    const outcomes: Array<Outcome | undefined> = batch.map(() => undefined);
    const firstOf = new Map<string, number>();
    const drafts: SendDraft[] = [];
    const draftIndex: number[] = [];
    batch.forEach((b, i) => {
      const key = `${b.dto.roomId}:${b.user.id}:${b.dto.clientMsgId}`;
      const member = memberOf.get(`${b.dto.roomId}:${b.user.id}`);
      const prior = existing.get(key);
      if (prior) {
        if (!member) outcomes[i] = { error: chatErrors.roomNotFound() };
        else if (prior.body === b.dto.body || prior.deleted_at !== null) outcomes[i] = { view: toMessageView(prior) };
        else outcomes[i] = { error: chatErrors.duplicateClientMsgId() };
        return;
      }
      const first = firstOf.get(key);
      if (first !== undefined) {
        outcomes[i] = batch[first].dto.body === b.dto.body ? { sameAs: first } : { error: chatErrors.duplicateClientMsgId() };
        return;
      }
      firstOf.set(key, i);
      drafts.push({ user: b.user, dto: b.dto, room: rooms.get(b.dto.roomId)?.room, member, now, notes: new Map(), hold: false });
      draftIndex.push(i);
    });

    const { refusals, states } = await runSendRules(this.rules.list(), drafts, em);
    const accepted: Array<{ draft: SendDraft; index: number; seq: number }> = [];
    drafts.forEach((d, k) => {
      const refusal = refusals[k];
      if (refusal) return void (outcomes[draftIndex[k]] = { error: refusal });
      const r = rooms.get(d.dto.roomId)!;
      r.lastSeq += 1;
      r.touched = true;
      accepted.push({ draft: d, index: draftIndex[k], seq: r.lastSeq });
    });

    if (accepted.length) {
      const rows: Array<Omit<MessageRow, 'username' | 'display_name'>> = await em.query(
        `INSERT INTO messages (room_id, seq, author_id, client_msg_id, body, reply_to_id, held_at)
         SELECT v.room_id, v.seq, v.author_id, v.client_msg_id, v.body, v.reply_to_id, CASE WHEN v.held THEN now() END
           FROM unnest($1::uuid[], $2::bigint[], $3::uuid[], $4::text[], $5::text[], $6::uuid[], $7::boolean[])
             AS v(room_id, seq, author_id, client_msg_id, body, reply_to_id, held)
         RETURNING id, room_id, seq, client_msg_id, author_id, body, reply_to_id, created_at, edited_at, deleted_at, hidden_at, held_at`,
        [
          accepted.map((a) => a.draft.dto.roomId),
          accepted.map((a) => a.seq),
          accepted.map((a) => a.draft.user.id),
          accepted.map((a) => a.draft.dto.clientMsgId),
          accepted.map((a) => a.draft.dto.body),
          accepted.map((a) => a.draft.dto.replyToId ?? null),
          accepted.map((a) => a.draft.hold === true),
        ],
      );
      const touched = [...rooms.values()].filter((r) => r.touched);
      await em.query(
        `UPDATE rooms r SET last_seq = v.seq, last_message_at = now()
           FROM unnest($1::uuid[], $2::bigint[]) AS v(id, seq) WHERE r.id = v.id`,
        [touched.map((r) => r.room.id), touched.map((r) => r.lastSeq)],
      );
      const bySeq = new Map(rows.map((r) => [`${r.room_id}:${r.seq}`, r]));
      const blockers = await this.blockersOfAuthors(em, accepted.map((a) => a.draft));
      const sent: SentDraft[] = accepted.map((a) => {
        const row = bySeq.get(`${a.draft.dto.roomId}:${a.seq}`)!;
        const view = toMessageView({ ...row, username: a.draft.member!.username, display_name: a.draft.member!.displayName });
        outcomes[a.index] = { view };
        const hiddenFrom = blockers.get(`${a.draft.dto.roomId}:${a.draft.user.id}`);
        tx.emit('message.created', hiddenFrom ? { message: view, hiddenFrom } : { message: view });
        return { draft: a.draft, message: view };
      });
      for (const [rule, state] of states) if (rule.afterInsert) await rule.afterInsert(sent, state, tx);
      await this.notifications.create(tx, await this.mentionAndReplyNotifications(em, sent, blockers));
    }
    return outcomes as Outcome[];
  }

  /**
   * Room members who blocked each author, keyed `room:author` (read-only read of the users lib's
   * user_blocks): they receive a placeholder instead of the message, and no mention or reply notification.
   */
  private async blockersOfAuthors(em: EntityManager, drafts: readonly SendDraft[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    const rows: Array<{ room_id: string; blocked_id: string; blocker_id: string }> = await em.query(
      `SELECT m.room_id, b.blocked_id, b.blocker_id FROM user_blocks b JOIN room_members m ON m.user_id = b.blocker_id
        WHERE (m.room_id, b.blocked_id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))`,
      [drafts.map((d) => d.dto.roomId), drafts.map((d) => d.user.id)],
    );
    for (const r of rows) {
      const key = `${r.room_id}:${r.blocked_id}`;
      out.set(key, [...(out.get(key) ?? []), r.blocker_id]);
    }
    return out;
  }

  /** Mentions of room members and replies become notifications (references only, never a copy of the body). */
  private async mentionAndReplyNotifications(em: EntityManager, sent: readonly SentDraft[], blockers: Map<string, string[]>): Promise<NewNotification[]> {
    const wanted = sent.map((s) => ({ s, names: s.message.body?.includes('@') ? extractMentions(s.message.body) : [] }));
    const allNames = [...new Set(wanted.flatMap((w) => w.names))];
    const found = new Map<string, string>();
    if (allNames.length) {
      const rows: Array<{ room_id: string; id: string; uname: string }> = await em.query(
        `SELECT m.room_id, u.id, lower(u.username) AS uname FROM room_members m JOIN users u ON u.id = m.user_id
          WHERE m.room_id = ANY($1::uuid[]) AND lower(u.username) = ANY($2::text[]) AND u.status = 'active'`,
        [[...new Set(sent.map((s) => s.message.roomId))], allNames],
      );
      for (const r of rows) found.set(`${r.room_id}:${r.uname}`, r.id);
    }
    const replyIds = [...new Set(sent.map((s) => s.message.replyToId).filter((x): x is string => !!x))];
    const replyAuthor = new Map<string, string | null>();
    if (replyIds.length) {
      const rows: Array<{ id: string; author_id: string | null }> = await em.query(`SELECT id, author_id FROM messages WHERE id = ANY($1::uuid[])`, [replyIds]);
      for (const r of rows) replyAuthor.set(r.id, r.author_id);
    }
    const out: NewNotification[] = [];
    for (const { s, names } of wanted) {
      const m = s.message;
      const ref = { roomId: m.roomId, messageId: m.id, seq: m.seq, byUserId: m.author?.id ?? null };
      // Someone who blocked the author is never reached by their mentions or replies; a held message reaches nobody yet.
      const notified = new Set<string>([s.draft.user.id, ...(blockers.get(`${m.roomId}:${s.draft.user.id}`) ?? [])]);
      if (m.held) continue;
      for (const name of names) {
        const userId = found.get(`${m.roomId}:${name}`);
        if (userId && !notified.has(userId)) {
          notified.add(userId);
          out.push({ userId, kind: 'mention', data: ref });
        }
      }
      const to = m.replyToId ? replyAuthor.get(m.replyToId) : null;
      if (to && !notified.has(to)) out.push({ userId: to, kind: 'reply', data: { ...ref, replyToId: m.replyToId } });
    }
    return out;
  }
}
