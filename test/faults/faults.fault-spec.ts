import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { freePort } from '../../libs/database/src/embedded-postgres';
import { newTally, Sender, Tally, verify, Verdict } from './support/clients';
import { FaultDatabase } from './support/database';
import { ServerProcess } from './support/server';

/*
 * The fault suite (`npm run test:faults`): Hearth's promise that no
 * acknowledged message is ever lost, tried as an operator would break it.
 * Each scenario starts the real server as a child process on a fresh database
 * of a PostgreSQL the suite owns, has real socket.io clients send bursts with
 * unique clientMsgIds (retrying, with the same id, whatever was refused or went
 * unanswered), injects one fault in the middle of the burst, and ends by
 * checking from SQL and from a fresh client that every acknowledged message is
 * present exactly once and every room's seq is 1..N. Each prints one JSON line
 * of figures and fails on any loss, duplicate, gap or unexpected refusal.
 */

const SENDERS_PER_ROOM = 2;
const ROOMS = 4;
const PER_SENDER = Number(process.env.FAULTS_PER_SENDER ?? 120);
const WINDOW = 4;
const JWT_SECRET = randomBytes(48).toString('base64url');
const PASSWORD = 'fault suite passphrase 7';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

let db: FaultDatabase;
const servers: ServerProcess[] = [];
const summary: Array<Record<string, unknown>> = [];

beforeAll(async () => {
  db = await FaultDatabase.start();
}, 120_000);

afterAll(async () => {
  for (const s of servers.splice(0)) await s.close().catch(() => undefined);
  await db?.close();
  process.stdout.write(`\nfault suite: ${JSON.stringify({ scenarios: summary })}\n`);
}, 60_000);

interface World {
  name: string;
  databaseUrl: string;
  instances: ServerProcess[];
  senders: Sender[];
  tally: Tally;
  roomIds: string[];
  verifierToken: string;
  /** Which instances a client may (re)connect to, preferred first; changes when one is killed for good. */
  live: Set<ServerProcess>;
}

async function newServer(name: string, databaseUrl: string, port: number, env: Record<string, string> = {}): Promise<ServerProcess> {
  const s = new ServerProcess(name, port, { DATABASE_URL: databaseUrl, JWT_SECRET, SHUTDOWN_DRAIN_MS: '10000', ...env });
  servers.push(s);
  await s.start();
  return s;
}

