/*
 * npm run bench:matching — how fast suggestions are ranked, and that accepting is a fair race.
 *
 * 1. Seeds --peers (10,000) verified peer profiles in SQL (languages, lived-experience
 *    themes, weekly availability in many time zones, load, a year of training) plus
 *    --history (20,000) accepted requests of the last 30 days for the wait estimates.
 * 2. Times MatchingService.suggest() in process (the SQL that narrows candidates with
 *    the partial GIN indexes, then exact scoring, reasons and wait estimates) for
 *    --requests (1,000) requests with random themes and languages: p50 / p99.
 *    The same ranking over HTTP (GET /api/support-requests/:id re-ranks) is reported too.
 * 3. The accept race: --racers (50) peers accept one request at the same moment over
 *    HTTP; exactly one must win and every other gets 409 ALREADY_ACCEPTED. Repeated
 *    --races (5) times.
 *
 * Progress goes to stderr; the last line of stdout is one JSON object.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { toMinuteRanges } from '../../libs/peers/src/matching/availability';
import { MatchingService } from '../../libs/peers/src/matching/matching.service';
import { cleanupAll, log, machineInfo, newJwtSecret, option, runMain, signAccessToken, spawnHearth, startDatabase } from '../lib/env';
import { percentile, round } from '../lib/stats';

const opts = {
  peers: option('peers', 'BENCH_MATCHING_PEERS', 10_000),
  history: option('history', 'BENCH_MATCHING_HISTORY', 20_000),
  requests: option('requests', 'BENCH_MATCHING_REQUESTS', 1000),
  httpRequests: option('http-requests', 'BENCH_MATCHING_HTTP_REQUESTS', 300),
  racers: option('racers', 'BENCH_MATCHING_RACERS', 50),
  races: option('races', 'BENCH_MATCHING_RACES', 5),
  themes: 60,
  warmup: 100,
};

/** A deterministic pseudo-random sequence, so runs are comparable. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

const LANGUAGES = ['en', 'en', 'en', 'en', 'es', 'es', 'de', 'fr', 'pt', 'it', 'nl', 'pl', 'ar', 'tr', 'uk', 'sv'];
const summary = (ms: number[]) => ({ p50: round(percentile(ms, 0.5), 3), p99: round(percentile(ms, 0.99), 3), max: round(Math.max(...ms), 2) });

async function main(): Promise<Record<string, unknown>> {
  const started = Date.now();
  const loadAtStart = loadavg().map((x) => round(x, 1));
  const machine = machineInfo();
  log(`machine: ${machine.nproc} × ${machine.cpuModel}, ${machine.memTotalGiB} GiB, node ${machine.node} (shared with other work)`);
  const db = await startDatabase('hearth_bench_matching');
  const secret = newJwtSecret();
  // Enough connections that the racers' transactions really run at the same moment.
  const hearth = await spawnHearth(db.url, secret, { API_THROTTLE_LIMIT: '1000000', DATABASE_POOL_SIZE: String(Math.max(10, opts.racers + 10)) });

  const pg = new Client({ connectionString: db.url });
  await pg.connect();
  const t0 = performance.now();
  log(`seeding ${opts.peers} peers, ${opts.themes} themes, ${opts.history} past acceptances`);
  await pg.query(
    `INSERT INTO themes (name, normalized_name) SELECT 'theme ' || g, 'theme' || g FROM generate_series(1, $1) g`,
    [opts.themes],
  );
  await pg.query(
    `INSERT INTO users (username, display_name, password_hash, role, languages)
     SELECT 'bpeer_' || g, 'Peer ' || g, 'not-a-real-hash', 'peer', '{}' FROM generate_series(1, $1) g`,
    [opts.peers],
  );
  const { rows: themeRows } = await pg.query<{ id: string }>(`SELECT id FROM themes ORDER BY name`);
  const themeIds = themeRows.map((r) => r.id);
  const { rows: peerRows } = await pg.query<{ id: string }>(`SELECT id FROM users WHERE username LIKE 'bpeer\\_%' ORDER BY username`);
  const peerIds = peerRows.map((r) => r.id);
  const rand = rng(0x5eed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const zones = ['UTC', 'Europe/Berlin', 'Europe/London', 'Europe/Madrid', 'America/New_York', 'America/Los_Angeles', 'America/Sao_Paulo', 'Asia/Tokyo', 'Asia/Kolkata', 'Australia/Sydney', 'Africa/Lagos', 'Europe/Istanbul'];
  const profiles = peerIds.map((id) => {
    const langs = [...new Set([pick(LANGUAGES), ...(rand() < 0.4 ? [pick(LANGUAGES)] : [])])];
    const themes = [...new Set(Array.from({ length: 1 + Math.floor(rand() * 4) }, () => pick(themeIds)))];
    const windows = Array.from({ length: 1 + Math.floor(rand() * 6) }, () => {
      const from = Math.floor(rand() * 20);
      return { day: Math.floor(rand() * 7), from: `${String(from).padStart(2, '0')}:00`, to: `${String(from + 1 + Math.floor(rand() * 4)).padStart(2, '0')}:00` };
    });
    const max = 2 + Math.floor(rand() * 4);
    return {
      id,
      langs,
      themes,
      availability: JSON.stringify(windows),
      minutes: toMinuteRanges(windows),
      zone: pick(zones),
      accepting: rand() < 0.85,
      max,
      active: Math.floor(rand() * (max + 1)),
    };
  });
  for (let i = 0; i < profiles.length; i += 2000) {
    const chunk = profiles.slice(i, i + 2000);
    await pg.query(
      `INSERT INTO peer_profiles (user_id, bio, languages, language_keys, theme_ids, availability, availability_minutes, time_zone, accepting_requests, max_sessions, active_sessions, verified_until)
       SELECT u, 'A peer worker.', string_to_array(l, ','), string_to_array(l, ','), string_to_array(t, ',')::uuid[], a::jsonb, am::int4multirange, z, acc, m, act, now()::date + 365
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $9::text[], $5::text[], $6::bool[], $7::int[], $8::int[]) AS x(u, l, t, a, am, z, acc, m, act)`,
      [
        chunk.map((p) => p.id),
        chunk.map((p) => p.langs.join(',')),
        chunk.map((p) => p.themes.join(',')),
        chunk.map((p) => p.availability),
        chunk.map((p) => p.zone),
        chunk.map((p) => p.accepting),
        chunk.map((p) => p.max),
        chunk.map((p) => p.active),
        chunk.map((p) => p.minutes),
      ],
    );
  }
  await pg.query(
    `INSERT INTO peer_training_records (user_id, course, provider, completed_on, expires_on, status)
     SELECT user_id, 'Peer support core', 'Bench', now()::date - 100, now()::date + 365, 'verified' FROM peer_profiles`,
  );
  const { rows: req } = await pg.query<{ id: string }>(
    `INSERT INTO users (username, display_name, password_hash) VALUES ('bench_member', 'Member', 'not-a-real-hash') RETURNING id`,
  );
  const memberId = req[0].id;
  await pg.query(
    `INSERT INTO support_requests (requester_id, language, theme_ids, status, accepted_by, created_at, accepted_at)
     SELECT $1, 'en', '{}', 'accepted', p.id, a - make_interval(secs => (30 + (g * 7919) % 1800)), a
       FROM generate_series(1, $2) g
       CROSS JOIN LATERAL (SELECT now() - make_interval(mins => (g * 104729) % 43000) AS a) t
       JOIN LATERAL (SELECT ($3::uuid[])[1 + (g * 31) % $4] AS id) p ON true`,
    [memberId, opts.history, peerIds, peerIds.length],
  );
  // Some blocks involving the member, both ways.
  await pg.query(
    `INSERT INTO user_blocks (blocker_id, blocked_id) SELECT $1, unnest(($2::uuid[])[1:50]) UNION ALL SELECT unnest(($2::uuid[])[51:100]), $1`,
    [memberId, peerIds],
  );
  await pg.query(`VACUUM ANALYZE`);
  const seedSeconds = round((performance.now() - t0) / 1000, 1);
  log(`seeded in ${seedSeconds} s`);

  // ---- ranking, in process ----
  const ds = new DataSource({ type: 'postgres', url: db.url, entities: [], poolSize: 4 });
  await ds.initialize();
  const matching = new MatchingService(ds);
  const names = new Map<string, string>(themeIds.map((id, i) => [id, `theme ${i + 1}`]));
  const requestRand = rng(0xbeef);
  const pickReq = <T>(xs: readonly T[]) => xs[Math.floor(requestRand() * xs.length)];
  const criteria = () => ({
    requesterId: memberId,
    themeIds: [...new Set([pickReq(themeIds), pickReq(themeIds)])],
    language: pickReq(LANGUAGES),
    excludedPeerIds: [],
    prefPronouns: null,
    prefAgeBands: [],
  });
  const rankMs: number[] = [];
  let candidatesSeen = 0;
  let suggestionsReturned = 0;
  for (let i = 0; i < opts.warmup + opts.requests; i++) {
    const c = criteria();
    const s = performance.now();
    const out = await matching.suggest(c, 5, names);
    const ms = performance.now() - s;
    if (i >= opts.warmup) {
      rankMs.push(ms);
      suggestionsReturned += out.suggestions.length;
    }
  }
  const { rows: candidateCounts } = await pg.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM peer_profiles WHERE accepting_requests AND language_keys && ARRAY['en'] AND active_sessions < max_sessions`,
  );
  candidatesSeen = candidateCounts[0].n;
  const worst = { requesterId: memberId, themeIds: themeIds.slice(0, 3), language: 'en', excludedPeerIds: [] as string[] };
  const worstMs: number[] = [];
  for (let i = 0; i < 200; i++) {
    const s = performance.now();
    await matching.suggest(worst, 5, names);
    worstMs.push(performance.now() - s);
  }
  if (process.env.BENCH_MATCHING_EXPLAIN) {
    // Where the time goes: the candidate query's plan, and SQL vs the rest.
    let captured: { sql: string; params: unknown[] } | undefined;
    const spy = { query: (sql: string, params: unknown[]) => ((captured ??= { sql, params }), ds.query(sql, params)) };
    await matching.suggest(worst, 5, names, spy as unknown as typeof ds.manager);
    const plan: Array<{ 'QUERY PLAN': string }> = await ds.query(`EXPLAIN (ANALYZE, BUFFERS) ${captured!.sql}`, captured!.params);
    log(`candidate query plan:\n${plan.map((r) => r['QUERY PLAN']).join('\n')}`);
    const sqlMs: number[] = [];
    for (let i = 0; i < 100; i++) {
      const s = performance.now();
      await ds.query(captured!.sql, captured!.params);
      sqlMs.push(performance.now() - s);
    }
    log(`candidate query alone: ${JSON.stringify(summary(sqlMs))}`);
  }
  await ds.destroy();
  const rank = summary(rankMs);
  log(`ranking in process: p50 ${rank.p50} ms, p99 ${rank.p99} ms (English, 3 themes: p99 ${summary(worstMs).p99} ms)`);

  // ---- ranking, over HTTP ----
  const { rows: sessions } = await pg.query<{ id: string }>(
    `INSERT INTO auth_sessions (user_id, token_hash, expires_at) VALUES ($1, repeat('0', 64), now() + interval '1 day') RETURNING id`,
    [memberId],
  );
  const memberToken = signAccessToken(secret, { sub: memberId, sid: sessions[0].id, name: 'bench_member' });
  const create = await fetch(`${hearth.url}/api/support-requests`, {
    method: 'POST',
    headers: { authorization: `Bearer ${memberToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ themeIds: themeIds.slice(0, 2), language: 'en' }),
  });
  if (create.status !== 201) throw new Error(`support request: ${create.status} ${await create.text()}`);
  const created = (await create.json()) as { id: string; suggestions: unknown[] };
  const httpMs: number[] = [];
  for (let i = 0; i < 30 + opts.httpRequests; i++) {
    const s = performance.now();
    const res = await fetch(`${hearth.url}/api/support-requests/${created.id}`, { headers: { authorization: `Bearer ${memberToken}` } });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`GET request: ${res.status}`);
    if (i >= 30) httpMs.push(performance.now() - s);
  }
  await fetch(`${hearth.url}/api/support-requests/${created.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${memberToken}` } });
  const http = summary(httpMs);
  log(`ranking over HTTP (GET /api/support-requests/:id): p50 ${http.p50} ms, p99 ${http.p99} ms`);

  // ---- the accept race ----
  const racers = peerIds.slice(200, 200 + opts.racers);
  await pg.query(`UPDATE peer_profiles SET active_sessions = 0, max_sessions = 20, accepting_requests = true, language_keys = array_append(language_keys, 'eo') WHERE user_id = ANY($1::uuid[])`, [racers]);
  const { rows: racerSessions } = await pg.query<{ id: string; user_id: string }>(
    `INSERT INTO auth_sessions (user_id, token_hash, expires_at) SELECT u, repeat('0', 64), now() + interval '1 day' FROM unnest($1::uuid[]) u RETURNING id, user_id`,
    [racers],
  );
  const tokens = racerSessions.map((s) => signAccessToken(secret, { sub: s.user_id, sid: s.id, name: 'racer' }));
  const races: Array<{ winners: number; alreadyAccepted: number; other: number; ms: number }> = [];
  for (let r = 0; r < opts.races; r++) {
    const { rows: members } = await pg.query<{ id: string }>(
      `INSERT INTO users (username, display_name, password_hash) VALUES ($1, 'Racer member', 'not-a-real-hash') RETURNING id`,
      [`race_member_${r}`],
    );
    const { rows: reqRows } = await pg.query<{ id: string }>(`INSERT INTO support_requests (requester_id, language) VALUES ($1, 'eo') RETURNING id`, [members[0].id]);
    const requestId = reqRows[0].id;
    const s = performance.now();
    const statuses = await Promise.all(
      tokens.map(async (token) => {
        const res = await fetch(`${hearth.url}/api/support-requests/${requestId}/accept`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
        const body = (await res.json()) as { code?: string };
        return { status: res.status, code: body.code };
      }),
    );
    const ms = performance.now() - s;
    const winners = statuses.filter((x) => x.status === 200).length;
    const alreadyAccepted = statuses.filter((x) => x.status === 409 && x.code === 'ALREADY_ACCEPTED').length;
    const { rows: sessionsMade } = await pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM support_sessions WHERE request_id = $1`, [requestId]);
    races.push({ winners, alreadyAccepted, other: statuses.length - winners - alreadyAccepted, ms: round(ms, 1) });
    if (winners !== 1 || sessionsMade[0].n !== 1) throw new Error(`race ${r}: ${winners} winners, ${sessionsMade[0].n} sessions`);
    log(`race ${r + 1}: ${winners} winner, ${alreadyAccepted} × ALREADY_ACCEPTED, ${round(ms, 1)} ms`);
  }
  await pg.end();
  await hearth.stop();

  return {
    bench: 'matching',
    machine: {
      ...machine,
      note: 'shared with other work (other helpers’ tests and builds ran at the same time): see the load averages',
      loadAverage1m5m15mAtStart: loadAtStart,
      loadAverage1m5m15mAtEnd: loadavg().map((x) => round(x, 1)),
    },
    peers: opts.peers,
    themes: opts.themes,
    pastAcceptances: opts.history,
    seedSeconds,
    rankSuggestionsInProcessMs: { ...rank, requests: opts.requests, limit: 5, targetP99: 20, meetsTarget: rank.p99 <= 20 },
    rankWorstCaseEnglish3ThemesMs: { ...summary(worstMs), candidatesPassingFilters: candidatesSeen },
    rankOverHttpMs: { ...http, requests: opts.httpRequests },
    averageSuggestions: round(suggestionsReturned / opts.requests, 2),
    acceptRace: {
      racers: opts.racers,
      races: races.length,
      exactlyOneWinnerEveryTime: races.every((r) => r.winners === 1 && r.alreadyAccepted === opts.racers - 1),
      perRace: races,
    },
    wallSeconds: round((Date.now() - started) / 1000, 1),
  };
}

runMain(() => main().finally(() => cleanupAll()), 20 * 60_000);
