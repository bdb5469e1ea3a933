/*
 * npm run bench:chat — Hearth's real-time chat under load, next to a bare
 * socket.io broadcast server (bench/chat/baseline-server.ts) on the same
 * machine, in the same run, with the same clients and workload.
 *
 *  A. idle connections: hold N authenticated sockets; server RSS at several
 *     counts; memory per connection = slope of a least-squares line.
 *  B. rooms of 10: open-loop sends at a fixed schedule, stepping the rate up
 *     until p99 delivery latency (receive time − scheduled send time) exceeds
 *     250 ms or anything is lost; then a closed-loop run for the saturated
 *     delivery rate.
 *
 * Progress goes to stderr; the last line of stdout is one JSON object.
 * Options (flag or env): --connections/BENCH_CONNECTIONS (5000),
 * --workers/BENCH_WORKERS (2), --rooms/BENCH_ROOMS (100), --step-ms/BENCH_STEP_MS (6000),
 * --saturate-ms/BENCH_SATURATE_MS (6000), --inflight/BENCH_INFLIGHT (2,10,25),
 * --max-rate/BENCH_MAX_RATE (8000),
 * --only hearth|baseline (BENCH_ONLY), --workloads idle,rooms (BENCH_WORKLOADS),
 * --budget-s/BENCH_BUDGET_S (540),
 * --moderation-phrases/BENCH_MODERATION_PHRASES (0): put the rooms in one community with
 *   that many automod phrases (and a tenth as many crisis phrases), e.g. 1000 (issue 8).
 * See docs/benchmarks.md.
 */
import { ChildProcess, fork } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  cleanupAll,
  coresUsed,
  cpuSnapshot,
  log,
  machineInfo,
  newJwtSecret,
  onCleanup,
  option,
  rssKB,
  runMain,
  ServerProcess,
  sleep,
  spawnHearth,
  spawnServer,
  startDatabase,
} from '../lib/env';
import { Histogram, linearFit, round } from '../lib/stats';
import type { ConnectResult, JoinResult, RoomAssignment, RunResult, WorkerCommand, WorkerReply } from './protocol';
import { seed, Seeded, seedModeration } from './seed';

const now = () => performance.timeOrigin + performance.now();

function stringOption(name: string, envName: string): string {
  const argv = process.argv.slice(2);
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i >= 0) return argv[i].includes('=') ? argv[i].split('=')[1] : (argv[i + 1] ?? '');
  return process.env[envName] ?? '';
}

const opts = {
  connections: option('connections', 'BENCH_CONNECTIONS', 5000),
  workers: Math.max(1, option('workers', 'BENCH_WORKERS', 2)),
  rooms: option('rooms', 'BENCH_ROOMS', 100),
  roomSize: 10,
  stepMs: option('step-ms', 'BENCH_STEP_MS', 6000),
  saturateMs: option('saturate-ms', 'BENCH_SATURATE_MS', 6000),
  /** Closed-loop depths (outstanding sends per room) tried for the saturated rate; the best counts. */
  inflight: (stringOption('inflight', 'BENCH_INFLIGHT') || '2,10,25').split(',').map(Number).filter((n) => n > 0),
  maxRate: option('max-rate', 'BENCH_MAX_RATE', 8000),
  p99LimitMs: option('p99-limit-ms', 'BENCH_P99_LIMIT_MS', 250),
  bodyLength: option('body-length', 'BENCH_BODY_LENGTH', 120),
  budgetMs: option('budget-s', 'BENCH_BUDGET_S', 540) * 1000,
  only: stringOption('only', 'BENCH_ONLY'),
  /** Which workloads: "idle,rooms" (default), "idle" or "rooms". */
  workloads: stringOption('workloads', 'BENCH_WORKLOADS') || 'idle,rooms',
  /** Automod phrases for the rooms' community (0: rooms without a community; platform defaults apply). Crisis phrases: a tenth. */
  moderationPhrases: option('moderation-phrases', 'BENCH_MODERATION_PHRASES', 0),
};

