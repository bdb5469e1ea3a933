import { Client } from 'pg';
import { io, Socket } from 'socket.io-client';

/*
 * Real socket.io clients that behave the way Hearth's clients should: every
 * message has its own clientMsgId; a send that is refused with
 * SERVICE_UNAVAILABLE is retried after `retryAfterMs`; a send that gets no
 * answer (timeout, lost socket) is retried with the same clientMsgId once a
 * connection is back, on whichever instance answers. Then `verify` checks,
 * from SQL and from a fresh client, that nothing acknowledged was lost or
 * duplicated and that every room's seq is 1..N.
 */

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

type Ack = { ok: true; data: { id: string; seq: number; clientMsgId: string; createdAt: string } } | { ok: false; error: { code: string; message: string; retryAfterMs?: number } };

export interface SentRecord {
  roomId: string;
  clientMsgId: string;
  body: string;
  attempts: number;
  /** Every message id an ack returned for this clientMsgId (more than one would be a duplicate). */
  ackIds: Set<string>;
  id?: string;
  seq?: number;
  ackedAt?: number;
  /** A refusal other than SERVICE_UNAVAILABLE (never expected). */
  failed?: { code: string; message: string };
}

export interface Tally {
  attempts: number;
  retried: number;
  timeouts: number;
  /** Sends still waiting for their ack when the connection went (retried on the next one). */
  unansweredAtDisconnect: number;
  refusals: Record<string, number>;
  refusalsWithoutRetryHint: number;
  reconnects: number;
  restartingNotices: number;
  /** Retries answered with the message an earlier, unanswered attempt had already committed (idempotency at work). */
  retriesAnsweredWithOriginal: number;
  ackTimes: number[];
}

export const newTally = (): Tally => ({ attempts: 0, retried: 0, timeouts: 0, unansweredAtDisconnect: 0, refusals: {}, refusalsWithoutRetryHint: 0, reconnects: 0, restartingNotices: 0, retriesAnsweredWithOriginal: 0, ackTimes: [] });

/** Opens a websocket-only socket.io connection; rejects with the handshake error. */
export function connectSocket(url: string, token: string, timeoutMs = 3000): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = io(url, { path: '/socket.io', transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true, timeout: timeoutMs });
    const fail = (e: Error) => {
      s.close();
      reject(e);
    };
    s.once('connect', () => resolve(s));
    s.once('connect_error', fail);
  });
}

/**
 * One person sending `count` messages into a room, `window` at a time, across
 * faults. `urls()` names the instances to (re)connect to, preferred first.
 */
export class Sender {
  readonly records: SentRecord[] = [];
  private socket?: Socket;
  private connecting?: Promise<Socket>;
  private stopped = false;
  private everConnected = false;

  constructor(
    readonly name: string,
    private readonly token: string,
    private readonly urls: () => string[],
    readonly roomId: string,
    count: number,
    private readonly window: number,
    private readonly tally: Tally,
    private readonly ackTimeoutMs = 4000,
  ) {
    for (let i = 0; i < count; i++) {
      const clientMsgId = `${name}-${i}`;
      this.records.push({ roomId, clientMsgId, body: `fault-suite message ${clientMsgId}`, attempts: 0, ackIds: new Set() });
    }
  }

  /** A connected socket, reconnecting (round robin over the instances) while none is. */
  private connected(): Promise<Socket> {
    if (this.socket?.connected) return Promise.resolve(this.socket);
    this.connecting ??= (async () => {
      for (let i = 0; !this.stopped; i++) {
        const list = this.urls();
        try {
          const s = await connectSocket(list[i % list.length], this.token);
          if (this.everConnected) this.tally.reconnects++;
          this.everConnected = true;
          s.on('server:restarting', () => this.tally.restartingNotices++);
          s.on('disconnect', () => {
            if (this.socket === s) this.socket = undefined;
          });
          this.socket = s;
          return s;
        } catch {
          await sleep(150);
        }
      }
      throw new Error('stopped');
    })().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  async run(): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (!this.stopped && next < this.records.length) await this.deliver(this.records[next++]);
    };
    await Promise.all(Array.from({ length: this.window }, worker));
  }

  private async deliver(rec: SentRecord): Promise<void> {
    while (!this.stopped) {
      let s: Socket;
      try {
        s = await this.connected();
      } catch {
        return;
      }
      if (rec.attempts > 0) this.tally.retried++;
      rec.attempts++;
      this.tally.attempts++;
      const sentAt = Date.now();
      // socket.io keeps an ack pending across a lost connection: give up on it when the socket goes, or after the timeout.
      const res = await new Promise<Ack | 'timeout' | 'disconnected'>((resolve) => {
        const gone = () => resolve('disconnected');
        s.once('disconnect', gone);
        s.timeout(this.ackTimeoutMs)
          .emitWithAck('message:send', { roomId: rec.roomId, clientMsgId: rec.clientMsgId, body: rec.body })
          .then((r: Ack) => resolve(r), () => resolve('timeout'))
          .finally(() => s.off('disconnect', gone));
      });
      if (res === 'timeout' || res === 'disconnected') {
        // No answer: the send may or may not have committed. Retry with the same clientMsgId once connected.
        if (res === 'timeout') {
          this.tally.timeouts++;
          if (s.connected) s.disconnect(); // as a client would: assume the connection is bad
        } else this.tally.unansweredAtDisconnect++;
        continue;
      }
      if (res.ok) {
        rec.ackIds.add(res.data.id);
        // Committed before this attempt left (the clocks are the same machine's).
        if (rec.attempts > 1 && Date.parse(res.data.createdAt) < sentAt - 5) this.tally.retriesAnsweredWithOriginal++;
        if (rec.id === undefined) {
          rec.id = res.data.id;
          rec.seq = Number(res.data.seq);
          rec.ackedAt = Date.now();
          this.tally.ackTimes.push(rec.ackedAt);
        }
        return;
      }
      this.tally.refusals[res.error.code] = (this.tally.refusals[res.error.code] ?? 0) + 1;
      if (res.error.code === 'SERVICE_UNAVAILABLE') {
        if (typeof res.error.retryAfterMs !== 'number') this.tally.refusalsWithoutRetryHint++;
        await sleep(Math.min(res.error.retryAfterMs ?? 1000, 2000));
        continue;
      }
      rec.failed = res.error;
      return;
    }
  }

  stop(): void {
    this.stopped = true;
    this.socket?.close();
  }
}

