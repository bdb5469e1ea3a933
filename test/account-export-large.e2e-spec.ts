import { request as httpRequest } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from './support/test-app';
import { bearer, registerUser, TestUser } from './support/users';

/*
 * A large history is exported without being held in memory: 100,000 messages
 * seeded by SQL, the export read as a stream (the client keeps only a counter),
 * and the process heap sampled while it runs. The server runs in this process,
 * so the heap measured is the server's plus a tiny client.
 */
const N = 100_000;
const MB = 1024 * 1024;

// A garbage collection on demand, so what is sampled is memory still held, not garbage not yet collected.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const liveHeap = () => {
  gc();
  return process.memoryUsage().heapUsed;
};

describe('export of a large history', () => {
  let t: TestApp;
  let ds: DataSource;
  let person: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    person = await registerUser(t, 'prolific');
    const [{ id: roomId }] = await ds.query(`INSERT INTO rooms (kind) VALUES ('group') RETURNING id`);
    await ds.query(`INSERT INTO room_members (room_id, user_id) VALUES ($1, $2)`, [roomId, person.id]);
    await ds.query(
      `INSERT INTO messages (room_id, seq, author_id, client_msg_id, body, created_at)
       SELECT $1, g, $2, 'bulk-' || g, 'message number ' || g || ' ' || repeat('words ', 40), now() - ($3 - g) * interval '1 second'
         FROM generate_series(1, $3) g`,
      [roomId, person.id, N],
    );
    await ds.query(`UPDATE rooms SET last_seq = $2 WHERE id = $1`, [roomId, N]);
  }, 120_000);
  afterAll(() => t.close());

  /** Streams the export, counting message rows across chunk boundaries; samples the live heap every 100 ms. */
  function streamExport(sampleHeap: boolean): Promise<{ status: number; bytes: number; messages: number; ms: number; peakHeapMb: number; baseHeapMb: number; ended: boolean }> {
    return new Promise((resolve, reject) => {
      const url = new URL('/api/me/export', t.url);
      const baseHeap = sampleHeap ? liveHeap() : 0;
      let peakHeap = baseHeap;
      // A full collection takes tens of milliseconds here: sampling slows the export, so timing is measured on a separate run.
      const timer = setInterval(() => sampleHeap && (peakHeap = Math.max(peakHeap, liveHeap())), 250);
      const started = Date.now();
      const req = httpRequest(url, { headers: bearer(person) }, (res) => {
        let bytes = 0;
        let messages = 0;
        let tail = '';
        let ended = false;
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          bytes += Buffer.byteLength(chunk);
          const text = tail + chunk;
          messages += text.split('"client_msg_id":"bulk-').length - 1;
          // Keep just enough to catch a marker split across chunks (without counting it twice).
          const cut = Math.max(0, text.length - 30);
          tail = text.slice(cut);
          messages -= tail.split('"client_msg_id":"bulk-').length - 1;
          ended = text.endsWith('}}\n');
        });
        res.on('end', () => {
          clearInterval(timer);
          messages += tail.split('"client_msg_id":"bulk-').length - 1;
          resolve({ status: res.statusCode ?? 0, bytes, messages, ms: Date.now() - started, peakHeapMb: peakHeap / MB, baseHeapMb: baseHeap / MB, ended });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
  }

  it(`streams all ${N.toLocaleString('en')} messages, complete and well-formed, with heap growth far below the export's size`, async () => {
    const timed = await streamExport(false);
    const r = await streamExport(true);
    const growthMb = r.peakHeapMb - r.baseHeapMb;
    // Reported for docs/recovery.md (the figures on this machine).
    console.log(`export of ${N} messages: ${(r.bytes / MB).toFixed(1)} MB in ${timed.ms} ms; live heap ${r.baseHeapMb.toFixed(0)} MB → peak ${r.peakHeapMb.toFixed(0)} MB (+${growthMb.toFixed(1)} MB)`);
    expect(timed).toEqual(expect.objectContaining({ status: 200, ended: true, messages: N }));
    expect(r.status).toBe(200);
    expect(r.ended).toBe(true);
    expect(r.messages).toBe(N);
    expect(r.bytes).toBeGreaterThan(30 * MB);
    // Holding the rows would cost more than the export's size in heap (see the contrast below);
    // streaming holds about one page of rows and one chunk at a time.
    expect(growthMb).toBeLessThan(16);
  }, 180_000);

  it('for contrast: loading the same rows at once grows the heap by more than the streamed export did', async () => {
    const before = liveHeap();
    const rows: unknown[] = await ds.query(`SELECT id, room_id, seq, client_msg_id, body, reply_to_id, created_at FROM messages WHERE author_id = $1`, [person.id]);
    const after = liveHeap();
    console.log(`loading ${rows.length} rows at once: +${((after - before) / MB).toFixed(1)} MB heap`);
    expect(rows).toHaveLength(N);
    expect((after - before) / MB).toBeGreaterThan(30);
  }, 60_000);

  it('one export per person at a time (429 while one runs); a client that goes away mid-stream frees its slot and connection', async () => {
    const aborted = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(new URL('/api/me/export', t.url), { headers: bearer(person) }, (res) => {
        res.once('data', async () => {
          const second = await t.http().get('/api/me/export').set(bearer(person));
          req.destroy();
          resolve(second.status);
        });
      });
      req.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(e)));
      req.end();
    });
    expect(aborted).toBe(429);
    // The slot is released once the server sees the client gone; then a new export runs in full.
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 100));
      status = await new Promise<number>((resolve, reject) => {
        httpRequest(new URL('/api/me/export.html', t.url), { headers: bearer(person) }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        })
          .on('error', reject)
          .end();
      });
    }
    expect(status).toBe(200);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction'`);
    expect(n).toBe(0);
  }, 120_000);
});