/** Rates (messages/s, all rooms together) the step search walks through. */
const LADDER = [250, 500, 750, 1000, 1250, 1500, 1750, 2000, 2500, 3000, 3500, 4000, 5000, 6000, 7000, 8000, 10000, 12000, 15000];
/** The bare server is far faster: a coarser ladder keeps the run short. */
const BASELINE_LADDER = [1000, 2000, 3000, 4000, 5000, 6000, 8000, 10000, 12000, 15000];
const ORIGIN = 'http://127.0.0.1';
const started = Date.now();
const remainingMs = () => opts.budgetMs - (Date.now() - started);

// ---- load-generator processes ---------------------------------------------

type Result = ConnectResult | JoinResult | RunResult | null;
type Command = WorkerCommand extends infer C ? (C extends { id: number } ? Omit<C, 'id'> : never) : never;

class Workers {
  private procs: ChildProcess[] = [];
  private pending = new Map<number, { resolve: (r: Result) => void; reject: (e: Error) => void }>();
  private nextId = 1;

  constructor(count: number) {
    for (let i = 0; i < count; i++) {
      const p = fork(join(__dirname, 'worker.js'), [], { stdio: ['ignore', 2, 2, 'ipc'], execArgv: ['--max-old-space-size=4096'] });
      p.on('message', (m: WorkerReply) => {
        const waiter = this.pending.get(m.id);
        if (!waiter) return;
        this.pending.delete(m.id);
        if (m.ok) waiter.resolve(m.result);
        else waiter.reject(new Error(`worker ${i}: ${m.error}`));
      });
      p.on('exit', (code) => {
        for (const [, w] of this.pending) w.reject(new Error(`worker ${i} exited with code ${code}`));
        this.pending.clear();
      });
      this.procs.push(p);
    }
    onCleanup(() => this.stop());
  }

  get count(): number {
    return this.procs.length;
  }

  get pids(): number[] {
    return this.procs.map((p) => p.pid!).filter(Boolean);
  }

  call<T extends Result>(i: number, cmd: Command): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (r: Result) => void, reject });
      this.procs[i].send({ ...cmd, id } as WorkerCommand);
    });
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.procs.map(
        (p) =>
          new Promise<void>((resolve) => {
            if (p.exitCode !== null || p.signalCode !== null) return resolve();
            const t = setTimeout(() => p.kill('SIGKILL'), 3000);
            p.once('exit', () => (clearTimeout(t), resolve()));
            if (p.connected) p.send({ cmd: 'exit' });
            else p.kill('SIGTERM');
          }),
      ),
    );
  }
}

// ---- workload A: idle connections -----------------------------------------

interface IdleResult {
  connections: number;
  failed: number;
  firstError?: string;
  /** Slope of RSS (after a full GC) against connections. */
  rssPerConnKB: number;
  r2: number;
  /** The same slope from RSS as found, without forcing a GC first. */
  rawRssPerConnKB: number;
  rawR2: number;
  /** Slope of the JS heap in use (after GC) against connections: the part of rssPerConnKB that is JS objects. */
  heapPerConnKB: number;
  externalPerConnKB: number;
  points: Array<{ connections: number; rssMB: number; rawRssMB: number; heapMB: number }>;
  connectPerSec: number;
}

interface MemSample {
  raw: number;
  afterGc: number;
  /** KiB of JS heap in use after the GC (from the server's process.memoryUsage()). */
  heapUsed: number;
  /** KiB of memory outside the JS heap that V8 knows of (buffers). */
  external: number;
}

/** RSS as found (median of 3), then after a full GC in the server (median of 3), in KiB. */
async function rssSample(server: ServerProcess): Promise<MemSample> {
  const pid = server.pid;
  const median = async () => {
    const samples: number[] = [];
    for (let i = 0; i < 3; i++) {
      await sleep(300);
      samples.push(rssKB(pid));
    }
    return samples.sort((a, b) => a - b)[1];
  };
  const raw = await median();
  rmSync(server.memFile, { force: true });
  process.kill(pid, 'SIGWINCH');
  await sleep(700);
  const afterGc = await median();
  let mem = { heapUsed: NaN, external: NaN };
  try {
    mem = JSON.parse(readFileSync(server.memFile, 'utf8')) as typeof mem;
  } catch {
    /* not written (yet) */
  }
  return { raw, afterGc, heapUsed: mem.heapUsed / 1024, external: mem.external / 1024 };
}

