import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
export const MAIN = join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js');
export const ADMIN = { username: 'e2e_admin', password: 'a calm admin passphrase 42' };

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => res(port));
    });
  });
}

/**
 * The built server (`dist/apps/api/src/main.js`) on a free port with a throw-away DATA_DIR
 * (embedded PostgreSQL), or the DATABASE_URL given. It can be stopped and started again on the
 * same port and data inside a test, to check that the browser survives a server restart.
 */
export class HearthServer {
  private child: ChildProcess | null = null;
  /** With DATABASE_URL: a database of this run's own, made on first start and dropped at the end. */
  private freshDatabase: { adminUrl: string; name: string; url: string } | null = null;
  private log = '';
  readonly dataDir = mkdtempSync(join(tmpdir(), 'hearth-e2e-'));
  port = 0;

  /** `env` adds to or overrides the server's environment (e.g. a short token lifetime). */
  constructor(private readonly extraEnv: Record<string, string> = {}) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (!this.port) this.port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(this.port),
      DATA_DIR: this.dataDir,
      LOG_LEVEL: 'warn',
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
      AUTH_THROTTLE_LIMIT: '100000',
      API_THROTTLE_LIMIT: '1000000',
      CHAT_SEND_BURST: '1000',
      CHAT_SEND_PER_SECOND: '1000',
      // The journeys use accounts made seconds ago; the new-account limits have their own server tests.
      MODERATION_NEW_ACCOUNT_HOURS: '0',
      ...this.extraEnv,
    };
    if (process.env.DATABASE_URL) env.DATABASE_URL = (await this.database(process.env.DATABASE_URL)).url;
    const child = spawn(process.execPath, [MAIN], { env, cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    child.stdout?.on('data', (d) => (this.log = (this.log + d).slice(-20_000)));
    child.stderr?.on('data', (d) => (this.log = (this.log + d).slice(-20_000)));
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`Hearth exited with ${child.exitCode}:\n${this.log}`);
      try {
        const r = await fetch(`${this.url}/api/health`);
        if (r.ok) return;
      } catch {
        /* not yet */
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`Hearth did not become healthy:\n${this.log}`);
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
    this.child = null;
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  private async database(adminUrl: string) {
    if (this.freshDatabase) return this.freshDatabase;
    const name = `hearth_e2e_${Date.now().toString(36)}${process.pid.toString(36)}`;
    await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    this.freshDatabase = { adminUrl, name, url: u.toString() };
    return this.freshDatabase;
  }

  async dispose(): Promise<void> {
    await this.stop();
    if (this.freshDatabase) await adminQuery(this.freshDatabase.adminUrl, `DROP DATABASE IF EXISTS "${this.freshDatabase.name}" WITH (FORCE)`).catch(() => undefined);
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
