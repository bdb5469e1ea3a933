/*
 * A load-generator process (child_process.fork from bench/chat/run.ts). It
 * holds socket.io-client connections, joins rooms and sends on command, and
 * checks every delivery against what was sent and acknowledged. Rooms are
 * never split between workers, so a worker sees every delivery of the
 * messages it sends; times are epoch milliseconds from
 * performance.timeOrigin + performance.now(), one clock for every process on
 * this machine.
 */
import { performance } from 'node:perf_hooks';
import { io, Socket } from 'socket.io-client';
import { Histogram } from '../lib/stats';
import type { ConnectResult, JoinResult, RunResult, WorkerCommand, WorkerReply } from './protocol';

const now = () => performance.timeOrigin + performance.now();

interface Ack<T> {
  ok: boolean;
  data?: T;
  error?: { code: string; message: string };
}

interface DeliveredMessage {
  roomId: string;
  clientMsgId: string;
}

interface Tracked {
  roomSlot: number;
  sentAt: number;
  scheduledAt: number;
  acked: boolean;
  failed: boolean;
  mask: number;
  deliveries: number;
}

interface RunState {
  tag: string;
  messages: Map<string, Tracked>;
  /** socket index → [room slot, member bit] */
  membership: Map<number, [number, number]>;
  roomIds: string[];
  roomSizes: number[];
  latency: Histogram;
  ackLatency: Histogram;
  closed: boolean;
  windowStart: number;
  windowEnd: number;
  r: RunResult;
  lastDeliveryAt: number;
  /** Called whenever a message completes, so the drain can finish early. */
  onProgress?: () => void;
  outstanding: number;
}

const sockets: Socket[] = [];
let run: RunState | undefined;
let disconnects = 0;

function popcount(n: number): number {
  let c = 0;
  while (n) {
    n &= n - 1;
    c++;
  }
  return c;
}

function complete(t: Tracked, st: RunState): boolean {
  return t.failed || (t.acked && t.deliveries >= st.roomSizes[t.roomSlot]);
}

function onDelivery(socketIndex: number, m: DeliveredMessage): void {
  const st = run;
  const at = now();
  if (!st) return;
  const t = typeof m?.clientMsgId === 'string' ? st.messages.get(m.clientMsgId) : undefined;
  const member = st.membership.get(socketIndex);
  if (!t || !member || member[0] !== t.roomSlot || st.roomIds[t.roomSlot] !== m.roomId) {
    st.r.unexpected++;
    return;
  }
  const bit = 1 << member[1];
  if (t.mask & bit) {
    st.r.duplicated++;
    return;
  }
  const wasComplete = complete(t, st);
  t.mask |= bit;
  t.deliveries++;
  st.r.delivered++;
  st.lastDeliveryAt = at;
  st.latency.record(at - (st.closed ? t.sentAt : t.scheduledAt));
  if (at >= st.windowStart && at < st.windowEnd) st.r.deliveredInWindow++;
  if (!wasComplete && complete(t, st)) {
    st.outstanding--;
    st.onProgress?.();
  }
}

async function connect(c: Extract<WorkerCommand, { cmd: 'connect' }>): Promise<ConnectResult> {
  const started = now();
  const res: ConnectResult = { connected: 0, failed: 0, ms: 0 };
  let next = 0;
  const one = (token: string) =>
    new Promise<void>((resolve) => {
      const socket = io(c.url, {
        path: '/socket.io',
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
        timeout: c.timeoutMs,
        auth: { token },
        ...(c.origin ? { extraHeaders: { origin: c.origin } } : {}),
      });
      const index = sockets.length;
      sockets.push(socket);
      socket.on('message:new', (m: DeliveredMessage) => onDelivery(index, m));
      socket.once('connect', () => {
        res.connected++;
        socket.on('disconnect', () => disconnects++);
        resolve();
      });
      socket.once('connect_error', (err: Error) => {
        res.failed++;
        res.firstError ??= err.message;
        resolve();
      });
    });
  const lane = async () => {
    while (next < c.tokens.length) await one(c.tokens[next++]);
  };
  await Promise.all(Array.from({ length: Math.max(1, c.concurrency) }, lane));
  res.ms = Math.round(now() - started);
  return res;
}