async function heapSnapshot(server: ServerProcess): Promise<void> {
  if (!process.env.BENCH_HEAP_SNAPSHOT) return;
  server.child.kill('SIGURG');
  await sleep(8000);
}

async function idleConnections(server: ServerProcess, tokens: string[], workers: Workers): Promise<IdleResult> {
  const n = tokens.length;
  const steps = 5;
  await sleep(1500);
  const first = await rssSample(server);
  await heapSnapshot(server);
  const points: Array<{ x: number; y: number; raw: number; heap: number; ext: number }> = [
    { x: 0, y: first.afterGc, raw: first.raw, heap: first.heapUsed, ext: first.external },
  ];
  let done = 0;
  let failed = 0;
  let firstError: string | undefined;
  let connectMs = 0;
  for (let s = 1; s <= steps; s++) {
    const upTo = Math.round((n * s) / steps);
    const batch = tokens.slice(done, upTo);
    const per = Math.ceil(batch.length / workers.count);
    const t0 = Date.now();
    const results = await Promise.all(
      Array.from({ length: workers.count }, (_, w) =>
        workers.call<ConnectResult>(w, { cmd: 'connect', url: server.url, tokens: batch.slice(w * per, (w + 1) * per), concurrency: 25, timeoutMs: 20_000, origin: ORIGIN }),
      ),
    );
    connectMs += Date.now() - t0;
    for (const r of results) {
      failed += r.failed;
      firstError ??= r.firstError;
    }
    done = upTo;
    await sleep(1500);
    const rss = await rssSample(server);
    points.push({ x: done - failed, y: rss.afterGc, raw: rss.raw, heap: rss.heapUsed, ext: rss.external });
    log(`  ${server.name}: ${done - failed} connected (${failed} failed), RSS ${(rss.raw / 1024).toFixed(1)} MB, after GC ${(rss.afterGc / 1024).toFixed(1)} MB (JS heap ${(rss.heapUsed / 1024).toFixed(1)} MB)`);
  }
  // The first point (no connections) also holds one-time costs (lazily loaded code, buffers): fit from the first step on.
  const fit = linearFit(points.slice(1));
  const rawFit = linearFit(points.slice(1).map((p) => ({ x: p.x, y: p.raw })));
  const heapFit = linearFit(points.slice(1).map((p) => ({ x: p.x, y: p.heap })));
  const extFit = linearFit(points.slice(1).map((p) => ({ x: p.x, y: p.ext })));
  await heapSnapshot(server);
  await Promise.all(Array.from({ length: workers.count }, (_, w) => workers.call(w, { cmd: 'disconnect' })));
  await sleep(2000);
  return {
    connections: done - failed,
    failed,
    firstError,
    rssPerConnKB: round(fit.slope, 2),
    r2: round(fit.r2, 4),
    rawRssPerConnKB: round(rawFit.slope, 2),
    rawR2: round(rawFit.r2, 4),
    heapPerConnKB: round(heapFit.slope, 2),
    externalPerConnKB: round(extFit.slope, 2),
    points: points.map((p) => ({ connections: p.x, rssMB: round(p.y / 1024, 1), rawRssMB: round(p.raw / 1024, 1), heapMB: round(p.heap / 1024, 1) })),
    connectPerSec: round((done - failed) / (connectMs / 1000), 0),
  };
}

// ---- workload B: rooms of 10 ----------------------------------------------

interface RoomsSetup {
  /** Per worker: its rooms with socket indexes into that worker's sockets. */
  assignments: RoomAssignment[][];
}

