/*
 * npm run bench:soak — Hearth under steady, mixed load for a long time
 * (30 minutes by default; `--minutes N`): chat in rooms of 10, members leaving
 * and re-joining rooms, sockets dropping and reconnecting, history pages over
 * HTTP and room:sync. Every sample forces a full GC inside the server (the
 * preload, on SIGWINCH) and reads its JS heap, RSS, event-loop delay (measured
 * inside the server with perf_hooks.monitorEventLoopDelay) and active handles.
 *
 * Reports heap and RSS growth after the warm-up (target < 10 %), the server's
 * event-loop delay p99, the open handles once every client has gone (against
 * before any came), and checks that every acknowledged message is stored once
 * with gap-free seqs. Progress goes to stderr; the last line of stdout is JSON.
 *
 * Options (flag or env): --minutes/BENCH_SOAK_MINUTES (30), --rate/BENCH_SOAK_RATE
 * (messages/s, 50), --rooms/BENCH_SOAK_ROOMS (20), --warmup-percent (20).
 */
import { readFileSync, rmSync } from 'node:fs';
import { Client } from 'pg';
import { io, Socket } from 'socket.io-client';
import { cpuMs, log, machineInfo, newJwtSecret, option, rssKB, runMain, ServerProcess, sleep, spawnHearth, startDatabase } from '../lib/env';
import { round } from '../lib/stats';
import { seed, Seeded } from '../chat/seed';

const opts = {
  minutes: option('minutes', 'BENCH_SOAK_MINUTES', 30),
  rate: option('rate', 'BENCH_SOAK_RATE', 50),
  rooms: option('rooms', 'BENCH_SOAK_ROOMS', 20),
  roomSize: 10,
  warmupPercent: option('warmup-percent', 'BENCH_SOAK_WARMUP_PERCENT', 20),
};
const ORIGIN = 'http://127.0.0.1';
const GROWTH_TARGET = 0.1;

interface Sample {
  atS: number;
  heapMB: number;
  rssMB: number;
  eventLoopDelayMs: { p50: number; p99: number; max: number; mean: number; samples: number };
  resources: Record<string, number>;
  sockets: number;
}

