import { createTestApp, TestApp } from './support/test-app';
import { bearer, registerAdmin, registerUser, TestUser } from './support/users';
import { appointCommunityAdmin, createCommunity, createGroup, createTheme, db, joinGroup, setRole } from './support/groups';
import { apply, askForSupport, makePeer, record } from './support/peers';

/*
 * The authorization matrix of peer support: for each route, what each kind of caller gets.
 * Every case gets a member of its own with an active session with `peer` and a second,
 * waiting request, so mutations never leak between cases.
 */
type Who = 'anonymous' | 'member' | 'requester' | 'peer' | 'otherPeer' | 'moderator' | 'communityAdmin' | 'platformAdmin';
const WHO: Who[] = ['anonymous', 'member', 'requester', 'peer', 'otherPeer', 'moderator', 'communityAdmin', 'platformAdmin'];

interface Cast {
  member: TestUser;
  peer: TestUser;
  otherPeer: TestUser;
  moderator: TestUser;
  communityAdmin: TestUser;
  platformAdmin: TestUser;
  communityId: string;
}

interface Fixture {
  requester: TestUser;
  sessionId: string;
  waitingId: string;
  recordId?: string;
}

type Need = 'pendingRecord' | 'verifiedRecord';
type Call = (f: Fixture, c: Cast) => { method: 'get' | 'post' | 'patch' | 'delete'; url: string; body?: object };