async function connectRooms(server: ServerProcess, tokens: string[], seeded: Seeded, workers: Workers): Promise<RoomsSetup> {
  const assignments: RoomAssignment[][] = Array.from({ length: workers.count }, () => []);
  const workerTokens: string[][] = Array.from({ length: workers.count }, () => []);
  seeded.rooms.slice(0, opts.rooms).forEach((roomId, r) => {
    const w = r % workers.count;
    const sockets: number[] = [];
    for (let m = 0; m < seeded.roomSize; m++) {
      sockets.push(workerTokens[w].length);
      workerTokens[w].push(tokens[r * seeded.roomSize + m]);
    }
    assignments[w].push({ roomId, sockets });
  });
  const connected = await Promise.all(
    workerTokens.map((t, w) => workers.call<ConnectResult>(w, { cmd: 'connect', url: server.url, tokens: t, concurrency: 25, timeoutMs: 20_000, origin: ORIGIN })),
  );
  const failed = connected.reduce((s, r) => s + r.failed, 0);
  if (failed) throw new Error(`${server.name}: ${failed} room sockets failed to connect: ${connected.find((r) => r.firstError)?.firstError}`);
  const joined = await Promise.all(
    assignments.map((rooms, w) =>
      workers.call<JoinResult>(w, { cmd: 'join', joins: rooms.flatMap((r) => r.sockets.map((socket) => ({ socket, roomId: r.roomId }))), concurrency: 25 }),
    ),
  );
  const joinFailed = joined.reduce((s, r) => s + r.failed, 0);
  if (joinFailed) throw new Error(`${server.name}: ${joinFailed} room:join failed: ${joined.find((r) => r.firstError)?.firstError}`);
  log(`  ${server.name}: ${opts.rooms} rooms × ${seeded.roomSize} members connected and joined`);
  return { assignments };
}

interface Merged {
  r: RunResult;
  latency: Histogram;
  ackLatency: Histogram;
  /** Cores used by the server, the database, the load generators and the harness during the measuring window. */
  cores: Record<string, number>;
}

async function runAll(
  server: ServerProcess,
  workers: Workers,
  setup: RoomsSetup,
  mode: 'open' | 'closed',
  tag: string,
  rate: number,
  durationMs: number,
  warmupMs = 0,
  inflightPerRoom = 1,
): Promise<Merged> {
  const startAt = now() + 300;
  const groups = { server: [server.pid], loadGenerators: workers.pids };
  let cpuStart: Record<string, number> = {};
  let cpuEnd: Record<string, number> = {};
  const windowStart = startAt + warmupMs;
  const t1 = setTimeout(() => (cpuStart = cpuSnapshot(groups)), windowStart - now());
  const t2 = setTimeout(() => (cpuEnd = cpuSnapshot(groups)), windowStart + durationMs - now());
  const results = await Promise.all(
    setup.assignments.map((rooms, w) =>
      workers.call<RunResult>(w, {
        cmd: 'run',
        mode,
        tag,
        startAt,
        rate: (rate * rooms.length) / opts.rooms,
        inflightPerRoom,
        warmupMs,
        durationMs,
        drainMs: 5000,
        ackTimeoutMs: 10_000,
        bodyLength: opts.bodyLength,
        rooms,
      }),
    ),
  );
  const latency = new Histogram();
  const ackLatency = new Histogram();
  const r = results.reduce<RunResult>((acc, x) => {
    latency.merge(x.latency);
    ackLatency.merge(x.ackLatency);
    for (const k of Object.keys(x) as Array<keyof RunResult>) {
      const v = x[k];
      if (k === 'maxSendLagMs' || k === 'spanMs') acc[k] = Math.max(acc[k] as number, v as number);
      else if (typeof v === 'number') (acc[k] as number) = ((acc[k] as number | undefined) ?? 0) + v;
      else if (k === 'errorSample' && typeof v === 'string') acc.errorSample ??= v;
    }
    return acc;
  }, { ...results[0], ...Object.fromEntries(Object.keys(results[0]).map((k) => [k, 0])), errorSample: undefined } as RunResult);
  clearTimeout(t1);
  clearTimeout(t2);
  if (cpuEnd.server === undefined && cpuStart.server !== undefined) {
    // The run finished (drained) before the window's end was sampled: sample it now, at the window's end.
    await sleep(Math.max(0, windowStart + durationMs - now()));
    cpuEnd = cpuSnapshot(groups);
  }
  const cores = cpuEnd.server !== undefined && cpuStart.server !== undefined ? coresUsed(cpuStart, cpuEnd, durationMs) : {};
  return { r, latency, ackLatency, cores };
}

interface StepReport {
  rate: number;
  ok: boolean;
  sent: number;
  deliveriesPerSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  ackP99Ms: number;
  lost: number;
  duplicated: number;
  errors: number;
  cores: Record<string, number>;
  why?: string;
}