export interface Verdict {
  sent: number;
  acknowledged: number;
  unacknowledged: number;
  failed: number;
  lost: number;
  duplicated: number;
  gaps: number;
  syncMismatches: number;
  stored: number;
}

interface Row {
  id: string;
  room_id: string;
  seq: string;
  author_id: string;
  client_msg_id: string;
  body: string;
}

/** Checks, from SQL and from a fresh client's `room:sync`, that every acknowledged message is present exactly once and every room's seq is 1..N. */
export async function verify(databaseUrl: string, serverUrl: string, verifierToken: string, roomIds: string[], records: SentRecord[]): Promise<Verdict> {
  const acked = records.filter((r) => r.id !== undefined);
  const v: Verdict = {
    sent: records.length,
    acknowledged: acked.length,
    unacknowledged: records.length - acked.length,
    failed: records.filter((r) => r.failed).length,
    lost: 0,
    duplicated: 0,
    gaps: 0,
    syncMismatches: 0,
    stored: 0,
  };
  // A retry answered with another message than the first ack would be a duplicate.
  v.duplicated += records.filter((r) => r.ackIds.size > 1).length;

  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  let rows: Row[];
  let lastSeq: Map<string, number>;
  try {
    rows = (await db.query<Row>(`SELECT id, room_id, seq, author_id, client_msg_id, body FROM messages WHERE room_id = ANY($1::uuid[]) ORDER BY room_id, seq`, [roomIds])).rows;
    lastSeq = new Map((await db.query<{ id: string; last_seq: string }>(`SELECT id, last_seq FROM rooms WHERE id = ANY($1::uuid[])`, [roomIds])).rows.map((r) => [r.id, Number(r.last_seq)]));
  } finally {
    await db.end();
  }
  v.stored = rows.length;
  const byRoom = new Map<string, Row[]>(roomIds.map((id) => [id, []]));
  for (const r of rows) byRoom.get(r.room_id)!.push(r);
  const sqlById = new Map(rows.map((r) => [r.id, r]));
  for (const [roomId, list] of byRoom) {
    list.forEach((r, k) => {
      if (Number(r.seq) !== k + 1) v.gaps++;
    });
    if ((lastSeq.get(roomId) ?? 0) !== list.length) v.gaps++;
  }
  const perClientId = new Map<string, number>();
  const perBody = new Map<string, number>();
  for (const r of rows) {
    perClientId.set(`${r.room_id}:${r.author_id}:${r.client_msg_id}`, (perClientId.get(`${r.room_id}:${r.author_id}:${r.client_msg_id}`) ?? 0) + 1);
    perBody.set(r.body, (perBody.get(r.body) ?? 0) + 1);
  }
  v.duplicated += [...perClientId.values()].filter((n) => n > 1).length + [...perBody.values()].filter((n) => n > 1).length;
  for (const rec of acked) {
    const row = sqlById.get(rec.id!);
    if (!row || Number(row.seq) !== rec.seq || row.client_msg_id !== rec.clientMsgId || row.body !== rec.body) v.lost++;
  }

  // The same from a client that has seen nothing: page through every room from seq 0.
  const s = await connectSocket(serverUrl, verifierToken, 10_000);
  try {
    for (const roomId of roomIds) {
      const seen: Array<{ id: string; seq: number; clientMsgId: string }> = [];
      for (let after = 0; ; ) {
        const res = (await s.timeout(15_000).emitWithAck('room:sync', { roomId, afterSeq: after, limit: 200 })) as
          | { ok: true; data: { messages: Array<{ id: string; seq: number; clientMsgId: string }>; hasMore: boolean } }
          | { ok: false; error: { code: string } };
        if (!res.ok) throw new Error(`room:sync refused: ${res.error.code}`);
        seen.push(...res.data.messages);
        if (!res.data.hasMore || !res.data.messages.length) break;
        after = Number(res.data.messages[res.data.messages.length - 1].seq);
      }
      const sql = byRoom.get(roomId)!;
      if (seen.length !== sql.length) v.syncMismatches += Math.abs(seen.length - sql.length) || 1;
      seen.forEach((m, k) => {
        if (Number(m.seq) !== k + 1 || sql[k]?.id !== m.id) v.syncMismatches++;
      });
      const ids = new Set(seen.map((m) => m.id));
      if (ids.size !== seen.length) v.duplicated += seen.length - ids.size;
      for (const rec of acked) if (rec.roomId === roomId && !ids.has(rec.id!)) v.lost++;
    }
  } finally {
    s.close();
  }
  return v;
}
