/*
 * npm run bench:history — a history page in a big room: one room of
 * 1,000,000 messages (generate_series, in SQL), then p50/p99 of
 * GET /api/rooms/:roomId/messages?after=SEQ&limit=50 at random positions over
 * HTTP against Hearth, next to the same page read in raw SQL with pg.
 *
 * Options (flag or env): --messages/BENCH_HISTORY_MESSAGES (1000000),
 * --requests/BENCH_HISTORY_REQUESTS (2000), --page/BENCH_HISTORY_PAGE (50).
 * Progress goes to stderr; the last line of stdout is one JSON object.
 */
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { cleanupAll, cpuMs, log, machineInfo, newJwtSecret, option, runMain, signAccessToken, sleep, spawnHearth, startDatabase } from '../lib/env';
import { percentile, round } from '../lib/stats';

const opts = {
  messages: option('messages', 'BENCH_HISTORY_MESSAGES', 1_000_000),
  requests: option('requests', 'BENCH_HISTORY_REQUESTS', 2000),
  pageSize: option('page', 'BENCH_HISTORY_PAGE', 50),
  warmup: 200,
};

/** A deterministic pseudo-random sequence, so HTTP and SQL read the same positions. */
function positions(count: number, max: number, seed: number): number[] {
  let x = seed >>> 0 || 1;
  return Array.from({ length: count }, () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) % max;
  });
}

const summary = (ms: number[]) => ({ p50: round(percentile(ms, 0.5), 3), p99: round(percentile(ms, 0.99), 3), max: round(Math.max(...ms), 2) });