interface Saturated {
  inflightPerRoom: number;
  deliveriesPerSec: number;
  msgsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  lost: number;
  duplicated: number;
  errors: number;
  cores: Record<string, number>;
  /** Server CPU time per persisted-and-broadcast message. */
  serverCpuMsPerMsg: number;
}

interface RoomsResult {
  steps: StepReport[];
  sustained?: StepReport;
  /** The best of saturatedByDepth. */
  saturated: Saturated;
  saturatedByDepth: Saturated[];
  lost: number;
  duplicated: number;
  unexpected: number;
}

function describeStep(rate: number, m: Merged, durationMs: number): StepReport {
  const { r } = m;
  const errors = r.sendErrors + r.ackTimeouts + r.unresolved + r.disconnects + (r.scheduled - r.sent);
  const p99 = m.latency.percentile(0.99);
  const why: string[] = [];
  if (!(p99 <= opts.p99LimitMs)) why.push(`p99 ${round(p99, 1)} ms > ${opts.p99LimitMs} ms`);
  if (r.lost) why.push(`${r.lost} lost`);
  if (r.duplicated) why.push(`${r.duplicated} duplicated`);
  if (r.sendErrors) why.push(`${r.sendErrors} send errors (${r.errorSample})`);
  if (r.ackTimeouts) why.push(`${r.ackTimeouts} ack timeouts`);
  if (r.unresolved) why.push(`${r.unresolved} sends unanswered`);
  if (r.disconnects) why.push(`${r.disconnects} disconnects`);
  return {
    rate,
    ok: why.length === 0,
    sent: r.sent,
    deliveriesPerSec: round(r.delivered / (durationMs / 1000), 0),
    p50Ms: round(m.latency.percentile(0.5), 2),
    p99Ms: round(p99, 2),
    maxMs: round(m.latency.max, 1),
    ackP99Ms: round(m.ackLatency.percentile(0.99), 2),
    lost: r.lost,
    duplicated: r.duplicated,
    errors,
    cores: m.cores,
    ...(why.length ? { why: why.join('; ') } : {}),
  };
}

async function profileMark(server: ServerProcess): Promise<void> {
  if (!process.env.BENCH_CPU_PROFILE) return;
  server.child.kill('SIGURG');
  await sleep(1500);
}