async function join(c: Extract<WorkerCommand, { cmd: 'join' }>): Promise<JoinResult> {
  const res: JoinResult = { joined: 0, failed: 0 };
  let next = 0;
  const lane = async () => {
    while (next < c.joins.length) {
      const j = c.joins[next++];
      const s = sockets[j.socket];
      try {
        const ack = (await s.timeout(15_000).emitWithAck('room:join', { roomId: j.roomId })) as Ack<unknown>;
        if (ack?.ok) res.joined++;
        else {
          res.failed++;
          res.firstError ??= JSON.stringify(ack?.error ?? ack);
        }
      } catch (err) {
        res.failed++;
        res.firstError ??= (err as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, c.concurrency) }, lane));
  return res;
}

function emptyResult(): RunResult {
  return {
    scheduled: 0,
    sent: 0,
    acked: 0,
    sendErrors: 0,
    ackTimeouts: 0,
    unresolved: 0,
    delivered: 0,
    deliveredInWindow: 0,
    ackedInWindow: 0,
    lost: 0,
    duplicated: 0,
    unexpected: 0,
    disconnects: 0,
    maxSendLagMs: 0,
    latency: { counts: {}, total: 0, max: 0 },
    ackLatency: { counts: {}, total: 0, max: 0 },
    spanMs: 0,
  };
}

const sleepUntil = (t: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, t - now())));

