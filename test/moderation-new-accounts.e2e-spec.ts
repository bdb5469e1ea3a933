import { createTestApp, TestApp } from './support/test-app';
import { bearer, makeAdmin, registerUser, TestUser } from './support/users';
import { db } from './support/groups';
import { closeAllSockets } from './support/sockets';
import { joined, modWorld, ModWorld, send } from './support/moderation';

describe('new accounts (first 24 hours)', () => {
  let t: TestApp;
  let w: ModWorld;

  beforeAll(async () => {
    t = await createTestApp({ env: { MODERATION_NEW_ACCOUNT_HOURS: '24' } });
    w = await modWorld(t);
  });
  afterEach(() => closeAllSockets());
  afterAll(() => t.close());

  /** A fresh token, so the new platform role is in it. */
  const relogin = async (u: TestUser): Promise<TestUser> => {
    const res = await t.http().post('/api/auth/login').send({ username: u.username, password: u.password }).expect(200);
    return { ...u, accessToken: res.body.accessToken as string };
  };

  it('cannot post links; older accounts and peer workers can', async () => {
    const s = await joined(t, w.member, w.roomId);
    for (const body of ['see https://example.org', 'go to www.example.org', 'cheap-pills.com now']) {
      expect(await send(s, w.roomId, body)).toMatchObject({ ok: false, error: { code: 'NEW_ACCOUNT_LIMIT' } });
    }
    expect((await send(s, w.roomId, 'no links here, just words. ok.')).ok).toBe(true);
    await db(t).query(`UPDATE users SET created_at = now() - interval '25 hours' WHERE id = $1`, [w.member.id]);
    expect((await send(s, w.roomId, 'see https://example.org')).ok).toBe(true);
    // Peer workers are trusted with links from the start.
    await makeAdmin(t, w.member2, 'peer');
    const peerSocket = await joined(t, (await relogin(w.member2)), w.roomId);
    expect((await send(peerSocket, w.roomId, 'resources: https://findahelpline.com')).ok).toBe(true);
  });

  it('cannot start a direct conversation with a non-peer, but can with a peer worker', async () => {
    const fresh = await registerUser(t, 'fresh');
    const [other, peer] = await Promise.all([registerUser(t, 'other'), registerUser(t, 'peerw')]);
    await makeAdmin(t, peer, 'peer');
    await db(t).query(`UPDATE users SET dm_policy = 'anyone' WHERE id = ANY($1::uuid[])`, [[other.id, peer.id]]);
    const refused = await t.http().post('/api/rooms/direct').set(bearer(fresh)).send({ userId: other.id });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('NEW_ACCOUNT_LIMIT');
    await t.http().post('/api/rooms/direct').set(bearer(fresh)).send({ userId: peer.id }).expect(200);
  });
});