async function rooms(server: ServerProcess, tokens: string[], seeded: Seeded, workers: Workers, ladder: number[]): Promise<RoomsResult> {
  const setup = await connectRooms(server, tokens, seeded, workers);
  let lost = 0;
  let duplicated = 0;
  let unexpected = 0;
  const tally = (m: Merged) => {
    lost += m.r.lost;
    duplicated += m.r.duplicated;
    unexpected += m.r.unexpected;
  };
  // Warm-up (JIT, pools, prepared plans); checked but not reported as a step.
  tally(await runAll(server, workers, setup, 'open', `${server.name}-warm`, 100, 3000));
  const steps: StepReport[] = [];
  let sustained: StepReport | undefined;
  for (const rate of ladder.filter((x) => x <= opts.maxRate)) {
    if (remainingMs() < opts.stepMs + opts.saturateMs + 60_000) {
      log(`  ${server.name}: time budget reached, stopping the step search at ${rate} msg/s`);
      break;
    }
    const m = await runAll(server, workers, setup, 'open', `${server.name}-${rate}`, rate, opts.stepMs);
    tally(m);
    const step = describeStep(rate, m, opts.stepMs);
    steps.push(step);
    log(
      `  ${server.name} ${rate} msg/s: ${step.ok ? 'ok ' : 'FAIL'} deliveries ${step.deliveriesPerSec}/s p50 ${step.p50Ms} ms p99 ${step.p99Ms} ms max ${step.maxMs} ms ack p99 ${step.ackP99Ms} ms; cores ${JSON.stringify(step.cores)}${step.why ? ` (${step.why})` : ''}`,
    );
    if (!step.ok) break;
    sustained = step;
    await sleep(500);
  }
  // Let a backlog left by a failed step clear before the saturated run.
  await sleep(3000);
  await profileMark(server);
  const depths: Saturated[] = [];
  for (const depth of opts.inflight) {
    const sat = await runAll(server, workers, setup, 'closed', `${server.name}-sat${depth}`, 0, opts.saturateMs, 2000, depth);
    tally(sat);
    const satMsgsPerSec = sat.r.ackedInWindow / (opts.saturateMs / 1000);
    const d: Saturated = {
      inflightPerRoom: depth,
      deliveriesPerSec: round(sat.r.deliveredInWindow / (opts.saturateMs / 1000), 0),
      msgsPerSec: round(satMsgsPerSec, 0),
      p50Ms: round(sat.latency.percentile(0.5), 2),
      p99Ms: round(sat.latency.percentile(0.99), 2),
      lost: sat.r.lost,
      duplicated: sat.r.duplicated,
      errors: sat.r.sendErrors + sat.r.ackTimeouts + sat.r.unresolved + sat.r.disconnects,
      cores: sat.cores,
      serverCpuMsPerMsg: round(((sat.cores.server ?? NaN) * 1000) / satMsgsPerSec, 3),
    };
    depths.push(d);
    log(
      `  ${server.name} saturated (closed loop, ${depth} in flight per room): ${d.msgsPerSec} msg/s, ${d.deliveriesPerSec} deliveries/s, p50 ${d.p50Ms} ms p99 ${d.p99Ms} ms; cores ${JSON.stringify(d.cores)}, server ${d.serverCpuMsPerMsg} ms CPU/msg`,
    );
    await sleep(1000);
  }
  await profileMark(server);
  const saturated = depths.reduce((best, d) => (d.deliveriesPerSec > best.deliveriesPerSec ? d : best), depths[0]);
  await Promise.all(Array.from({ length: workers.count }, (_, w) => workers.call(w, { cmd: 'disconnect' })));
  await sleep(1000);
  return { steps, sustained, saturated, saturatedByDepth: depths, lost, duplicated, unexpected };
}

// ---- main ------------------------------------------------------------------