async function register(url: string, username: string): Promise<{ id: string; accessToken: string }> {
  const res = await fetch(`${url}/api/auth/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  if (res.status !== 201) throw new Error(`register ${username}: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { user: { id: string }; accessToken: string };
  return { id: body.user.id, accessToken: body.accessToken };
}

/** Servers, people, rooms (2 senders and a reader in each, made in SQL) and the senders, not yet sending. */
async function setUp(name: string, instanceCount: 1 | 2, env: Record<string, string> = {}): Promise<World> {
  const databaseUrl = await db.createDatabase(`faults_${name.replace(/-/g, '_')}_${Date.now().toString(36)}`);
  const instances: ServerProcess[] = [];
  for (let i = 0; i < instanceCount; i++) instances.push(await newServer(`${name}-${i}`, databaseUrl, await freePort(), env));
  const tag = randomBytes(3).toString('hex');
  const verifier = await register(instances[0].url, `verifier_${tag}`);
  const people = await Promise.all(Array.from({ length: ROOMS * SENDERS_PER_ROOM }, (_, i) => register(instances[i % instanceCount].url, `sender${i}_${tag}`)));
  const c = new Client({ connectionString: databaseUrl });
  await c.connect();
  const roomIds: string[] = [];
  try {
    for (let r = 0; r < ROOMS; r++) {
      const [{ id }] = (await c.query<{ id: string }>(`INSERT INTO rooms (kind) VALUES ('group') RETURNING id`)).rows;
      roomIds.push(id);
      const members = [verifier, ...people.slice(r * SENDERS_PER_ROOM, (r + 1) * SENDERS_PER_ROOM)];
      for (const m of members) await c.query(`INSERT INTO room_members (room_id, user_id) VALUES ($1, $2)`, [id, m.id]);
    }
  } finally {
    await c.end();
  }
  const tally = newTally();
  const live = new Set(instances);
  const senders = people.map((p, i) => {
    const home = instances[i % instanceCount];
    // The client's own instance first, then any other that is still meant to be up.
    const urls = () => [home, ...instances.filter((s) => s !== home)].filter((s) => live.has(s)).map((s) => s.url);
    return new Sender(`${name}-s${i}`, p.accessToken, urls, roomIds[Math.floor(i / SENDERS_PER_ROOM)], PER_SENDER, WINDOW, tally);
  });
  return { name, databaseUrl, instances, senders, tally, roomIds, verifierToken: verifier.accessToken, live };
}

const acknowledged = (w: World) => w.senders.reduce((n, s) => n + s.records.filter((r) => r.id !== undefined).length, 0);

async function until(cond: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

interface FaultResult {
  /** When the fault began and when the system was back (database answering, or an instance serving again). */
  faultAt: number;
  recoveredAt: number;
  extra?: Record<string, unknown>;
}

/**
 * Runs the burst, injects `fault` once a quarter of it is acknowledged, waits
 * for every send to be acknowledged (after retries), then verifies.
 */
async function runScenario(w: World, fault: (w: World) => Promise<FaultResult>): Promise<{ verdict: Verdict; report: Record<string, unknown>; fault: FaultResult }> {
  const started = Date.now();
  const total = w.senders.length * PER_SENDER;
  const running = Promise.all(w.senders.map((s) => s.run()));
  await until(() => acknowledged(w) >= total / 4, 60_000, 'a quarter of the burst');
  const ackedBeforeFault = acknowledged(w);
  const f = await fault(w);
  let timer: NodeJS.Timeout | undefined;
  const done = await Promise.race([running.then(() => true), new Promise<boolean>((r) => (timer = setTimeout(() => r(false), 120_000)))]);
  clearTimeout(timer);
  for (const s of w.senders) s.stop();
  const records = w.senders.flatMap((s) => s.records);
  const survivor = w.instances.find((s) => s.running)!;
  const verdict = await verify(w.databaseUrl, survivor.url, w.verifierToken, w.roomIds, records);
  const firstAck = w.tally.ackTimes.filter((t) => t >= f.recoveredAt).sort((a, b) => a - b)[0];
  const report = {
    scenario: w.name,
    sent: verdict.sent,
    acknowledged: verdict.acknowledged,
    retried: w.tally.retried,
    retriesAnsweredWithOriginal: w.tally.retriesAnsweredWithOriginal,
    lost: verdict.lost,
    duplicated: verdict.duplicated,
    gaps: verdict.gaps,
    syncMismatches: verdict.syncMismatches,
    unacknowledged: verdict.unacknowledged,
    failed: verdict.failed,
    stored: verdict.stored,
    ackedBeforeFault,
    faultMs: f.recoveredAt - f.faultAt,
    timeToFirstAckAfterRecoveryMs: firstAck === undefined ? null : firstAck - f.recoveredAt,
    refusals: w.tally.refusals,
    refusalsWithoutRetryHint: w.tally.refusalsWithoutRetryHint,
    timeouts: w.tally.timeouts,
    unansweredAtDisconnect: w.tally.unansweredAtDisconnect,
    reconnects: w.tally.reconnects,
    allAcknowledgedInTime: done,
    elapsedMs: Date.now() - started,
    ...f.extra,
  };
  summary.push(report);
  process.stdout.write(`${JSON.stringify(report)}\n`);
  return { verdict, report, fault: f };
}

function expectNothingLost(verdict: Verdict, w: World): void {
  expect(verdict).toMatchObject({ lost: 0, duplicated: 0, gaps: 0, syncMismatches: 0, failed: 0, unacknowledged: 0 });
  expect(verdict.acknowledged).toBe(w.senders.length * PER_SENDER);
  expect(w.tally.refusalsWithoutRetryHint).toBe(0);
  // Refusals during a fault are only ever "retry in a moment", never INTERNAL.
  expect(Object.keys(w.tally.refusals).filter((c) => c !== 'SERVICE_UNAVAILABLE')).toEqual([]);
}

async function tearDown(w: World): Promise<void> {
  for (const s of w.instances) {
    await s.close();
    servers.splice(servers.indexOf(s), 1);
  }
}

/** Takes the database away for a while (however `down` does it), answering health 503 and sends SERVICE_UNAVAILABLE meanwhile. */
async function databaseOutage(w: World, down: () => Promise<void>, up: () => Promise<void>): Promise<FaultResult> {
  const server = w.instances[0];
  const faultAt = Date.now();
  const refusedBefore = w.tally.refusals.SERVICE_UNAVAILABLE ?? 0;
  await down();
  // Hold the outage until clients have really been refused a while (at least 3 s).
  await until(() => (w.tally.refusals.SERVICE_UNAVAILABLE ?? 0) - refusedBefore >= 20, 30_000, 'refusals during the outage');
  await sleep(Math.max(0, 3000 - (Date.now() - faultAt)));
  const health = await fetch(`${server.url}/api/health`, { signal: AbortSignal.timeout(15_000) });
  const healthBody = (await health.json()) as { code?: string };
  await up();
  const recoveredAt = Date.now();
  return { faultAt, recoveredAt, extra: { healthDuringOutage: health.status, healthCodeDuringOutage: healthBody.code, refusedDuringOutage: (w.tally.refusals.SERVICE_UNAVAILABLE ?? 0) - refusedBefore } };
}

/** The outage is logged once when it starts and once when it ends, at warn, not once per refused request. */
async function expectOutageLoggedOnce(w: World, f: FaultResult): Promise<Record<string, unknown>> {
  const server = w.instances[0];
  // The "outage over" line comes once nothing has been refused for 5 s.
  await until(() => server.logs.some((l) => l.at >= f.faultAt && /outage over/i.test(l.msg)), 20_000, 'the end-of-outage log line').catch(() => undefined);
  const lines = server.warnings(f.faultAt);
  const started = lines.filter((l) => /database unavailable/i.test(l.msg));
  const ended = lines.filter((l) => /outage over/i.test(l.msg));
  const errors = lines.filter((l) => l.level >= 50);
  const figures = { warnLinesDuringOutage: lines.length, outageStartLines: started.length, outageEndLines: ended.length, errorLines: errors.length, errorSamples: errors.slice(0, 3).map((l) => l.msg) };
  expect(started).toHaveLength(1);
  expect(ended).toHaveLength(1);
  expect(started.every((l) => l.level === 40) && ended.every((l) => l.level === 40)).toBe(true);
  expect(errors).toEqual([]);
  // Far fewer lines than refusals: not one per request.
  expect(lines.length).toBeLessThanOrEqual(6);
  return figures;
}

describe('fault suite: no acknowledged message is lost, none is duplicated', () => {
  it('database stopped mid-burst: sends are refused with SERVICE_UNAVAILABLE and a retry hint, logged once, and all land after it restarts', async () => {
    const w = await setUp('db-stop', 1);
    try {
      const { verdict, report, fault } = await runScenario(w, (world) => databaseOutage(world, () => db.stop(), () => db.restart()));
      const logs = await expectOutageLoggedOnce(w, fault);
      process.stdout.write(`${JSON.stringify({ scenario: w.name, ...logs })}\n`);
      Object.assign(report, logs);
      expect(report.healthDuringOutage).toBe(503);
      expect(report.refusedDuringOutage).toBeGreaterThan(0);
      expectNothingLost(verdict, w);
    } finally {
      await tearDown(w);
    }
  }, 240_000);

  it('database crashed (postmaster SIGKILLed) mid-burst: crash recovery keeps every acknowledged message', async () => {
    const w = await setUp('db-crash', 1);
    try {
      const { verdict, fault } = await runScenario(w, (world) => databaseOutage(world, () => db.crash(), () => db.restart()));
      await expectOutageLoggedOnce(w, fault);
      expectNothingLost(verdict, w);
    } finally {
      await tearDown(w);
    }
  }, 240_000);

  it('database frozen (SIGSTOP) for 5 s mid-burst: sends wait, unanswered ones are retried, nothing is written twice', async () => {
    const w = await setUp('db-freeze', 1);
    try {
      const { verdict } = await runScenario(w, async () => {
        const faultAt = Date.now();
        db.freeze();
        await sleep(5000);
        db.thaw();
        return { faultAt, recoveredAt: Date.now() };
      });
      expectNothingLost(verdict, w);
    } finally {
      await tearDown(w);
    }
  }, 240_000);

  it('server SIGKILLed mid-burst: after a restart every unanswered send is retried and lands exactly once', async () => {
    const w = await setUp('server-kill', 1);
    try {
      const { verdict } = await runScenario(w, async (world) => {
        const old = world.instances[0];
        const faultAt = Date.now();
        await old.kill('SIGKILL');
        const fresh = await newServer(`${world.name}-restarted`, world.databaseUrl, old.port);
        world.instances.push(fresh);
        world.live.add(fresh);
        return { faultAt, recoveredAt: Date.now() };
      });
      expectNothingLost(verdict, w);
    } finally {
      await tearDown(w);
    }
  }, 240_000);

  it('server SIGTERMed mid-burst: it drains (acks or refuses with SERVICE_UNAVAILABLE), tells clients to reconnect, and nothing is lost', async () => {
    const w = await setUp('server-term', 1);
    try {
      const { verdict, report } = await runScenario(w, async (world) => {
        const old = world.instances[0];
        const faultAt = Date.now();
        await old.kill('SIGTERM');
        const drainedMs = Date.now() - faultAt;
        const fresh = await newServer(`${world.name}-restarted`, world.databaseUrl, old.port);
        world.instances.push(fresh);
        world.live.add(fresh);
        return { faultAt, recoveredAt: Date.now(), extra: { drainedMs, restartingNotices: world.tally.restartingNotices } };
      });
      expect(report.restartingNotices).toBeGreaterThan(0);
      // Drained: no send was committed without its ack reaching the client (no retry found its message already there).
      expect(report.retriesAnsweredWithOriginal).toBe(0);
      expectNothingLost(verdict, w);
    } finally {
      await tearDown(w);
    }
  }, 240_000);

  it('one of two instances (PostgreSQL adapter) SIGKILLed mid-burst: its clients move to the other and nothing is lost', async () => {
    const w = await setUp('instance-kill', 2, { SOCKET_ADAPTER: 'postgres' });
    try {
      const { verdict } = await runScenario(w, async (world) => {
        const victim = world.instances[0];
        const faultAt = Date.now();
        world.live.delete(victim);
        await victim.kill('SIGKILL');
        // The other instance was serving all along: recovery is as soon as the first client is back on it.
        return { faultAt, recoveredAt: faultAt };
      });
      expectNothingLost(verdict, w);
    } finally {
      await tearDown(w);
    }
  }, 240_000);
});
