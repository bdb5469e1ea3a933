import { DataSource } from 'typeorm';
import { NotificationsService } from '@hearth/notifications';
import { createTestApp, TestApp } from './support/test-app';
import { bearer, registerUser, TestUser } from './support/users';
import { closeAllSockets, collect, connect, sleep, waitFor } from './support/sockets';
import { giveSupportRelationship, registerPeer } from './support/recovery';

describe('notification preferences and pruning', () => {
  let t: TestApp;
  let owner: TestUser;
  let peer: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await registerUser(t, 'np');
    peer = await registerPeer(t, 'nppeer');
    await giveSupportRelationship(t, owner, peer);
    await t.http().put('/api/me/recovery/plan').set(bearer(owner)).send({ statement: 'mine' }).expect(200);
  });
  afterAll(async () => {
    closeAllSockets();
    await t.close();
  });

  const prefs = (u: TestUser) => t.http().get('/api/me/notification-preferences').set(bearer(u));
  const setPrefs = (u: TestUser, preferences: object[]) => t.http().patch('/api/me/notification-preferences').set(bearer(u)).send({ preferences });
  const share = () => t.http().post('/api/me/recovery/shares').set(bearer(owner)).send({ peerId: peer.id, parts: { statement: true } }).expect(201);
  const notes = async (u: TestUser, kind: string) =>
    (await t.http().get('/api/me/notifications?limit=100').set(bearer(u)).expect(200)).body.items.filter((n: { kind: string }) => n.kind === kind);

  it('lists every kind, both on by default', async () => {
    const body = (await prefs(await registerUser(t, 'np2')).expect(200)).body;
    expect(body.preferences).toEqual(expect.arrayContaining([{ kind: 'mention', inApp: true, live: true }, { kind: 'recovery_comment', inApp: true, live: true }]));
    expect(body.preferences.every((p: { inApp: boolean; live: boolean }) => p.inApp && p.live)).toBe(true);
  });

  it('a kind on is stored and pushed live as `notification`', async () => {
    const s = await connect(t.url, peer.accessToken);
    const live = waitFor<{ kind: string; data: { shareId: string } }>(s, 'notification', (n) => n.kind === 'recovery_share');
    const created = (await share()).body;
    expect((await live).data.shareId).toBe(created.id);
    expect((await notes(peer, 'recovery_share')).map((n: { data: { shareId: string } }) => n.data.shareId)).toContain(created.id);
  });

  it('live off: stored in the centre but not pushed', async () => {
    await setPrefs(peer, [{ kind: 'recovery_share', live: false }]).expect(200);
    const s = await connect(t.url, peer.accessToken);
    const pushed = collect<{ kind: string }>(s, 'notification');
    const created = (await share()).body;
    await sleep(300);
    expect(pushed.filter((n) => n.kind === 'recovery_share')).toEqual([]);
    expect((await notes(peer, 'recovery_share')).map((n: { data: { shareId: string } }) => n.data.shareId)).toContain(created.id);
    const body = (await prefs(peer).expect(200)).body;
    expect(body.preferences.find((p: { kind: string }) => p.kind === 'recovery_share')).toEqual({ kind: 'recovery_share', inApp: true, live: false });
  });

  it('in-app off: not stored at all (and so not pushed); other kinds are unaffected', async () => {
    await setPrefs(owner, [{ kind: 'recovery_comment', inApp: false }]).expect(200);
    const s = await connect(t.url, owner.accessToken);
    const pushed = collect<{ kind: string }>(s, 'notification');
    const created = (await share()).body;
    await t.http().post(`/api/recovery/shared/${created.id}/comments`).set(bearer(peer)).send({ part: 'statement', body: 'hi' }).expect(201);
    await sleep(300);
    expect(await notes(owner, 'recovery_comment')).toEqual([]);
    expect(pushed).toEqual([]);
    // The comment itself is there for the owner to read.
    expect((await t.http().get(`/api/me/recovery/shares/${created.id}`).set(bearer(owner)).expect(200)).body.commentCount).toBe(1);
    await setPrefs(owner, [{ kind: 'recovery_comment', inApp: true }]).expect(200);
    await t.http().post(`/api/recovery/shared/${created.id}/comments`).set(bearer(peer)).send({ part: 'statement', body: 'again' }).expect(201);
    expect(await notes(owner, 'recovery_comment')).toHaveLength(1);
  });

  it('refuses unknown kinds, repeated kinds, an empty list and wrong types', async () => {
    for (const body of [
      { preferences: [{ kind: 'marketing', live: false }] },
      { preferences: [{ kind: 'mention', live: false }, { kind: 'mention', inApp: false }] },
      { preferences: [] },
      { preferences: [{ kind: 'mention', live: 'no' }] },
      { preferences: [{ kind: 'mention', live: null }] },
      {},
    ]) {
      const res = await t.http().patch('/api/me/notification-preferences').set(bearer(owner)).send(body);
      expect([body, res.status, res.body.code]).toEqual([body, 400, 'VALIDATION_FAILED']);
    }
  });

  it('pruning deletes read notifications older than the retention (30 days by default) and keeps unread ones however old', async () => {
    const u = await registerUser(t, 'prune');
    const ds = t.app.get(DataSource);
    const insert = (readAt: string | null, createdAt: string) =>
      ds.query(`INSERT INTO notifications (user_id, kind, data, read_at, created_at) VALUES ($1, 'mention', '{}', ${readAt ?? 'NULL'}, ${createdAt}) RETURNING id`, [u.id]).then((r) => r[0].id as string);
    const oldRead = await insert(`now() - interval '40 days'`, `now() - interval '41 days'`);
    const recentRead = await insert(`now() - interval '1 day'`, `now() - interval '41 days'`);
    const oldUnread = await insert(null, `now() - interval '400 days'`);
    const pruned = await t.app.get(NotificationsService).pruneRead();
    expect(pruned).toBeGreaterThanOrEqual(1);
    const left: Array<{ id: string }> = await ds.query(`SELECT id FROM notifications WHERE user_id = $1`, [u.id]);
    expect(left.map((r) => r.id).sort()).toEqual([recentRead, oldUnread].sort());
    expect(left.map((r) => r.id)).not.toContain(oldRead);
  });
});
