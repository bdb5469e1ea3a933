import { spawn, ChildProcess } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, freemem, totalmem, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { freePort, startEmbeddedPostgres } from '../../libs/database/src/embedded-postgres';

/*
 * What both benchmarks share: a throw-away PostgreSQL, Hearth as a child
 * process, access tokens signed the way AuthService signs them, process RSS,
 * and cleanup that runs on success, error and Ctrl-C alike.
 */

/** The repository root, both from bench/lib (ts) and dist/bench/lib (js). */
export const repoRoot = resolve(__dirname, __dirname.includes(`${join('dist', 'bench')}`) ? '../../..' : '../..');

export const log = (...args: unknown[]): void => {
  // Progress goes to stderr so that stdout ends with exactly one JSON object.
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${args.map(String).join(' ')}\n`);
};

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export const intEnv = (name: string, fallback: number): number => {
  const v = process.env[name];
  if (v === undefined || v.trim() === '') return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number`);
  return n;
};

/** `--name=value` or `--name value` from argv, else the env var, else the fallback. */
export function option(argName: string, envName: string, fallback: number): number {
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === `--${argName}` && argv[i + 1] !== undefined) return Number(argv[i + 1]);
    if (argv[i].startsWith(`--${argName}=`)) return Number(argv[i].slice(argName.length + 3));
  }
  return intEnv(envName, fallback);
}

// ---- cleanup ---------------------------------------------------------------

type Cleanup = () => Promise<void> | void;
const cleanups: Cleanup[] = [];
let cleaning: Promise<void> | undefined;

export function onCleanup(fn: Cleanup): void {
  cleanups.push(fn);
}

/** Runs registered cleanups in reverse order, once. */
export function cleanupAll(): Promise<void> {
  cleaning ??= (async () => {
    while (cleanups.length) {
      const fn = cleanups.pop()!;
      try {
        await fn();
      } catch (err) {
        log('cleanup step failed:', (err as Error).message);
      }
    }
  })();
  return cleaning;
}

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    log(`${sig}: cleaning up`);
    void cleanupAll().finally(() => process.exit(130));
  });
}

/** Runs main, prints its result as the last line of stdout, and always cleans up. */
export function runMain(main: () => Promise<Record<string, unknown>>, hardLimitMs: number): void {
  const timer = setTimeout(() => {
    log(`hard time limit of ${Math.round(hardLimitMs / 1000)} s reached: stopping`);
    void cleanupAll().finally(() => process.exit(2));
  }, hardLimitMs);
  timer.unref();
  main()
    .then(async (result) => {
      await cleanupAll();
      process.stdout.write(`${JSON.stringify(result)}\n`);
      process.exit(0);
    })
    .catch(async (err: Error) => {
      log('FAILED:', err?.stack ?? String(err));
      await cleanupAll();
      process.exit(1);
    });
}

// ---- machine ---------------------------------------------------------------

export function machineInfo(): Record<string, unknown> {
  return {
    cpuModel: cpus()[0]?.model ?? 'unknown',
    nproc: cpus().length,
    memTotalGiB: Number((totalmem() / 2 ** 30).toFixed(1)),
    memFreeGiB: Number((freemem() / 2 ** 30).toFixed(1)),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}

/** Resident set size of a process in KiB, from /proc/<pid>/status (VmRSS). */
export function rssKB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!m) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(m[1]);
}

// ---- database --------------------------------------------------------------