async function doRun(c: Extract<WorkerCommand, { cmd: 'run' }>): Promise<RunResult> {
  const st: RunState = {
    tag: c.tag,
    messages: new Map(),
    membership: new Map(),
    roomIds: c.rooms.map((r) => r.roomId),
    roomSizes: c.rooms.map((r) => r.sockets.length),
    latency: new Histogram(),
    ackLatency: new Histogram(),
    closed: c.mode === 'closed',
    windowStart: c.startAt + (c.mode === 'closed' ? c.warmupMs : 0),
    windowEnd: c.startAt + (c.mode === 'closed' ? c.warmupMs : 0) + c.durationMs,
    r: emptyResult(),
    lastDeliveryAt: 0,
    outstanding: 0,
  };
  c.rooms.forEach((room, slot) => room.sockets.forEach((s, bit) => st.membership.set(s, [slot, bit])));
  run = st;
  const disconnectsBefore = disconnects;
  const body = (i: number) => `bench ${c.tag} #${i} `.padEnd(c.bodyLength, 'lorem ipsum dolor sit amet ');
  let seqNo = 0;
  const memberCursor = c.rooms.map(() => 0);

  const send = (slot: number, scheduledAt: number, onDone?: () => void) => {
    const room = c.rooms[slot];
    const member = memberCursor[slot]++ % room.sockets.length;
    const socket = sockets[room.sockets[member]];
    const i = seqNo++;
    const clientMsgId = `${c.tag}.${process.pid}.${i}`;
    const sentAt = now();
    const t: Tracked = { roomSlot: slot, sentAt, scheduledAt, acked: false, failed: false, mask: 0, deliveries: 0 };
    st.messages.set(clientMsgId, t);
    st.outstanding++;
    st.r.sent++;
    socket.timeout(c.ackTimeoutMs).emit('message:send', { roomId: room.roomId, clientMsgId, body: body(i) }, (err: Error | null, ack?: Ack<unknown>) => {
      const at = now();
      const wasComplete = complete(t, st);
      if (err) {
        st.r.ackTimeouts++;
        t.failed = true;
        st.r.errorSample ??= `ack timeout after ${c.ackTimeoutMs} ms`;
      } else if (!ack?.ok) {
        st.r.sendErrors++;
        t.failed = true;
        st.r.errorSample ??= JSON.stringify(ack?.error ?? ack);
      } else {
        t.acked = true;
        st.r.acked++;
        st.ackLatency.record(at - (st.closed ? sentAt : scheduledAt));
        if (at >= st.windowStart && at < st.windowEnd) st.r.ackedInWindow++;
      }
      if (!wasComplete && complete(t, st)) {
        st.outstanding--;
        st.onProgress?.();
      }
      onDone?.();
    });
  };

  const sendEnd = st.windowEnd;
  if (c.mode === 'open') {
    // Open loop: message k is due at startAt + k/rate whatever the server does;
    // latency is counted from that due time, so falling behind shows up in it.
    const interval = 1000 / c.rate;
    const total = Math.floor((c.rate * c.durationMs) / 1000);
    st.r.scheduled = total;
    let k = 0;
    await sleepUntil(c.startAt);
    while (k < total) {
      const t = now();
      while (k < total && c.startAt + k * interval <= t) {
        const due = c.startAt + k * interval;
        st.r.maxSendLagMs = Math.max(st.r.maxSendLagMs, t - due);
        send(k % c.rooms.length, due);
        k++;
      }
      if (k < total) await sleepUntil(c.startAt + k * interval);
    }
  } else {
    // Closed loop: each room keeps `inflightPerRoom` sends outstanding until the window ends.
    await sleepUntil(c.startAt);
    await new Promise<void>((resolve) => {
      let active = 0;
      const pump = (slot: number) => {
        if (now() >= sendEnd) {
          if (--active === 0) resolve();
          return;
        }
        st.r.scheduled++;
        send(slot, now(), () => pump(slot));
      };
      c.rooms.forEach((_, slot) => {
        for (let j = 0; j < c.inflightPerRoom; j++) {
          active++;
          pump(slot);
        }
      });
      if (active === 0) resolve();
    });
  }

  // Drain: wait until every message is acknowledged and delivered to every member, or the drain time ends.
  const drainDeadline = now() + c.drainMs;
  while (st.outstanding > 0 && now() < drainDeadline) {
    await new Promise<void>((r) => {
      st.onProgress = () => st.outstanding === 0 && r();
      setTimeout(r, 100);
    });
  }
  st.onProgress = undefined;
  for (const t of st.messages.values()) {
    if (t.acked) st.r.lost += st.roomSizes[t.roomSlot] - popcount(t.mask);
    else if (!t.failed) st.r.unresolved++;
  }
  st.r.disconnects = disconnects - disconnectsBefore;
  st.r.latency = st.latency.toJSON();
  st.r.ackLatency = st.ackLatency.toJSON();
  st.r.spanMs = Math.round((st.lastDeliveryAt || now()) - c.startAt);
  // Keep counting stragglers as `unexpected` until the next run replaces this one.
  st.messages.clear();
  return st.r;
}

async function disconnectAll(): Promise<null> {
  for (const s of sockets) {
    s.removeAllListeners('disconnect');
    s.disconnect();
  }
  sockets.length = 0;
  run = undefined;
  return null;
}

process.on('message', (c: WorkerCommand) => {
  if (c.cmd === 'exit') {
    void disconnectAll().finally(() => process.exit(0));
    return;
  }
  const reply = (r: WorkerReply) => process.send?.(r);
  const work: Promise<ConnectResult | JoinResult | RunResult | null> =
    c.cmd === 'connect' ? connect(c) : c.cmd === 'join' ? join(c) : c.cmd === 'run' ? doRun(c) : disconnectAll();
  work.then(
    (result) => reply({ id: c.id, ok: true, result }),
    (err: Error) => reply({ id: c.id, ok: false, error: err?.stack ?? String(err) }),
  );
});
// The harness going away ends this process too.
process.on('disconnect', () => process.exit(0));
