import { createTestApp, TestApp } from './support/test-app';
import { registerUser } from './support/users';
import { closeAllSockets, connect, createRoom, emitAck } from './support/sockets';

describe('chat limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { CHAT_SEND_BURST: '3', CHAT_SEND_PER_SECOND: '2', SOCKET_MAX_CONNECTIONS_PER_USER: '2' } });
  });
  afterEach(() => closeAllSockets());
  afterAll(() => t.close());

  it('a burst is allowed, then sends are refused with RATE_LIMITED and a retry time, then allowed again', async () => {
    const u = await registerUser(t, 'fast');
    const roomId = await createRoom(t, [u]);
    const s = await connect(t.url, u.accessToken);
    for (let i = 0; i < 3; i++) expect((await emitAck(s, 'message:send', { roomId, clientMsgId: `b${i}`, body: 'hi' })).ok).toBe(true);
    const limited = await emitAck(s, 'message:send', { roomId, clientMsgId: 'b3', body: 'hi' });
    expect(limited).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', retryAfterMs: expect.any(Number) } });
    if (limited.ok) return;
    expect(limited.error.retryAfterMs).toBeGreaterThan(0);
    expect(limited.error.retryAfterMs).toBeLessThanOrEqual(500);
    await new Promise((r) => setTimeout(r, limited.error.retryAfterMs! + 20));
    expect((await emitAck(s, 'message:send', { roomId, clientMsgId: 'b3', body: 'hi' })).ok).toBe(true);
    // The refused send wrote nothing: seqs have no gap.
    const page = await t.http().get(`/api/rooms/${roomId}/messages`).set({ Authorization: `Bearer ${u.accessToken}` }).expect(200);
    expect(page.body.messages.map((m: { seq: number }) => m.seq)).toEqual([1, 2, 3, 4]);
  });

  it('caps connections per account', async () => {
    const u = await registerUser(t, 'many');
    await connect(t.url, u.accessToken);
    const second = await connect(t.url, u.accessToken);
    await expect(connect(t.url, u.accessToken)).rejects.toMatchObject({ data: { code: 'TOO_MANY_CONNECTIONS' } });
    second.close();
    await new Promise((r) => setTimeout(r, 100));
    const again = await connect(t.url, u.accessToken);
    expect(again.connected).toBe(true);
  });

  it('a payload over the socket size limit closes only that connection; the server stays up', async () => {
    const u = await registerUser(t, 'huge');
    const roomId = await createRoom(t, [u]);
    const s = await connect(t.url, u.accessToken);
    const closed = new Promise((r) => s.once('disconnect', r));
    s.emit('message:send', { roomId, clientMsgId: 'big', body: 'x'.repeat(70 * 1024) });
    await closed;
    const fresh = await connect(t.url, u.accessToken);
    expect((await emitAck(fresh, 'message:send', { roomId, clientMsgId: 'small', body: 'still here' })).ok).toBe(true);
  });
});