export interface BenchDatabase {
  url: string;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * A fresh database: on the server DATABASE_URL names when set (dropped at the
 * end), else on a throw-away embedded PostgreSQL in a temp dir.
 */
export async function startDatabase(name: string): Promise<BenchDatabase> {
  const database = `${name}_${Date.now().toString(36)}`;
  const given = process.env.DATABASE_URL;
  if (given) {
    const admin = new Client({ connectionString: given });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${database}"`);
    await admin.end();
    onCleanup(async () => {
      const c = new Client({ connectionString: given });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await c.end();
    });
    log(`using DATABASE_URL's server, fresh database ${database}`);
    return { url: withDatabase(given, database) };
  }
  const dir = mkdtempSync(join(tmpdir(), 'hearth-bench-pg-'));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  log('starting embedded PostgreSQL in', dir);
  const handle = await startEmbeddedPostgres({ dir: join(dir, 'cluster'), persistent: false, database });
  onCleanup(async () => {
    log('stopping embedded PostgreSQL');
    await handle.stop();
  });
  return { url: handle.url };
}

// ---- tokens ----------------------------------------------------------------

export const JWT_ISSUER = 'hearth';
export const JWT_AUDIENCE = 'hearth-api';

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

/** An HS256 access token exactly as AuthService.signAccess makes one. */
export function signAccessToken(secret: string, claims: { sub: string; sid: string; name: string }, ttlSeconds = 3 * 3600): string {
  const iat = Math.floor(Date.now() / 1000);
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = b64url(JSON.stringify({ ...claims, iat, exp: iat + ttlSeconds, aud: JWT_AUDIENCE, iss: JWT_ISSUER }));
  const sig = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${sig}`;
}

export const newJwtSecret = () => randomBytes(48).toString('base64url');

// ---- child servers ---------------------------------------------------------

export interface ServerProcess {
  name: string;
  port: number;
  url: string;
  child: ChildProcess;
  pid: number;
  /** Where the preload writes process.memoryUsage() after each forced GC (SIGWINCH). */
  memFile: string;
  stop(): Promise<void>;
}

/** Extra node flags for the servers under test, e.g. BENCH_NODE_FLAGS="--max-old-space-size=4096". */
const serverNodeFlags = (): string[] => (process.env.BENCH_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean);

/** Preloaded into every server under test: GC on SIGWINCH, CPU profile on SIGURG (see server-preload.ts). */
const preloadFlags = (): string[] => ['-r', join(__dirname, 'server-preload.js')];

export async function spawnServer(opts: {
  name: string;
  script: string;
  env: Record<string, string>;
  port?: number;
  healthPath: string;
  timeoutMs?: number;
}): Promise<ServerProcess> {
  const port = opts.port ?? (await freePort());
  const memDir = mkdtempSync(join(tmpdir(), 'hearth-bench-mem-'));
  onCleanup(() => rmSync(memDir, { recursive: true, force: true }));
  const memFile = join(memDir, 'memory.json');
  const child = spawn(process.execPath, [...serverNodeFlags(), ...preloadFlags(), opts.script], {
    cwd: repoRoot,
    env: { ...process.env, ...opts.env, PORT: String(port), BENCH_PROFILE_LABEL: opts.name, BENCH_MEM_FILE: memFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line.trim()) continue;
      tail.push(line);
      if (tail.length > 40) tail.shift();
      if (process.env.BENCH_VERBOSE) log(`[${opts.name}] ${line}`);
    }
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let exited = false;
  let stopping = false;
  const exitP = new Promise<void>((r) => child.once('exit', () => ((exited = true), r())));
  const stop = async () => {
    stopping = true;
    if (exited) return;
    child.kill('SIGTERM');
    const t = setTimeout(() => child.kill('SIGKILL'), 8000);
    await exitP;
    clearTimeout(t);
  };
  onCleanup(stop);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.timeoutMs ?? 90_000);
  for (;;) {
    if (exited) throw new Error(`${opts.name} exited during start-up:\n${tail.join('\n')}`);
    try {
      const res = await fetch(`${url}${opts.healthPath}`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`${opts.name} not healthy in time:\n${tail.join('\n')}`);
    await sleep(250);
  }
  child.on('exit', (code, signal) => {
    if (!stopping) log(`${opts.name} exited unexpectedly (code ${code}, signal ${signal}); last output:\n${tail.slice(-15).join('\n')}`);
  });
  return { name: opts.name, port, url, child, pid: child.pid!, memFile, stop };
}

/** Hearth's own server, built by `npm run build`, against the given database. */
export function spawnHearth(databaseUrl: string, jwtSecret: string, extraEnv: Record<string, string> = {}): Promise<ServerProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hearth-bench-data-'));
  onCleanup(() => rmSync(dataDir, { recursive: true, force: true }));
  return spawnServer({
    name: 'hearth',
    script: join(repoRoot, 'dist/apps/api/src/main.js'),
    healthPath: '/api/health',
    env: {
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      JWT_SECRET: jwtSecret,
      ...extraEnv,
    },
  });
}

// ---- CPU accounting ----------------------------------------------------------

const CLK_TCK = 100;

/** user+system CPU time of one process, in ms (0 once it is gone). */
export function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
  } catch {
    return 0;
  }
}

/** Every live descendant of `root` (by /proc parent links). */
export function descendants(root: number): number[] {
  const parent = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      /* gone */
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const [child, pp] of parent) {
      if (pp === p) {
        out.push(child);
        walk(child);
      }
    }
  };
  walk(root);
  return out;
}

export interface CpuGroups {
  [name: string]: number[];
}

/** CPU ms per named group of processes; `other` = the rest of this harness's descendants (the embedded database). */
export function cpuSnapshot(groups: CpuGroups): Record<string, number> {
  const named = new Set(Object.values(groups).flat());
  const out: Record<string, number> = {};
  for (const [name, pids] of Object.entries(groups)) out[name] = pids.reduce((s, p) => s + cpuMs(p), 0);
  out.database = descendants(process.pid)
    .filter((p) => !named.has(p))
    .reduce((s, p) => s + cpuMs(p), 0);
  out.harness = cpuMs(process.pid);
  // Everything busy on the machine, to see whether something else ran at the same time.
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  out.wholeMachine = ((cpu.reduce((a, b) => a + b, 0) - cpu[3] - (cpu[4] ?? 0)) * 1000) / CLK_TCK;
  return out;
}

/** Cores used by each group between two snapshots taken `wallMs` apart. */
export function coresUsed(a: Record<string, number>, b: Record<string, number>, wallMs: number): Record<string, number> {
  return Object.fromEntries(Object.keys(b).map((k) => [k, Number(((b[k] - (a[k] ?? 0)) / wallMs).toFixed(2))]));
}
