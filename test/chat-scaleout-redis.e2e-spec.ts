import { spawnSync } from 'node:child_process';
import { describeTwoInstances } from './support/scaleout';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Synchronous, so the suite can be chosen while jest collects tests. */
function redisAnswers(url: string): boolean {
  const { hostname, port } = new URL(url);
  const probe = `const s=require('net').connect(${Number(port || 6379)},${JSON.stringify(hostname)});
    s.setTimeout(1000,()=>process.exit(1));s.on('error',()=>process.exit(1));
    s.on('connect',()=>s.write('PING\\r\\n'));s.on('data',d=>process.exit(String(d).startsWith('+PONG')?0:1));`;
  return spawnSync(process.execPath, ['-e', probe], { timeout: 3000 }).status === 0;
}

/*
 * The Redis variant runs wherever Redis answers; in CI (Redis on 127.0.0.1:6379)
 * it is required. A newcomer's machine without Redis runs the PostgreSQL-adapter
 * suite only, and this file then checks just that it is not CI.
 */
if (redisAnswers(REDIS_URL)) {
  describe('two instances sharing rooms through @socket.io/redis-adapter', () => {
    describeTwoInstances({ SOCKET_ADAPTER: 'redis', REDIS_URL });
  });
} else {
  describe('socket.io Redis adapter', () => {
    it(`is exercised whenever Redis answers at ${REDIS_URL}, and CI must have it`, () => {
      expect(process.env.CI).not.toBe('true');
    });
  });
}
