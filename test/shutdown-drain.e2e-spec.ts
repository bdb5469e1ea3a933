import { Client } from 'pg';
import { createTestApp, TestApp } from './support/test-app';
import { registerUser } from './support/users';
import { AckResult, closeAllSockets, connect, createRoom, emitAck, waitFor } from './support/sockets';

/**
 * A graceful stop (what SIGTERM runs through Nest's shutdown hooks) in the
 * middle of a burst: every send the instance accepted is committed and
 * acknowledged, anything it can no longer take is refused cleanly with
 * SERVICE_UNAVAILABLE and a retry hint, and sockets are told to reconnect.
 */
describe('shutdown drain', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { SHUTDOWN_DRAIN_MS: '10000' } });
  });
  afterAll(() => closeAllSockets());

  it('acknowledges or cleanly refuses every send in flight when the server stops, and loses none it acknowledged', async () => {
    const [a, b] = await Promise.all([registerUser(t, 'drain_a'), registerUser(t, 'drain_b')]);
    const roomId = await createRoom(t, [a, b]);
    const [sa, sb] = await Promise.all([connect(t.url, a.accessToken), connect(t.url, b.accessToken)]);
    for (const s of [sa, sb]) expect((await emitAck(s, 'room:join', { roomId })).ok).toBe(true);
    const restarting = waitFor(sb, 'server:restarting', () => true, 15_000);

    const results: Array<Promise<AckResult | 'no answer'>> = [];
    let closing: Promise<void> | undefined;
    for (let i = 0; i < 300; i++) {
      results.push(emitAck(sa, 'message:send', { roomId, clientMsgId: `drain-${i}`, body: `message ${i}` }, 12_000).catch(() => 'no answer' as const));
      if (i === 150) closing = t.app.close(); // the stop begins in the middle of the burst
      if (i % 25 === 0) await new Promise((r) => setImmediate(r));
    }
    const answers = await Promise.all(results);
    await closing;
    expect(await restarting).toEqual({ retryAfterMs: expect.any(Number) });

    const acked = answers.flatMap((r, i) => (r !== 'no answer' && r.ok ? [{ i, seq: r.data.seq as number }] : []));
    const refused = answers.filter((r): r is Extract<AckResult, { ok: false }> => r !== 'no answer' && !r.ok);
    expect(acked.length).toBeGreaterThan(100);
    expect(refused.length).toBeGreaterThan(0); // the stop really came mid-burst
    // Whatever was refused was refused as "retry elsewhere", never as an internal error.
    for (const r of refused) expect(r.error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryAfterMs: expect.any(Number) });
    // Sends written after the socket closed get no answer at all: the client retries them with the same clientMsgId.

    const db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    try {
      const rows: Array<{ client_msg_id: string; seq: string }> = (
        await db.query(`SELECT client_msg_id, seq FROM messages WHERE room_id = $1 ORDER BY seq`, [roomId])
      ).rows;
      const stored = new Map(rows.map((r) => [r.client_msg_id, Number(r.seq)]));
      for (const { i, seq } of acked) expect(stored.get(`drain-${i}`)).toBe(seq);
      expect(rows.map((r) => Number(r.seq))).toEqual(rows.map((_, k) => k + 1)); // 1..N, no gaps
      expect(new Set(rows.map((r) => r.client_msg_id)).size).toBe(rows.length);
    } finally {
      await db.end();
    }
  });
});
