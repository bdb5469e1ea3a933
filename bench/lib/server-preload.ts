/*
 * Preloaded (`node -r`) into each server under test (Hearth and the
 * baseline alike) by the benchmark harness; the servers' own code is not
 * changed. Controls, on signals that neither Node nor Nest's shutdown hooks
 * use:
 *  - SIGWINCH: a full garbage collection, so that RSS samples taken right
 *    after it measure memory that is really retained (less GC-timing noise),
 *    then process.memoryUsage(), the event-loop delay since the previous
 *    SIGWINCH (perf_hooks.monitorEventLoopDelay, read before the forced GC)
 *    and the active handles by kind written to BENCH_MEM_FILE;
 *  - SIGURG, when BENCH_CPU_PROFILE=<dir> is set: write the V8 CPU profile
 *    taken since start-up (or the last SIGURG) to <dir> and start a new one
 *    (`node --cpu-prof` alone writes nothing when the process is ended by a
 *    signal, which is how the harness stops servers; summarise one with
 *    `node dist/bench/lib/profile-summary.js FILE`); when
 *    BENCH_HEAP_SNAPSHOT=<dir> is set: a heap snapshot into <dir> (compare
 *    two with `node dist/bench/lib/heap-summary.js A B N`).
 */
import { Session } from 'node:inspector';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setFlagsFromString, writeHeapSnapshot } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
// Event-loop delay as the server itself sees it (10 ms resolution), reported and reset at every SIGWINCH.
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
process.on('SIGWINCH', () => {
  // Read the loop delay before the forced GC, and reset it once the GC's own pause has been recorded.
  // The histogram records whole intervals between its 10 ms ticks: the delay is what exceeds the tick.
  const ms = (ns: number) => Math.max(0, Math.round((ns - 1e7) / 1e4) / 100);
  const eventLoopDelayMs = { p50: ms(loopDelay.percentile(50)), p99: ms(loopDelay.percentile(99)), max: ms(loopDelay.max), mean: ms(loopDelay.mean), samples: loopDelay.count };
  gc();
  setTimeout(() => loopDelay.reset(), 100);
  const file = process.env.BENCH_MEM_FILE;
  // Active handles and requests by kind (sockets, timers, …): what would keep the process alive.
  const resources: Record<string, number> = {};
  for (const r of process.getActiveResourcesInfo()) resources[r] = (resources[r] ?? 0) + 1;
  if (file) writeFileSync(file, JSON.stringify({ ...process.memoryUsage(), eventLoopDelayMs, resources }));
});

const heapDir = process.env.BENCH_HEAP_SNAPSHOT;
if (heapDir) {
  mkdirSync(heapDir, { recursive: true });
  let n = 0;
  process.on('SIGURG', () => {
    const file = writeHeapSnapshot(join(heapDir, `${process.env.BENCH_PROFILE_LABEL ?? 'server'}-${process.pid}-${n++}.heapsnapshot`));
    process.stderr.write(`heap snapshot written: ${file}\n`);
  });
}

const dir = process.env.BENCH_CPU_PROFILE;
if (dir) {
  mkdirSync(dir, { recursive: true });
  const label = process.env.BENCH_PROFILE_LABEL ?? 'server';
  const session = new Session();
  session.connect();
  let part = 0;
  const start = () => {
    session.post('Profiler.enable', () => session.post('Profiler.setSamplingInterval', { interval: 500 }, () => session.post('Profiler.start')));
  };
  const save = (done: () => void) => {
    session.post('Profiler.stop', (err, res) => {
      if (!err && res?.profile) {
        const file = join(dir, `${label}-${process.pid}-${part++}.cpuprofile`);
        writeFileSync(file, JSON.stringify(res.profile));
        process.stderr.write(`cpu profile written: ${file}\n`);
      }
      done();
    });
  };
  start();
  process.on('SIGURG', () => save(start));
}

/*
 * An experiment, off unless BENCH_EXPERIMENT_PLAIN_HANDLERS=1 (Hearth only;
 * never used for the reported figures): Nest's IoAdapter.bindMessageHandlers
 * builds one rxjs pipeline (fromEvent → mergeMap → takeUntil) per socket and
 * per @SubscribeMessage handler, kept for the socket's lifetime. This swaps it
 * for one plain listener per event with the same semantics (the rxjs work then
 * happens per event and is garbage at once), to measure what that costs.
 */
if (process.env.BENCH_EXPERIMENT_PLAIN_HANDLERS === '1') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { IoAdapter } = require('@nestjs/platform-socket.io') as {
    IoAdapter: { prototype: Record<string, unknown> & { mapPayload(p: unknown): { data: unknown; ack?: unknown } } };
  };
  type Obs = { subscribe(o: { next(v: unknown): void; error(e: unknown): void }): unknown };
  type Handler = { message: string; callback: (data: unknown, ack: unknown) => unknown; isAckHandledManually?: boolean };
  IoAdapter.prototype.bindMessageHandlers = function (
    this: { mapPayload(p: unknown): { data: unknown; ack?: unknown } },
    socket: { on(e: string, l: (...a: unknown[]) => void): void; emit(e: string, d: unknown): void },
    handlers: Handler[],
    transform: (r: unknown) => Obs,
  ) {
    for (const { message, callback, isAckHandledManually } of handlers) {
      socket.on(message, (...args: unknown[]) => {
        const { data, ack } = this.mapPayload(args.length === 1 ? args[0] : args);
        transform(callback(data, ack)).subscribe({
          next: (response: unknown) => {
            if (response === null || response === undefined) return;
            const r = response as { event?: string; data?: unknown };
            if (r.event) return socket.emit(r.event, r.data);
            if (!isAckHandledManually && typeof ack === 'function') (ack as (x: unknown) => void)(response);
          },
          error: (e: unknown) => process.stderr.write(`socket handler failed: ${String(e)}\n`),
        });
      });
    }
  };
  process.stderr.write('experiment: plain socket.io listeners instead of per-socket rxjs pipelines\n');
}
