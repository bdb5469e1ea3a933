import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/*
 * Hearth's real server (`dist/apps/api/src/main.js`, built by `npm run build`)
 * as a child process the suite can SIGKILL or SIGTERM. Its structured log
 * lines (pino JSON on stdout) are kept with the time they arrived, so a
 * scenario can count what was logged during an outage.
 */

export const repoRoot = resolve(__dirname, '../../..');
export const serverScript = join(repoRoot, 'dist/apps/api/src/main.js');

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface LogLine {
  at: number;
  level: number;
  msg: string;
  raw: string;
}

export class ServerProcess {
  readonly logs: LogLine[] = [];
  private child?: ChildProcess;
  private exited?: Promise<void>;
  private readonly dataDir = mkdtempSync(join(tmpdir(), 'hearth-faults-data-'));

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts the server and resolves once `GET /api/health` answers 200. */
  async start(timeoutMs = 90_000): Promise<void> {
    if (!existsSync(serverScript)) throw new Error(`${serverScript} is missing: run \`npm run build\` first (npm run test:faults does)`);
    const child = spawn(process.execPath, [serverScript], {
      cwd: repoRoot,
      env: {
        ...process.env,
        NODE_ENV: 'development',
        LOG_LEVEL: process.env.FAULTS_LOG_LEVEL ?? 'warn',
        LOG_FORMAT: 'json', // the suite reads the warn lines
        DATA_DIR: this.dataDir,
        AUTH_THROTTLE_LIMIT: '100000',
        API_THROTTLE_LIMIT: '1000000',
        CHAT_SEND_BURST: '1000',
        CHAT_SEND_PER_SECOND: '10000',
        SOCKET_MAX_CONNECTIONS_PER_USER: '100',
        ...this.env,
        PORT: String(this.port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.exited = new Promise<void>((r) => child.once('exit', () => r()));
    const keep = (chunk: Buffer) => {
      for (const raw of chunk.toString().split('\n')) {
        if (!raw.trim()) continue;
        let level = 0;
        let msg = raw;
        try {
          const j = JSON.parse(raw) as { level?: number; msg?: string };
          level = j.level ?? 0;
          msg = j.msg ?? raw;
        } catch {
          /* not a pino line (e.g. the "listening" banner) */
        }
        this.logs.push({ at: Date.now(), level, msg, raw });
        if (process.env.FAULTS_VERBOSE) process.stderr.write(`[${this.name}] ${raw}\n`);
      }
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!this.running) throw new Error(`${this.name} exited during start-up:\n${this.logs.slice(-20).map((l) => l.raw).join('\n')}`);
      try {
        const res = await fetch(`${this.url}/api/health`, { signal: AbortSignal.timeout(2000) });
        if (res.status === 200) return;
      } catch {
        /* not listening yet */
      }
      if (Date.now() > deadline) throw new Error(`${this.name} not healthy in time:\n${this.logs.slice(-20).map((l) => l.raw).join('\n')}`);
      await sleep(200);
    }
  }

  /** Sends `signal` and waits for the process to exit (SIGKILL after `graceMs`). */
  async kill(signal: NodeJS.Signals, graceMs = 20_000): Promise<void> {
    if (!this.running) return;
    this.child!.kill(signal);
    const t = setTimeout(() => this.child?.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(t);
  }

  async close(): Promise<void> {
    await this.kill('SIGKILL');
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** Log lines at warn (40) or above since `since`. */
  warnings(since = 0): LogLine[] {
    return this.logs.filter((l) => l.at >= since && l.level >= 40);
  }
}
