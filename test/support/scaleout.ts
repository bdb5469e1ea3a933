import { createTestApp, createTestDatabase, TestApp } from './test-app';
import { bearer, registerAdmin, registerUser } from './users';
import { closeAllSockets, connect, createRoom, emitAck, waitFor } from './sockets';
import { createCommunity, createGroup, createTheme, joinGroup } from './groups';

/**
 * Two API instances on one database, sharing socket.io rooms through the
 * configured adapter: what one instance does reaches sockets on the other.
 */
export function describeTwoInstances(env: Record<string, string>): void {
  let one: TestApp;
  let two: TestApp;
  beforeAll(async () => {
    const databaseUrl = await createTestDatabase();
    one = await createTestApp({ env, databaseUrl });
    two = await createTestApp({ env, databaseUrl });
  });
  afterEach(() => closeAllSockets());
  afterAll(async () => {
    await one?.close();
    await two?.close();
  });

  it('a message sent through one instance reaches a member connected to the other, exactly once', async () => {
    const [a, b] = await Promise.all([registerUser(one, 'i1'), registerUser(two, 'i2')]);
    const roomId = await createRoom(one, [a, b]);
    const sa = await connect(one.url, a.accessToken);
    const sb = await connect(two.url, b.accessToken);
    expect((await emitAck(sa, 'room:join', { roomId })).ok).toBe(true);
    expect((await emitAck(sb, 'room:join', { roomId })).ok).toBe(true);
    const got: number[] = [];
    sb.on('message:new', (m: { seq: number }) => got.push(m.seq));
    for (let i = 1; i <= 5; i++) {
      const res = await emitAck(sa, 'message:send', { roomId, clientMsgId: `x${i}`, body: `across ${i}` });
      expect(res).toMatchObject({ ok: true, data: { seq: i } });
    }
    for (let i = 0; i < 100 && got.length < 5; i++) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 200));
    expect(got).toEqual([1, 2, 3, 4, 5]);
  });

  it('a member removed from a group on one instance leaves the room on both, at once', async () => {
    const admin = await registerAdmin(one);
    const [owner, b] = await Promise.all([registerUser(one, 'own'), registerUser(one, 'r2')]);
    const community = await createCommunity(one, admin);
    const theme = await createTheme(one, owner);
    const group = await createGroup(one, admin, community.id, [theme.id]);
    await joinGroup(one, owner, group.id);
    await joinGroup(two, b, group.id);
    const roomId = group.roomId;
    const onOne = await connect(one.url, b.accessToken);
    const onTwo = await connect(two.url, b.accessToken);
    const sa = await connect(one.url, owner.accessToken);
    for (const s of [onOne, onTwo, sa]) expect((await emitAck(s, 'room:join', { roomId })).ok).toBe(true);
    const removedOne = waitFor(onOne, 'room:removed');
    const removedTwo = waitFor(onTwo, 'room:removed');
    await one.http().delete(`/api/groups/${group.id}/members/${b.id}`).set(bearer(admin)).expect(204);
    expect(await removedOne).toMatchObject({ roomId });
    expect(await removedTwo).toMatchObject({ roomId });
    const leaked: unknown[] = [];
    onOne.on('message:new', (m) => leaked.push(m));
    onTwo.on('message:new', (m) => leaked.push(m));
    const sent = waitFor(sa, 'message:new');
    expect((await emitAck(sa, 'message:send', { roomId, clientMsgId: 'after-removal', body: 'not for b' })).ok).toBe(true);
    await sent;
    await new Promise((r) => setTimeout(r, 300));
    expect(leaked).toEqual([]);
    expect(await emitAck(onTwo, 'message:send', { roomId, clientMsgId: 'b-tries', body: 'hi' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('suspending an account on one instance disconnects its sockets on the other', async () => {
    const admin = await registerAdmin(one);
    const u = await registerUser(one, 'sx');
    const onTwo = await connect(two.url, u.accessToken);
    const ended = waitFor(onTwo, 'disconnect');
    await one.http().patch(`/api/admin/users/${u.id}`).set(bearer(admin)).send({ status: 'suspended' }).expect(200);
    expect(await ended).toBe('io server disconnect');
  });
}
