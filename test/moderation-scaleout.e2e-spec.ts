import { createTestApp, createTestDatabase, TestApp } from './support/test-app';
import { bearer } from './support/users';
import { closeAllSockets, connect, emitAck, waitFor } from './support/sockets';
import { act, modWorld, ModWorld, send, sendOk } from './support/moderation';

/** Moderation takes effect at once on every instance: two API instances share sockets through the PostgreSQL adapter. */
describe('moderation across two instances', () => {
  let one: TestApp;
  let two: TestApp;
  let w: ModWorld;

  beforeAll(async () => {
    const databaseUrl = await createTestDatabase();
    one = await createTestApp({ env: { SOCKET_ADAPTER: 'postgres' }, databaseUrl });
    two = await createTestApp({ env: { SOCKET_ADAPTER: 'postgres' }, databaseUrl });
  });
  beforeEach(async () => {
    w = await modWorld(one);
  });
  afterEach(() => closeAllSockets());
  afterAll(async () => {
    await one?.close();
    await two?.close();
  });

  const joinedOn = async (t: TestApp, token: string, roomId: string) => {
    const s = await connect(t.url, token);
    expect((await emitAck(s, 'room:join', { roomId })).ok).toBe(true);
    return s;
  };

  it('a message hidden through one instance turns into a tombstone on sockets of the other', async () => {
    const author = await joinedOn(one, w.member.accessToken, w.roomId);
    const reader = await joinedOn(two, w.member2.accessToken, w.roomId);
    const m = await sendOk(author, w.roomId, 'hide me');
    const tomb = waitFor(reader, 'message:updated', (x: { id: string }) => x.id === m.id);
    await act(one, w.moderator, { action: 'hide', messageId: m.id, rule: 'R', reason: 'Why' }).expect(201);
    expect(await tomb).toMatchObject({ id: m.id, body: null, hidden: true });
  });

  it('a mute set through one instance refuses the next send on the other, and the notice reaches the other', async () => {
    const s = await joinedOn(two, w.member.accessToken, w.roomId);
    const notice = waitFor(s, 'moderation:notice');
    const res = await act(one, w.moderator, { action: 'mute', targetUserId: w.member.id, roomId: w.roomId, durationMinutes: 10, rule: 'R', reason: 'Why' }).expect(201);
    expect(await notice).toMatchObject({ actionId: res.body.id, action: 'mute' });
    expect(await send(s, w.roomId, 'hello')).toMatchObject({ ok: false, error: { code: 'MUTED', details: { until: res.body.until } } });
  });

  it('a ban through one instance takes the person’s sockets on both instances out of the room at once', async () => {
    const onOne = await joinedOn(one, w.member.accessToken, w.roomId);
    const onTwo = await joinedOn(two, w.member.accessToken, w.roomId);
    const removed = Promise.all([waitFor(onOne, 'room:removed'), waitFor(onTwo, 'room:removed')]);
    await act(two, w.moderator, { action: 'ban', targetUserId: w.member.id, roomId: w.roomId, rule: 'R', reason: 'Why' }).expect(201);
    expect(await removed).toEqual([expect.objectContaining({ roomId: w.roomId, reason: 'banned' }), expect.objectContaining({ roomId: w.roomId, reason: 'banned' })]);
    expect(await send(onTwo, w.roomId, 'still?')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const rejoin = await two.http().post(`/api/groups/${w.groupId}/join`).set(bearer(w.member)).send({});
    expect(rejoin.body.code).toBe('BANNED');
  });

  it('an account suspended through one instance is disconnected on the other', async () => {
    const onTwo = await connect(two.url, w.member.accessToken);
    const ended = waitFor(onTwo, 'disconnect');
    await act(one, w.platformAdmin, { action: 'suspend', targetUserId: w.member.id, rule: 'Terms', reason: 'Why' }).expect(201);
    expect(await ended).toBe('io server disconnect');
  });

  it('crisis resources and the moderators’ alert reach sockets on the other instance', async () => {
    const author = await joinedOn(one, w.member.accessToken, w.roomId);
    const authorOnTwo = await connect(two.url, w.member.accessToken);
    const mod = await connect(two.url, w.moderator.accessToken);
    const resources = waitFor(authorOnTwo, 'crisis:resources');
    const alert = waitFor(mod, 'moderation:alert');
    await sendOk(author, w.roomId, 'I keep thinking about suicide');
    expect((await resources).resources.length).toBeGreaterThan(0);
    expect(await alert).toMatchObject({ priority: 'crisis' });
  });
});
