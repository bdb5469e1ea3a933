import { createTestApp, TestApp } from './support/test-app';
import { bearer, TestUser } from './support/users';
import { count, isRoomMember, snapshot } from './support/groups';
import { createWorld, World } from './support/world';

/*
 * The authorization matrix: for each route, what each kind of caller gets.
 * Every case runs against a group of its own (owner, moderator, member, a pending
 * request from the non-member and an invite), so mutations never leak between cases.
 */
type Who = 'anonymous' | 'member' | 'nonMember' | 'moderator' | 'otherCommunityAdmin' | 'communityAdmin' | 'platformAdmin' | 'owner';
const WHO: Who[] = ['anonymous', 'member', 'nonMember', 'moderator', 'otherCommunityAdmin', 'communityAdmin', 'platformAdmin', 'owner'];

interface Fixture {
  groupId: string;
  roomId: string;
  requestId: string;
  inviteId: string;
}

/** The shared world, under the names this matrix uses. */
type Cast = World & { nonMember: TestUser; communityId: string; themeId: string };

type Call = (t: TestApp, f: Fixture, cast: Cast) => { method: 'get' | 'post' | 'patch' | 'delete'; url: string; body?: object };

describe('groups authorization matrix', () => {
  let t: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    t = await createTestApp();
    const w = await createWorld(t);
    cast = { ...w, nonMember: w.outsider, communityId: w.community.id, themeId: w.theme.id };
  });
  afterAll(() => t.close());

  const userFor = (who: Who): TestUser | null => (who === 'anonymous' ? null : cast[who]);

  async function fixture(extra: Record<string, unknown>): Promise<Fixture> {
    const group = await cast.addGroup(extra);
    const { DataSource } = require('typeorm') as typeof import('typeorm');
    const ds = t.app.get(DataSource);
    const [req] = await ds.query(`INSERT INTO group_join_requests (group_id, user_id) VALUES ($1, $2) RETURNING id`, [group.id, cast.nonMember.id]);
    const inv = await t.http().post(`/api/groups/${group.id}/invites`).set(bearer(cast.owner)).send({}).expect(201);
    return { groupId: group.id, roomId: group.roomId, requestId: req.id, inviteId: inv.body.id };
  }

  async function call(who: Who, c: ReturnType<Call>) {
    const u = userFor(who);
    let r = t.http()[c.method](c.url);
    if (u) r = r.set(bearer(u));
    return c.body ? r.send(c.body) : r;
  }

  // Expected statuses, in WHO order: anonymous, member, nonMember, moderator, otherCommunityAdmin, communityAdmin, platformAdmin, owner.
  const routes: Array<[string, Call, { public: number[]; private: number[] }]> = [
    ['GET /groups/:id', (_t, f) => ({ method: 'get', url: `/api/groups/${f.groupId}` }), { public: [401, 200, 200, 200, 200, 200, 200, 200], private: [401, 200, 404, 200, 404, 200, 200, 200] }],
    ['GET /groups/:id/members', (_t, f) => ({ method: 'get', url: `/api/groups/${f.groupId}/members` }), { public: [401, 200, 403, 200, 403, 200, 200, 200], private: [401, 200, 404, 200, 404, 200, 200, 200] }],
    ['PATCH /groups/:id', (_t, f) => ({ method: 'patch', url: `/api/groups/${f.groupId}`, body: { description: 'changed' } }), { public: [401, 403, 403, 403, 403, 200, 200, 200], private: [401, 403, 404, 403, 404, 200, 200, 200] }],
    ['POST /groups/:id/archive', (_t, f) => ({ method: 'post', url: `/api/groups/${f.groupId}/archive` }), { public: [401, 403, 403, 403, 403, 200, 200, 200], private: [401, 403, 404, 403, 404, 200, 200, 200] }],
    ['GET /groups/:id/join-requests', (_t, f) => ({ method: 'get', url: `/api/groups/${f.groupId}/join-requests` }), { public: [401, 403, 403, 200, 403, 200, 200, 200], private: [401, 403, 404, 200, 404, 200, 200, 200] }],
    ['POST …/join-requests/:id/approve', (_t, f) => ({ method: 'post', url: `/api/groups/${f.groupId}/join-requests/${f.requestId}/approve` }), { public: [401, 403, 403, 200, 403, 200, 200, 200], private: [401, 403, 404, 200, 404, 200, 200, 200] }],
    ['POST …/join-requests/:id/decline', (_t, f) => ({ method: 'post', url: `/api/groups/${f.groupId}/join-requests/${f.requestId}/decline`, body: { reason: 'not now' } }), { public: [401, 403, 403, 200, 403, 200, 200, 200], private: [401, 403, 404, 200, 404, 200, 200, 200] }],
    ['POST /groups/:id/invites', (_t, f) => ({ method: 'post', url: `/api/groups/${f.groupId}/invites`, body: {} }), { public: [401, 403, 403, 201, 403, 201, 201, 201], private: [401, 403, 404, 201, 404, 201, 201, 201] }],
    ['GET /groups/:id/invites', (_t, f) => ({ method: 'get', url: `/api/groups/${f.groupId}/invites` }), { public: [401, 403, 403, 200, 403, 200, 200, 200], private: [401, 403, 404, 200, 404, 200, 200, 200] }],
    ['DELETE /groups/:id/invites/:id', (_t, f) => ({ method: 'delete', url: `/api/groups/${f.groupId}/invites/${f.inviteId}` }), { public: [401, 403, 403, 204, 403, 204, 204, 204], private: [401, 403, 404, 204, 404, 204, 204, 204] }],
    ['PATCH /groups/:id/members/:member (role)', (_t, f, c) => ({ method: 'patch', url: `/api/groups/${f.groupId}/members/${c.member.id}`, body: { role: 'moderator' } }), { public: [401, 403, 403, 403, 403, 200, 200, 200], private: [401, 403, 404, 403, 404, 200, 200, 200] }],
    ['DELETE /groups/:id/members/:moderator', (_t, f, c) => ({ method: 'delete', url: `/api/groups/${f.groupId}/members/${c.moderator.id}` }), { public: [401, 403, 403, 204, 403, 204, 204, 204], private: [401, 403, 404, 204, 404, 204, 204, 204] }],
    ['DELETE /groups/:id/members/:owner', (_t, f, c) => ({ method: 'delete', url: `/api/groups/${f.groupId}/members/${c.owner.id}` }), { public: [401, 403, 403, 403, 403, 204, 204, 409], private: [401, 403, 404, 403, 404, 204, 204, 409] }],
    ['POST /groups/:id/join', (_t, f) => ({ method: 'post', url: `/api/groups/${f.groupId}/join`, body: {} }), { public: [401, 201, 201, 201, 201, 201, 201, 201], private: [401, 201, 404, 201, 404, 201, 201, 201] }],
    ['POST /groups/:id/leave', (_t, f) => ({ method: 'post', url: `/api/groups/${f.groupId}/leave` }), { public: [401, 204, 204, 204, 403, 403, 403, 409], private: [401, 204, 404, 204, 404, 403, 403, 409] }],
  ];
  // Notes on surprising cells: the moderator "removing" themselves is leaving (204); the owner removing
  // or leaving as the last owner is a 409; the non-member's leave withdraws their pending request (204).

  for (const visibility of ['public', 'private'] as const) {
    describe(`${visibility} group`, () => {
      const cases = routes.flatMap(([name, callFn, expected]) => WHO.map((who, i) => [name, who, expected[visibility][i], callFn] as const));
      it.each(cases)('%s as %s → %i', async (_name, who, status, callFn) => {
        const f = await fixture({ visibility, joinPolicy: 'open' });
        const res = await call(who, callFn(t, f, cast));
        expect({ status: res.status, code: res.body?.code }).toEqual(expect.objectContaining({ status }));
        if (status === 404) expect(res.body.code).toBe('NOT_FOUND');
        if (status === 401) expect(res.body.code).toBe('UNAUTHENTICATED');
      });
    });
  }

  describe('refused calls change nothing', () => {
    it.each(['member', 'nonMember', 'otherCommunityAdmin'] as const)('a %s cannot remove a member, change a role or archive: no row moves', async (who) => {
      const f = await fixture({ visibility: 'public', joinPolicy: 'open' });
      const before = await snapshot(t);
      await call(who, { method: 'delete', url: `/api/groups/${f.groupId}/members/${cast.member.id}` }).then((r) => expect(r.status).toBe(who === 'member' ? 204 : 403));
      if (who === 'member') return; // removing yourself is leaving
      await call(who, { method: 'patch', url: `/api/groups/${f.groupId}/members/${cast.member.id}`, body: { role: 'owner' } }).then((r) => expect(r.status).toBe(403));
      await call(who, { method: 'post', url: `/api/groups/${f.groupId}/archive` }).then((r) => expect(r.status).toBe(403));
      expect(await snapshot(t)).toEqual(before);
      expect(await isRoomMember(t, f.roomId, cast.member.id)).toBe(true);
    });

    it('a moderator cannot promote anyone or remove another moderator', async () => {
      const f = await fixture({ visibility: 'public', joinPolicy: 'open' });
      await call('moderator', { method: 'patch', url: `/api/groups/${f.groupId}/members/${cast.member.id}`, body: { role: 'moderator' } }).then((r) => expect(r.status).toBe(403));
      await t.http().patch(`/api/groups/${f.groupId}/members/${cast.member.id}`).set(bearer(cast.owner)).send({ role: 'moderator' }).expect(200);
      const res = await call('moderator', { method: 'delete', url: `/api/groups/${f.groupId}/members/${cast.member.id}` });
      expect(res.status).toBe(403);
      expect(await isRoomMember(t, f.roomId, cast.member.id)).toBe(true);
    });
  });

  describe('discovery respects privacy', () => {
    it('a private group is listed only for its members and its community’s admins', async () => {
      const f = await fixture({ visibility: 'private', joinPolicy: 'invite' });
      for (const who of WHO.filter((w) => w !== 'anonymous')) {
        const res = await call(who, { method: 'get', url: `/api/groups?communityId=${cast.communityId}&limit=100` });
        expect(res.status).toBe(200);
        const listed = res.body.items.some((g: { id: string }) => g.id === f.groupId);
        expect([who, listed]).toEqual([who, !['nonMember', 'otherCommunityAdmin'].includes(who)]);
      }
      const recs = await call('nonMember', { method: 'get', url: '/api/me/recommendations/groups?limit=50' });
      expect(recs.body.items.map((g: { id: string }) => g.id)).not.toContain(f.groupId);
    });

    it('a non-member cannot tell a private group from a missing one, even with a join or invite call', async () => {
      const f = await fixture({ visibility: 'private', joinPolicy: 'open' });
      const missing = '00000000-0000-4000-8000-00000000abcd';
      for (const id of [f.groupId, missing]) {
        const res = await call('nonMember', { method: 'post', url: `/api/groups/${id}/join`, body: {} });
        expect({ status: res.status, code: res.body.code, message: res.body.message }).toEqual({ status: 404, code: 'NOT_FOUND', message: 'Group not found' });
      }
      expect(await count(t, `SELECT count(*) FROM group_members WHERE group_id = $1 AND user_id = $2`, [f.groupId, cast.nonMember.id])).toBe(0);
    });
  });

  describe('creating groups in a community', () => {
    const create = (who: Who, communityId: string) =>
      call(who, {
        method: 'post',
        url: `/api/communities/${communityId}/groups`,
        body: { name: `G ${who} ${Math.random()}`, description: 'x', themeIds: [cast.themeId], visibility: 'public', joinPolicy: 'open' },
      });

    it('only its community admins and platform admins, unless members may create groups', async () => {
      const expected: Record<Who, number> = { anonymous: 401, member: 403, nonMember: 403, moderator: 403, otherCommunityAdmin: 403, communityAdmin: 201, platformAdmin: 201, owner: 403 };
      for (const who of WHO) expect([who, (await create(who, cast.communityId)).status]).toEqual([who, expected[who]]);
      await t.http().patch(`/api/communities/${cast.communityId}`).set(bearer(cast.communityAdmin)).send({ membersCanCreateGroups: true }).expect(200);
      expect((await create('nonMember', cast.communityId)).status).toBe(201);
      await t.http().patch(`/api/communities/${cast.communityId}`).set(bearer(cast.communityAdmin)).send({ membersCanCreateGroups: false }).expect(200);
    });
  });

  describe('routes that need an account', () => {
    it.each([
      ['get', '/api/groups'],
      ['get', '/api/me/groups'],
      ['get', '/api/me/recommendations/groups'],
      ['get', '/api/me/join-requests'],
      ['post', '/api/invites/accept'],
      ['post', '/api/invites/preview'],
    ] as const)('%s %s is 401 without a token', async (method, url) => {
      const res = await t.http()[method](url).send({ token: 'x' });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
    });
  });
});