describe('peer support authorization matrix', () => {
  let t: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    t = await createTestApp();
    const platformAdmin = await registerAdmin(t);
    const community = await createCommunity(t, platformAdmin);
    const [member, moderator, communityAdmin] = await Promise.all(['member', 'mod', 'cadmin'].map((p) => registerUser(t, p)));
    await appointCommunityAdmin(t, platformAdmin, community.id, communityAdmin);
    const theme = await createTheme(t, communityAdmin);
    const group = await createGroup(t, communityAdmin, community.id, [theme.id], { visibility: 'public', joinPolicy: 'open' });
    await joinGroup(t, moderator, group.id);
    await setRole(t, communityAdmin, group.id, moderator, 'moderator');
    const peer = await makePeer(t, platformAdmin, { maxSessions: 20, languages: ['en'] }, 'peer');
    const otherPeer = await makePeer(t, platformAdmin, { maxSessions: 20, languages: ['en'] }, 'other');
    cast = { member, peer, otherPeer, moderator, communityAdmin, platformAdmin, communityId: community.id };
  });
  afterAll(() => t.close());

  async function fixture(needs: Need[]): Promise<Fixture> {
    const requester = await registerUser(t, 'req');
    const first = await askForSupport(t, requester, { preferredPeerId: cast.peer.id, communityId: cast.communityId });
    const accepted = await t.http().post(`/api/support-requests/${first.id}/accept`).set(bearer(cast.peer)).expect(200);
    const waiting = await askForSupport(t, requester, {});
    await db(t).query(`UPDATE peer_profiles SET active_sessions = 0 WHERE user_id = ANY($1::uuid[])`, [[cast.peer.id, cast.otherPeer.id]]);
    const f: Fixture = { requester, sessionId: accepted.body.sessionId, waitingId: waiting.id };
    if (needs.includes('pendingRecord')) f.recordId = (await apply(t, await registerUser(t, 'applicant'))).trainingRecords[0].id;
    if (needs.includes('verifiedRecord')) {
      const p = await makePeer(t, cast.platformAdmin);
      f.recordId = (await t.http().get('/api/peers/me/application').set(bearer(p)).expect(200)).body.trainingRecords[0].id;
    }
    return f;
  }

  const userFor = (who: Who, f: Fixture): TestUser | null => (who === 'anonymous' ? null : who === 'requester' ? f.requester : cast[who]);

  // Expected statuses, in WHO order: anonymous, member, requester, peer, otherPeer, moderator, communityAdmin, platformAdmin.
  const routes: Array<[string, Call, number[], Need[]?]> = [
    ['GET /peers/me/application', () => ({ method: 'get', url: '/api/peers/me/application' }), [401, 404, 404, 200, 200, 404, 404, 404]],
    ['POST /peers/me/training-records', () => ({ method: 'post', url: '/api/peers/me/training-records', body: record() }), [401, 404, 404, 201, 201, 404, 404, 404]],
    ['GET /me/peer-profile', () => ({ method: 'get', url: '/api/me/peer-profile' }), [401, 404, 404, 200, 200, 404, 404, 404]],
    ['PATCH /me/peer-profile', () => ({ method: 'patch', url: '/api/me/peer-profile', body: { bio: 'changed' } }), [401, 404, 404, 200, 200, 404, 404, 404]],
    ['POST /me/peer-profile/resume', () => ({ method: 'post', url: '/api/me/peer-profile/resume' }), [401, 403, 403, 200, 200, 403, 403, 403]],
    ['GET /peers/me/requests', () => ({ method: 'get', url: '/api/peers/me/requests' }), [401, 403, 403, 200, 200, 403, 403, 403]],
    ['GET /peers/me/feedback', () => ({ method: 'get', url: '/api/peers/me/feedback' }), [401, 200, 200, 200, 200, 200, 200, 200]],
    ['GET /admin/peer-applications', () => ({ method: 'get', url: '/api/admin/peer-applications' }), [401, 403, 403, 403, 403, 403, 403, 200]],
    ['POST /admin/training-records/:id/verify', (f) => ({ method: 'post', url: `/api/admin/training-records/${f.recordId}/verify` }), [401, 403, 403, 403, 403, 403, 403, 200], ['pendingRecord']],
    ['POST /admin/training-records/:id/reject', (f) => ({ method: 'post', url: `/api/admin/training-records/${f.recordId}/reject`, body: { reason: 'not recognised' } }), [401, 403, 403, 403, 403, 403, 403, 200], ['pendingRecord']],
    ['POST /admin/training-records/:id/revoke', (f) => ({ method: 'post', url: `/api/admin/training-records/${f.recordId}/revoke`, body: { reason: 'not confirmed' } }), [401, 403, 403, 403, 403, 403, 403, 200], ['verifiedRecord']],
    ['GET /admin/peers', () => ({ method: 'get', url: '/api/admin/peers' }), [401, 403, 403, 403, 403, 403, 403, 200]],
    ['GET /admin/support-stats', () => ({ method: 'get', url: '/api/admin/support-stats' }), [401, 403, 403, 403, 403, 403, 403, 200]],
    ['GET /communities/:id/support-stats', (_f, c) => ({ method: 'get', url: `/api/communities/${c.communityId}/support-stats` }), [401, 403, 403, 403, 403, 403, 200, 200]],
    ['GET /support-requests/:waiting', (f) => ({ method: 'get', url: `/api/support-requests/${f.waitingId}` }), [401, 404, 200, 404, 404, 404, 404, 404]],
    ['POST /support-requests/:waiting/choose', (f) => ({ method: 'post', url: `/api/support-requests/${f.waitingId}/choose`, body: { firstAvailable: true } }), [401, 404, 200, 404, 404, 404, 404, 404]],
    ['DELETE /support-requests/:waiting', (f) => ({ method: 'delete', url: `/api/support-requests/${f.waitingId}` }), [401, 404, 204, 404, 404, 404, 404, 404]],
    ['POST /support-requests/:waiting/accept', (f) => ({ method: 'post', url: `/api/support-requests/${f.waitingId}/accept` }), [401, 403, 403, 200, 200, 403, 403, 403]],
    ['POST /support-requests/:waiting/decline', (f) => ({ method: 'post', url: `/api/support-requests/${f.waitingId}/decline` }), [401, 403, 403, 204, 204, 403, 403, 403]],
    ['GET /me/support-sessions', () => ({ method: 'get', url: '/api/me/support-sessions' }), [401, 200, 200, 200, 200, 200, 200, 200]],
    ['GET /support-sessions/:id', (f) => ({ method: 'get', url: `/api/support-sessions/${f.sessionId}` }), [401, 404, 200, 200, 404, 404, 404, 404]],
    ['POST /support-sessions/:id/end', (f) => ({ method: 'post', url: `/api/support-sessions/${f.sessionId}/end` }), [401, 404, 200, 200, 404, 404, 404, 404]],
    ['POST /support-sessions/:id/rematch', (f) => ({ method: 'post', url: `/api/support-sessions/${f.sessionId}/rematch` }), [401, 404, 201, 403, 404, 404, 404, 404]],
    ['POST /support-sessions/:id/handover', (f, c) => ({ method: 'post', url: `/api/support-sessions/${f.sessionId}/handover`, body: { peerId: c.otherPeer.id } }), [401, 403, 403, 200, 404, 403, 403, 403]],
    ['POST /support-sessions/:id/handover/consent', (f) => ({ method: 'post', url: `/api/support-sessions/${f.sessionId}/handover/consent`, body: { consent: true } }), [401, 404, 409, 403, 404, 404, 404, 404]],
    ['POST /support-sessions/:id/feedback', (f) => ({ method: 'post', url: `/api/support-sessions/${f.sessionId}/feedback`, body: { rating: 5 } }), [401, 404, 201, 403, 404, 404, 404, 404]],
    ['POST /support-requests', () => ({ method: 'post', url: '/api/support-requests', body: { themeIds: [], language: 'en' } }), [401, 201, 409, 201, 201, 201, 201, 201]],
    // Last: applying gives the cast a profile, which would change the cells above.
    ['POST /peers/applications', () => ({ method: 'post', url: '/api/peers/applications', body: { bio: 'b', languages: ['en'], themeIds: [], trainingRecords: [record()] } }), [401, 201, 201, 409, 409, 201, 201, 201]],
  ];
  // Notes: the session's member asking to hand over is refused as not a peer (403) before the session is looked at;
  // a verified peer who is not in the session gets 404 (it does not exist for them), like every other outsider.

  const cases = routes.flatMap(([name, callFn, expected, needs]) => WHO.map((who, i) => [name, who, expected[i], callFn, needs ?? []] as const));
  it.each(cases)('%s as %s → %i', async (_name, who, status, callFn, needs) => {
    const f = await fixture([...needs]);
    const c = callFn(f, cast);
    const u = userFor(who, f);
    let r = t.http()[c.method](c.url);
    if (u) r = r.set(bearer(u));
    const res = await (c.body ? r.send(c.body) : r);
    expect({ status: res.status, code: res.body?.code }).toEqual(expect.objectContaining({ status }));
    if (status === 404) expect(res.body.code).toBe('NOT_FOUND');
    if (status === 401) expect(res.body.code).toBe('UNAUTHENTICATED');
  });
});