async function main(): Promise<Record<string, unknown>> {
  const machine = machineInfo();
  log(`machine: ${machine.nproc} × ${machine.cpuModel}, ${machine.memTotalGiB} GiB, node ${machine.node}`);
  log(`options: ${JSON.stringify(opts)}`);
  const workers = new Workers(opts.workers);
  const userCount = Math.max(opts.connections, opts.rooms * opts.roomSize);
  const runHearth = opts.only !== 'baseline';
  const runBaseline = opts.only !== 'hearth';
  const doIdle = opts.workloads.includes('idle');
  const doRooms = opts.workloads.includes('rooms');

  let baselineIdle: IdleResult | undefined;
  let baselineRooms: RoomsResult | undefined;
  if (runBaseline) {
    log('baseline: bare socket.io broadcast server');
    const baseline = await spawnServer({ name: 'baseline', script: join(__dirname, 'baseline-server.js'), healthPath: '/health', env: {} });
    const anonTokens = Array.from({ length: userCount }, (_, i) => `anonymous-${i}`);
    const fakeSeed: Seeded = { users: [], rooms: Array.from({ length: opts.rooms }, (_, r) => `00000000-0000-4000-8000-${String(r).padStart(12, '0')}`), roomSize: opts.roomSize };
    if (doIdle) {
      log(`A. idle connections: ${opts.connections}`);
      baselineIdle = await idleConnections(baseline, anonTokens.slice(0, opts.connections), workers);
      log(`  baseline: ${baselineIdle.rssPerConnKB} KB RSS per connection (JS heap ${baselineIdle.heapPerConnKB} KB)`);
    }
    if (doRooms) {
      log(`B. rooms of ${opts.roomSize}`);
      baselineRooms = await rooms(baseline, anonTokens, fakeSeed, workers, BASELINE_LADDER);
    }
    await baseline.stop();
  }

  let hearthIdle: IdleResult | undefined;
  let hearthRooms: RoomsResult | undefined;
  if (runHearth) {
    log('hearth: starting PostgreSQL and the API');
    const db = await startDatabase('hearth_bench_chat');
    const secret = newJwtSecret();
    const hearth = await spawnHearth(db.url, secret, {
      CORS_ORIGINS: ORIGIN,
      CHAT_SEND_BURST: '1000',
      CHAT_SEND_PER_SECOND: '10000',
      SOCKET_MAX_CONNECTIONS_PER_USER: '10',
    });
    log(`seeding ${userCount} users with sessions, ${opts.rooms} rooms of ${opts.roomSize}`);
    const seeded = await seed(db.url, secret, userCount, opts.rooms, opts.roomSize);
    if (opts.moderationPhrases > 0) {
      const crisis = Math.max(1, Math.round(opts.moderationPhrases / 10));
      log(`moderation: rooms in one community with ${opts.moderationPhrases} automod phrases and ${crisis} crisis phrases`);
      await seedModeration(db.url, seeded.rooms.slice(0, opts.rooms), opts.moderationPhrases, crisis);
    }
    const tokens = seeded.users.map((u) => u.token);
    if (doIdle) {
      log(`A. idle connections: ${opts.connections}`);
      hearthIdle = await idleConnections(hearth, tokens.slice(0, opts.connections), workers);
      log(`  hearth: ${hearthIdle.rssPerConnKB} KB RSS per connection (JS heap ${hearthIdle.heapPerConnKB} KB)`);
    }
    if (doRooms) {
      log(`B. rooms of ${opts.roomSize}`);
      hearthRooms = await rooms(hearth, tokens, seeded, workers, LADDER);
    }
    await hearth.stop();
  }
  await workers.stop();

  const s = hearthRooms?.sustained;
  const hearthSat = hearthRooms?.saturated.deliveriesPerSec;
  const baseSat = baselineRooms?.saturated.deliveriesPerSec;
  const result = {
    machine,
    options: { ...opts, budgetMs: undefined },
    hearth: runHearth ? { idle: hearthIdle, rooms: hearthRooms } : undefined,
    baseline: runBaseline ? { idle: baselineIdle, rooms: baselineRooms } : undefined,
    targets: {
      memoryRatio: hearthIdle && baselineIdle ? round(hearthIdle.rssPerConnKB / baselineIdle.rssPerConnKB, 2) : null,
      memoryWithin1_5x: hearthIdle && baselineIdle ? hearthIdle.rssPerConnKB <= 1.5 * baselineIdle.rssPerConnKB : null,
      sustained1500: s ? s.rate >= 1500 : false,
      saturatedAtLeastHalf: hearthSat && baseSat ? hearthSat / baseSat >= 0.5 : null,
    },
    elapsedS: Math.round((Date.now() - started) / 1000),
    heapPerConnKB: hearthIdle?.heapPerConnKB ?? null,
    baselineHeapPerConnKB: baselineIdle?.heapPerConnKB ?? null,
    hearthSaturatedMsgsPerSec: hearthRooms?.saturated.msgsPerSec ?? null,
    hearthServerCpuMsPerMsg: hearthRooms?.saturated.serverCpuMsPerMsg ?? null,
    baselineServerCpuMsPerMsg: baselineRooms?.saturated.serverCpuMsPerMsg ?? null,
    baselineSustainedMsgsPerSec: baselineRooms?.sustained?.rate ?? null,
    connections: hearthIdle?.connections ?? baselineIdle?.connections ?? 0,
    rssPerConnKB: hearthIdle?.rssPerConnKB ?? null,
    baselineRssPerConnKB: baselineIdle?.rssPerConnKB ?? null,
    sustainedMsgsPerSec: s?.rate ?? 0,
    deliveriesPerSec: s?.deliveriesPerSec ?? 0,
    p50Ms: s?.p50Ms ?? null,
    p99Ms: s?.p99Ms ?? null,
    lost: hearthRooms?.lost ?? baselineRooms?.lost ?? 0,
    duplicated: hearthRooms?.duplicated ?? baselineRooms?.duplicated ?? 0,
    hearthSaturatedDeliveriesPerSec: hearthSat ?? null,
    baselineDeliveriesPerSec: baseSat ?? null,
    throughputRatio: hearthSat && baseSat ? round(hearthSat / baseSat, 3) : null,
  };
  await cleanupAll();
  return result;
}

runMain(main, 14 * 60_000);
