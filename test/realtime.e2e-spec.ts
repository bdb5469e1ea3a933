import { RealtimePublisher, ackWith } from '@hearth/realtime';
import { IsString, MaxLength } from 'class-validator';
import { createTestApp, TestApp } from './support/test-app';
import { registerUser } from './support/users';
import { closeAllSockets, collect, connect, createRoom, emitAck, sleep, waitFor } from './support/sockets';

/**
 * libs/realtime is the transport any lib pushes through: these tests use the
 * publisher directly, as a new lib would, without importing chat.
 */
describe('realtime: the publisher any lib can inject', () => {
  let t: TestApp;
  let publisher: RealtimePublisher;
  beforeAll(async () => {
    t = await createTestApp();
    publisher = t.app.get(RealtimePublisher);
  });
  afterEach(() => closeAllSockets());
  afterAll(() => t.close());

  it('pushes a typed server event to every socket of one person, and to nobody else', async () => {
    const [a, b] = await Promise.all([registerUser(t, 'pa'), registerUser(t, 'pb')]);
    const [a1, a2, b1] = await Promise.all([connect(t.url, a.accessToken), connect(t.url, a.accessToken), connect(t.url, b.accessToken)]);
    const seenByB = collect(b1, 'moderation:notice');
    const notice = { actionId: '7c4a6f0e-2b0a-4a5e-9d57-3a1f0b4f7c11', action: 'warn', rule: 'Be kind', reason: 'A gentle reminder' };
    const got = Promise.all([waitFor(a1, 'moderation:notice'), waitFor(a2, 'moderation:notice')]);
    publisher.toUser(a.id, 'moderation:notice', notice);
    expect(await got).toEqual([notice, notice]);
    await sleep(100);
    expect(seenByB).toEqual([]);
  });

  it('pushes to a room, leaving out chosen people', async () => {
    const [a, b, c] = await Promise.all([registerUser(t, 'ra'), registerUser(t, 'rb'), registerUser(t, 'rc')]);
    const roomId = await createRoom(t, [a, b, c]);
    const sockets = await Promise.all([a, b, c].map((u) => connect(t.url, u.accessToken)));
    for (const s of sockets) expect((await emitAck(s, 'room:join', { roomId })).ok).toBe(true);
    const seenByC = collect(sockets[2], 'moderation:alert');
    const alert = { caseId: '0b7d8f5e-8d7a-4f38-8f0d-5f9d3f1d2e77', priority: 'crisis', roomId };
    const got = Promise.all([waitFor(sockets[0], 'moderation:alert'), waitFor(sockets[1], 'moderation:alert')]);
    publisher.toRoom(roomId, 'moderation:alert', alert, { exceptUsers: [c.id] });
    expect(await got).toEqual([alert, alert]);
    await sleep(100);
    expect(seenByC).toEqual([]);
  });

  it('makes a person’s sockets leave a room, telling them why, so room broadcasts stop reaching them', async () => {
    const [a, b] = await Promise.all([registerUser(t, 'la'), registerUser(t, 'lb')]);
    const roomId = await createRoom(t, [a, b]);
    const [sa, sb] = await Promise.all([connect(t.url, a.accessToken), connect(t.url, b.accessToken)]);
    for (const s of [sa, sb]) await emitAck(s, 'room:join', { roomId });
    const removed = waitFor(sb, 'room:removed');
    publisher.removeFromRoom(b.id, roomId, 'banned');
    expect(await removed).toEqual({ roomId, reason: 'banned' });
    const seenByB = collect(sb, 'moderation:alert');
    publisher.toRoom(roomId, 'moderation:alert', { caseId: 'x', priority: 'normal', roomId });
    await waitFor(sa, 'moderation:alert');
    await sleep(100);
    expect(seenByB).toEqual([]);
  });

  it('ends every socket of a person after telling them why', async () => {
    const a = await registerUser(t, 'ea');
    const s = await connect(t.url, a.accessToken);
    const ended = waitFor(s, 'session:ended');
    const gone = new Promise((r) => s.once('disconnect', r));
    await publisher.endSessions({ userId: a.id, sessionIds: 'all', reason: 'suspended' });
    expect(await ended).toEqual({ reason: 'suspended' });
    await gone;
  });
});

class EchoDto {
  @IsString()
  @MaxLength(5)
  word: string;
}

describe('realtime: one validate-and-ack wrapper for every gateway', () => {
  it('answers a valid payload with { ok: true, data }', async () => {
    expect(await ackWith(EchoDto, { word: 'hi' }, (d) => d.word.toUpperCase())).toEqual({ ok: true, data: 'HI' });
  });

  it('names what is wrong, without throwing: not an object, an unknown field, a bad value, a prototype key', async () => {
    expect(await ackWith(EchoDto, 'hi', () => 1)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await ackWith(EchoDto, { word: 'hi', extra: 1 }, () => 1)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await ackWith(EchoDto, { word: 'far too long' }, () => 1)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: [expect.objectContaining({ field: 'word' })] } });
    expect(await ackWith(EchoDto, JSON.parse('{"word":"hi","__proto__":{"x":1}}'), () => 1)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('turns an unexpected error into INTERNAL without leaking its message', async () => {
    const res = await ackWith(EchoDto, { word: 'hi' }, () => {
      throw new Error('SELECT secret FROM somewhere');
    });
    expect(res).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'Internal server error' } });
  });
});
