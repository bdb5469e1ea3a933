import { createTestApp, TestApp } from './support/test-app';
import { registerUser, TestUser } from './support/users';
import { closeAllSockets, connect, createRoom, emitAck, sleep } from './support/sockets';

/**
 * The guarantee users rely on most: a client that reconnects and syncs from its
 * last seen seq gets every message it missed, exactly once and in order, even
 * while others keep sending. No seq a client has seen may later be overtaken
 * by a commit with a smaller seq.
 */
describe('catch-up without gaps under concurrent senders', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterEach(() => closeAllSockets());
  afterAll(() => t.close());

  it('a reader that keeps disconnecting and resyncing sees every acknowledged message exactly once, in order', async () => {
    const SENDERS = 8;
    const PER_SENDER = 40;
    const senders: TestUser[] = await Promise.all(Array.from({ length: SENDERS }, (_, i) => registerUser(t, `s${i}`)));
    const reader = await registerUser(t, 'reader');
    const roomId = await createRoom(t, [...senders, reader]);

    const acked = new Map<number, string>();
    const sending = (async () => {
      const sockets = await Promise.all(senders.map((s) => connect(t.url, s.accessToken)));
      await Promise.all(
        sockets.map(async (sock, i) => {
          for (let n = 0; n < PER_SENDER; n++) {
            const res = await emitAck(sock, 'message:send', { roomId, clientMsgId: `s${i}-${n}`, body: `from ${i}: ${n}` });
            if (!res.ok) throw new Error(`send refused: ${res.error.code}`);
            acked.set(res.data.seq, res.data.id);
            if (n % 7 === 0) await sleep(1);
          }
        }),
      );
    })();

    const seen: number[] = [];
    const ids: string[] = [];
    let done = false;
    void sending.finally(() => (done = true));
    let cycles = 0;
    // The reader: live messages while connected, then a disconnect, then room:sync from the last seq it saw.
    while (!done || seen.length < SENDERS * PER_SENDER) {
      cycles++;
      const sock = await connect(t.url, reader.accessToken);
      const live: Array<{ seq: number; id: string }> = [];
      sock.on('message:new', (m: { seq: number; id: string }) => live.push(m));
      const join = await emitAck(sock, 'room:join', { roomId });
      expect(join.ok).toBe(true);
      // Catch up from the last seq seen: page until hasMore is false.
      for (;;) {
        const last = seen.length ? seen[seen.length - 1] : 0;
        const page = await emitAck(sock, 'room:sync', { roomId, afterSeq: last, limit: 25 });
        if (!page.ok) throw new Error(page.error.code);
        for (const m of page.data.messages) {
          seen.push(m.seq);
          ids.push(m.id);
        }
        if (!page.data.hasMore) break;
      }
      // Live messages that arrived meanwhile: keep only those after what we have.
      await sleep(5 + Math.floor(Math.random() * 40));
      for (const m of live) {
        const last = seen.length ? seen[seen.length - 1] : 0;
        if (m.seq === last + 1) {
          seen.push(m.seq);
          ids.push(m.id);
        }
      }
      sock.close();
      if (done && seen.length >= acked.size) break;
      if (cycles > 500) throw new Error('reader did not converge');
    }
    await sending;

    const total = SENDERS * PER_SENDER;
    expect(acked.size).toBe(total);
    expect(seen).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(new Set(ids).size).toBe(total);
    for (const [seq, id] of acked) expect(ids[seq - 1]).toBe(id);
    expect(cycles).toBeGreaterThan(3);
  });
});