async function sample(server: ServerProcess, t0: number, sockets: number): Promise<Sample> {
  rmSync(server.memFile, { force: true });
  process.kill(server.pid, 'SIGWINCH');
  for (let i = 0; i < 50; i++) {
    await sleep(100);
    try {
      const m = JSON.parse(readFileSync(server.memFile, 'utf8')) as { heapUsed: number; eventLoopDelayMs: Sample['eventLoopDelayMs']; resources: Record<string, number> };
      await sleep(300);
      return { atS: round((Date.now() - t0) / 1000, 0), heapMB: round(m.heapUsed / 2 ** 20, 2), rssMB: round(rssKB(server.pid) / 1024, 1), eventLoopDelayMs: m.eventLoopDelayMs, resources: m.resources, sockets };
    } catch {
      /* not written yet */
    }
  }
  throw new Error('the server did not write its memory sample');
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A member's socket in one room; reconnects and re-joins on request. */
class Member {
  socket?: Socket;
  constructor(
    readonly url: string,
    readonly token: string,
    readonly roomId: string,
  ) {}

  async connect(): Promise<void> {
    const s = io(this.url, { path: '/socket.io', transports: ['websocket'], auth: { token: this.token }, reconnection: false, forceNew: true, extraHeaders: { Origin: ORIGIN }, timeout: 15_000 });
    await new Promise<void>((resolve, reject) => {
      s.once('connect', () => resolve());
      s.once('connect_error', (e) => reject(e));
    });
    this.socket = s;
    await this.join();
  }

  async join(): Promise<void> {
    const r = (await this.socket!.timeout(15_000).emitWithAck('room:join', { roomId: this.roomId })) as { ok: boolean; error?: { code: string } };
    if (!r.ok) throw new Error(`room:join refused: ${r.error?.code}`);
  }

  close(): void {
    this.socket?.close();
    this.socket = undefined;
  }
}

async function main(): Promise<Record<string, unknown>> {
  const started = Date.now();
  const totalMs = opts.minutes * 60_000;
  const warmupMs = Math.max(60_000, (totalMs * opts.warmupPercent) / 100);
  const sampleEveryMs = Math.max(15_000, totalMs / 30);
  if (warmupMs >= totalMs) throw new Error('--minutes must leave time after the warm-up (at least 1 minute of warm-up)');
  log(`soak: ${opts.minutes} min (${Math.round(warmupMs / 1000)} s warm-up), ${opts.rate} msg/s in ${opts.rooms} rooms of ${opts.roomSize}; sample every ${Math.round(sampleEveryMs / 1000)} s`);

  const db = await startDatabase('hearth_bench_soak');
  const secret = newJwtSecret();
  const server = await spawnHearth(db.url, secret, { CORS_ORIGINS: ORIGIN, CHAT_SEND_BURST: '1000', CHAT_SEND_PER_SECOND: '10000', SOCKET_MAX_CONNECTIONS_PER_USER: '10' });
  const seeded: Seeded = await seed(db.url, secret, opts.rooms * opts.roomSize, opts.rooms, opts.roomSize);
  await sleep(2000);
  const t0 = Date.now();
  const before = await sample(server, t0, 0);
  log(`before any client: heap ${before.heapMB} MB, RSS ${before.rssMB} MB, handles ${JSON.stringify(before.resources)}`);

  const members = seeded.users.map((u, i) => new Member(server.url, u.token, seeded.rooms[Math.floor(i / opts.roomSize)]));
  for (let i = 0; i < members.length; i += 20) await Promise.all(members.slice(i, i + 20).map((m) => m.connect()));

  const c = { sent: 0, acked: 0, sendErrors: 0, /** mostly sends whose socket the reconnect load closed before the ack */ ackTimeouts: 0, deliveries: 0, joinsLeaves: 0, reconnects: 0, reconnectFailures: 0, historyReads: 0, historyErrors: 0, syncs: 0, syncErrors: 0 };
  const ackedIds = new Set<string>();
  const onNew = () => c.deliveries++;
  for (const m of members) m.socket!.on('message:new', onNew);
  const pick = () => members[Math.floor(Math.random() * members.length)];
  const body = 'x'.repeat(100);
  let stop = false;
  const pending = new Set<Promise<unknown>>();
  const track = (p: Promise<unknown>) => {
    pending.add(p);
    void p.finally(() => pending.delete(p));
  };

  const send = async () => {
    const m = pick();
    const s = m.socket;
    if (!s?.connected) return;
    const clientMsgId = `soak-${c.sent++}`;
    try {
      const r = (await s.timeout(10_000).emitWithAck('message:send', { roomId: m.roomId, clientMsgId, body: `${clientMsgId} ${body}` })) as { ok: boolean; data?: { id: string } };
      if (r.ok) {
        c.acked++;
        ackedIds.add(r.data!.id);
      } else c.sendErrors++;
    } catch {
      c.ackTimeouts++;
    }
  };
  const leaveAndJoin = async () => {
    const m = pick();
    if (!m.socket?.connected) return;
    try {
      await m.socket.timeout(10_000).emitWithAck('room:leave', { roomId: m.roomId });
      await sleep(200);
      if (m.socket?.connected) await m.join();
      c.joinsLeaves++;
    } catch {
      /* the socket was replaced meanwhile */
    }
  };
  const reconnect = async () => {
    const m = pick();
    m.close();
    try {
      await m.connect();
      m.socket!.on('message:new', onNew);
      c.reconnects++;
    } catch {
      c.reconnectFailures++;
    }
  };
  const readHistory = async () => {
    const m = pick();
    try {
      const res = await fetch(`${server.url}/api/rooms/${m.roomId}/messages?limit=50`, { headers: { Authorization: `Bearer ${m.token}` }, signal: AbortSignal.timeout(10_000) });
      if (res.status === 200) c.historyReads++;
      else c.historyErrors++;
      await res.arrayBuffer();
    } catch {
      c.historyErrors++;
    }
    const s = m.socket;
    if (!s?.connected) return;
    try {
      const r = (await s.timeout(10_000).emitWithAck('room:sync', { roomId: m.roomId, afterSeq: Math.max(0, Math.floor(c.acked / opts.rooms) - 100), limit: 100 })) as { ok: boolean };
      if (r.ok) c.syncs++;
      else c.syncErrors++;
    } catch {
      c.syncErrors++;
    }
  };

  // The steady load: sends at `rate`, a leave/re-join every 500 ms, a reconnect every 2 s, history reads every 250 ms.
  const tickMs = 100;
  const load = (async () => {
    let due = 0;
    for (let tick = 0; !stop; tick++) {
      due += (opts.rate * tickMs) / 1000;
      for (; due >= 1; due--) track(send());
      if (tick % 5 === 0) track(leaveAndJoin());
      if (tick % 20 === 0) track(reconnect());
      if (tick % 3 === 0) track(readHistory());
      await sleep(tickMs);
    }
  })();

  const samples: Sample[] = [];
  let cpuAtWarmup = 0;
  let warmupAt = 0;
  const endAt = t0 + totalMs;
  while (Date.now() < endAt) {
    await sleep(Math.min(sampleEveryMs, Math.max(0, endAt - Date.now())));
    const s = await sample(server, t0, members.filter((m) => m.socket?.connected).length);
    samples.push(s);
    if (!warmupAt && Date.now() - t0 >= warmupMs) {
      warmupAt = s.atS;
      cpuAtWarmup = cpuMs(server.pid);
    }
    log(`  ${s.atS} s: heap ${s.heapMB} MB, RSS ${s.rssMB} MB, loop delay p99 ${s.eventLoopDelayMs.p99} ms (max ${s.eventLoopDelayMs.max}), sent ${c.sent} acked ${c.acked}, reconnects ${c.reconnects}`);
  }
  const cpuEnd = cpuMs(server.pid);
  stop = true;
  await load;
  await Promise.allSettled([...pending]);
  for (const m of members) m.close();
  // Longer than the pool's 10 s idle timeout, so connections opened for the load have been closed too.
  await sleep(12_000);
  const after = await sample(server, t0, 0);
  log(`after every client left: heap ${after.heapMB} MB, RSS ${after.rssMB} MB, handles ${JSON.stringify(after.resources)}`);

  // Every acknowledged message stored exactly once, every room's seq 1..N.
  const pg = new Client({ connectionString: db.url });
  await pg.connect();
  let stored = 0;
  let lost = 0;
  let gaps = 0;
  try {
    const rows = (await pg.query<{ id: string; room_id: string; seq: string }>(`SELECT id, room_id, seq FROM messages ORDER BY room_id, seq`)).rows;
    stored = rows.length;
    const ids = new Set(rows.map((r) => r.id));
    for (const id of ackedIds) if (!ids.has(id)) lost++;
    let room = '';
    let expect = 1;
    for (const r of rows) {
      if (r.room_id !== room) {
        room = r.room_id;
        expect = 1;
      }
      if (Number(r.seq) !== expect++) gaps++;
    }
  } finally {
    await pg.end();
  }

  const measured = samples.filter((s) => s.atS >= warmupAt);
  const head = measured.slice(0, 3);
  const tail = measured.slice(-3);
  const growth = (f: (s: Sample) => number) => round((median(tail.map(f)) - median(head.map(f))) / median(head.map(f)), 4);
  const heapGrowth = growth((s) => s.heapMB);
  const rssGrowth = growth((s) => s.rssMB);
  const p99s = measured.map((s) => s.eventLoopDelayMs.p99);
  const measuredS = (samples[samples.length - 1].atS - warmupAt) || 1;
  const handleDelta: Record<string, number> = {};
  for (const k of new Set([...Object.keys(before.resources), ...Object.keys(after.resources)])) {
    const d = (after.resources[k] ?? 0) - (before.resources[k] ?? 0);
    if (d) handleDelta[k] = d;
  }
  return {
    machine: machineInfo(),
    options: opts,
    samples,
    counts: c,
    before: { heapMB: before.heapMB, rssMB: before.rssMB, resources: before.resources },
    after: { heapMB: after.heapMB, rssMB: after.rssMB, resources: after.resources },
    warmupS: warmupAt,
    serverCores: round((cpuEnd - cpuAtWarmup) / 1000 / measuredS, 3),
    elapsedS: Math.round((Date.now() - started) / 1000),
    minutes: opts.minutes,
    messagesAcked: c.acked,
    stored,
    lost,
    gaps,
    heapMBAfterWarmup: median(head.map((s) => s.heapMB)),
    heapMBAtEnd: median(tail.map((s) => s.heapMB)),
    heapGrowth,
    rssMBAfterWarmup: median(head.map((s) => s.rssMB)),
    rssMBAtEnd: median(tail.map((s) => s.rssMB)),
    rssGrowth,
    growthTarget: `< ${GROWTH_TARGET * 100} %`,
    growthTargetMet: heapGrowth < GROWTH_TARGET && rssGrowth < GROWTH_TARGET,
    eventLoopDelayP99Ms: median(p99s),
    eventLoopDelayWorstIntervalP99Ms: Math.max(...p99s),
    eventLoopDelayMaxMs: Math.max(...measured.map((s) => s.eventLoopDelayMs.max)),
    openHandlesBefore: Object.values(before.resources).reduce((a, b) => a + b, 0),
    openHandlesAtEnd: Object.values(after.resources).reduce((a, b) => a + b, 0),
    openHandlesDelta: handleDelta,
  };
}

runMain(main, (opts.minutes + 10) * 60_000);