async function main(): Promise<Record<string, unknown>> {
  const started = Date.now();
  const machine = machineInfo();
  log(`machine: ${machine.nproc} × ${machine.cpuModel}, ${machine.memTotalGiB} GiB, node ${machine.node}`);
  const db = await startDatabase('hearth_bench_history');
  const secret = newJwtSecret();
  const hearth = await spawnHearth(db.url, secret, { API_THROTTLE_LIMIT: '1000000' });

  const pg = new Client({ connectionString: db.url });
  await pg.connect();
  const t0 = performance.now();
  const { rows: users } = await pg.query<{ id: string; username: string }>(
    `INSERT INTO users (username, display_name, password_hash) VALUES ('history_reader', 'History reader', 'not-a-real-hash') RETURNING id, username`,
  );
  const user = users[0];
  const { rows: sessions } = await pg.query<{ id: string }>(
    `INSERT INTO auth_sessions (user_id, token_hash, expires_at) VALUES ($1, repeat('0', 64), now() + interval '1 day') RETURNING id`,
    [user.id],
  );
  const { rows: rooms } = await pg.query<{ id: string }>(`INSERT INTO rooms (kind, group_id) VALUES ('group', NULL) RETURNING id`);
  const roomId = rooms[0].id;
  await pg.query(`INSERT INTO room_members (room_id, user_id) VALUES ($1, $2)`, [roomId, user.id]);
  log(`seeding ${opts.messages} messages`);
  // In chunks of 250k: one statement per chunk keeps memory and WAL bursts modest.
  for (let from = 1; from <= opts.messages; from += 250_000) {
    const to = Math.min(opts.messages, from + 250_000 - 1);
    await pg.query(
      `INSERT INTO messages (room_id, seq, author_id, client_msg_id, body, created_at)
       SELECT $1, g, $2, 'seed-' || g, 'History message number ' || g || ': a line of ordinary chat text, about this long.',
              now() - make_interval(secs => ($4::int - g))
         FROM generate_series($3::int, $4::int) g`,
      [roomId, user.id, from, to],
    );
  }
  await pg.query(`UPDATE rooms SET last_seq = $2, last_message_at = now() WHERE id = $1`, [roomId, opts.messages]);
  await pg.query(`VACUUM ANALYZE messages`);
  const seedSeconds = round((performance.now() - t0) / 1000, 1);
  log(`seeded in ${seedSeconds} s`);

  const token = signAccessToken(secret, { sub: user.id, sid: sessions[0].id, name: user.username });
  const maxAfter = Math.max(1, opts.messages - opts.pageSize);
  const pos = positions(opts.warmup + opts.requests, maxAfter, 0x5eed);

  // ---- HTTP ----
  const http = async (after: number) => {
    const t = performance.now();
    const res = await fetch(`${hearth.url}/api/rooms/${roomId}/messages?after=${after}&limit=${opts.pageSize}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await res.json()) as { messages?: Array<{ seq: number }>; hasMore?: boolean };
    const ms = performance.now() - t;
    if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
    const msgs = body.messages ?? [];
    if (msgs.length !== Math.min(opts.pageSize, opts.messages - after) || msgs[0]?.seq !== after + 1) {
      throw new Error(`wrong page for after=${after}: ${msgs.length} messages from seq ${msgs[0]?.seq}`);
    }
    return ms;
  };
  log(`HTTP: ${opts.warmup} warm-up + ${opts.requests} requests, one at a time`);
  for (const p of pos.slice(0, opts.warmup)) await http(p);
  const profiling = !!process.env.BENCH_CPU_PROFILE;
  // With BENCH_CPU_PROFILE set, the server's profile part 1 covers exactly the measured requests.
  if (profiling) {
    hearth.child.kill('SIGURG');
    await sleep(1500);
  }
  const httpMs: number[] = [];
  const httpStart = performance.now();
  const cpuBefore = cpuMs(hearth.pid);
  for (const p of pos.slice(opts.warmup)) httpMs.push(await http(p));
  const httpWall = performance.now() - httpStart;
  const serverCpuMsPerRequest = (cpuMs(hearth.pid) - cpuBefore) / opts.requests;
  const httpRps = opts.requests / (httpWall / 1000);
  if (profiling) {
    hearth.child.kill('SIGURG');
    await sleep(1500);
  }

  // ---- raw SQL ----
  const sqlPlain = `SELECT id, room_id, seq, client_msg_id, author_id, body, reply_to_id, created_at, edited_at, deleted_at, hidden_at
                      FROM messages WHERE room_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`;
  const sqlJoin = `SELECT m.id, m.room_id, m.seq, m.client_msg_id, m.author_id, u.username, u.display_name, m.body, m.reply_to_id,
                          m.created_at, m.edited_at, m.deleted_at, m.hidden_at
                     FROM messages m LEFT JOIN users u ON u.id = m.author_id
                    WHERE m.room_id = $1 AND m.seq > $2 ORDER BY m.seq LIMIT $3`;
  const sql = async (text: string, after: number) => {
    const t = performance.now();
    const { rows } = await pg.query({ text, values: [roomId, after, opts.pageSize + 1] });
    const ms = performance.now() - t;
    if (Number(rows[0]?.seq) !== after + 1) throw new Error(`SQL: wrong page for after=${after}`);
    return ms;
  };
  log('raw SQL: the same positions');
  for (const p of pos.slice(0, opts.warmup)) await sql(sqlPlain, p);
  const sqlMs: number[] = [];
  for (const p of pos.slice(opts.warmup)) sqlMs.push(await sql(sqlPlain, p));
  const sqlJoinMs: number[] = [];
  for (const p of pos.slice(opts.warmup)) sqlJoinMs.push(await sql(sqlJoin, p));
  const { rows: plan } = await pg.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sqlPlain.replace('$1', `'${roomId}'`).replace('$2', String(pos[0])).replace('$3', String(opts.pageSize + 1))}`);
  await pg.end();

  const h = summary(httpMs);
  const s = summary(sqlMs);
  const j = summary(sqlJoinMs);
  log(`HTTP p50 ${h.p50} ms p99 ${h.p99} ms; SQL p50 ${s.p50} ms p99 ${s.p99} ms; SQL with author join p50 ${j.p50} ms p99 ${j.p99} ms`);
  await cleanupAll();
  return {
    machine,
    seedSeconds,
    requests: opts.requests,
    httpRequestsPerSec: round(httpRps, 0),
    serverCpuMsPerRequest: round(serverCpuMsPerRequest, 2),
    httpMaxMs: h.max,
    sqlMaxMs: s.max,
    sqlJoinP50Ms: j.p50,
    sqlJoinP99Ms: j.p99,
    plan: plan.map((r) => r['QUERY PLAN'].trim()).filter((l) => /Index|Limit|Execution/.test(l)),
    p99Target: '≤ 10 ms',
    p99TargetMet: h.p99 <= 10,
    elapsedS: Math.round((Date.now() - started) / 1000),
    messages: opts.messages,
    pageSize: opts.pageSize,
    httpP50Ms: h.p50,
    httpP99Ms: h.p99,
    sqlP50Ms: s.p50,
    sqlP99Ms: s.p99,
  };
}

runMain(main, 10 * 60_000);
