/*
 * Preloaded (`node -r`) into each server under test (Hearth and the
 * baseline alike) by the benchmark harness; the servers' own code is not
 * changed. Two controls, on signals that neither Node nor Nest's shutdown
 * hooks use:
 *  - SIGWINCH: a full garbage collection, so that RSS samples taken right
 *    after it measure memory that is really retained (less GC-timing noise);
 *  - SIGURG, only when BENCH_CPU_PROFILE=<dir> is set: write the V8 CPU
 *    profile taken since start-up (or the last SIGURG) to <dir> and start a
 *    new one. `node --cpu-prof` alone writes nothing when the process is
 *    ended by a signal, which is how the harness stops servers. Summarise a
 *    profile with `node dist/bench/lib/profile-summary.js FILE`.
 */
import { Session } from 'node:inspector';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
process.on('SIGWINCH', () => gc());

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
