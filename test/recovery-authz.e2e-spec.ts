import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from './support/test-app';
import { bearer, makeAdmin, TestUser } from './support/users';
import { createWorld } from './support/world';
import { giveSupportRelationship, registerPeer } from './support/recovery';

/*
 * The authorization matrix for recovery: for each route that touches someone's
 * plan, what each kind of caller gets. The plan belongs to a group member; the
 * group's moderator is a peer worker with a support relationship with them (but
 * nothing shared); the shared peer has an active share. Every case gets fresh objects.
 */
type Who = 'anonymous' | 'owner' | 'otherMember' | 'sharedPeer' | 'otherPeer' | 'moderatorPeer' | 'communityAdmin' | 'platformAdmin';
const WHO: Who[] = ['anonymous', 'owner', 'otherMember', 'sharedPeer', 'otherPeer', 'moderatorPeer', 'communityAdmin', 'platformAdmin'];

interface Fixture {
  goalId: string;
  stepId: string;
  indicatorId: string;
  checkInId: string;
  shareId: string;
}

type Call = (f: Fixture) => { method: 'get' | 'post' | 'put' | 'patch' | 'delete'; url: string; body?: object };

describe('recovery authorization matrix', () => {
  let t: TestApp;
  let people: Record<Exclude<Who, 'anonymous'>, TestUser>;

  beforeAll(async () => {
    t = await createTestApp();
    const world = await createWorld(t);
    const owner = world.member;
    const sharedPeer = await registerPeer(t, 'shpeer');
    const otherPeer = world.peer;
    const moderatorPeer = await makeAdmin(t, world.moderator, 'peer');
    for (const p of [sharedPeer, otherPeer, moderatorPeer]) await giveSupportRelationship(t, owner, p);
    people = { owner, otherMember: world.secondMember, sharedPeer, otherPeer, moderatorPeer, communityAdmin: world.communityAdmin, platformAdmin: world.platformAdmin };
  });
  afterAll(() => t.close());

  async function fixture(): Promise<Fixture> {
    const owner = people.owner;
    const post = (url: string, body: object) => t.http().post(url).set(bearer(owner)).send(body).expect(201);
    // A clean slate each case, so the per-person caps (goals, indicators, active shares) are never reached.
    const ds = t.app.get(DataSource);
    for (const sql of ['DELETE FROM recovery_shares WHERE owner_id = $1', 'DELETE FROM recovery_goals WHERE user_id = $1', 'DELETE FROM recovery_indicators WHERE user_id = $1']) await ds.query(sql, [owner.id]);
    await t.http().put('/api/me/recovery/plan').set(bearer(owner)).send({ statement: 'owner statement' }).expect(200);
    const goal = (await post('/api/me/recovery/goals', { title: 'owner goal', steps: [{ text: 'owner step' }] })).body;
    const ind = (await post('/api/me/recovery/indicators', { name: 'owner indicator', scaleMin: 0, scaleMax: 10 })).body;
    const checkIn = (await post(`/api/me/recovery/indicators/${ind.id}/check-ins`, { value: 5, note: 'owner note' })).body;
    const share = (await post('/api/me/recovery/shares', { peerId: people.sharedPeer.id, parts: { statement: true, goalIds: [goal.id], indicatorIds: [ind.id], safetyPlan: true } })).body;
    return { goalId: goal.id, stepId: goal.steps[0].id, indicatorId: ind.id, checkInId: checkIn.id, shareId: share.id };
  }

  async function call(who: Who, c: ReturnType<Call>) {
    let r = t.http()[c.method](c.url);
    if (who !== 'anonymous') r = r.set(bearer(people[who]));
    return c.body ? r.send(c.body) : r;
  }

  const own = (ok: number): number[] => [401, ok, 404, 404, 404, 404, 404, 404];
  // Expected statuses, in WHO order: anonymous, owner, otherMember, sharedPeer, otherPeer, moderatorPeer, communityAdmin, platformAdmin.
  const routes: Array<[string, Call, number[]]> = [
    ['GET goal', (f) => ({ method: 'get', url: `/api/me/recovery/goals/${f.goalId}` }), own(200)],
    ['PATCH goal', (f) => ({ method: 'patch', url: `/api/me/recovery/goals/${f.goalId}`, body: { title: 'taken over' } }), own(200)],
    ['DELETE goal', (f) => ({ method: 'delete', url: `/api/me/recovery/goals/${f.goalId}` }), own(204)],
    ['POST step', (f) => ({ method: 'post', url: `/api/me/recovery/goals/${f.goalId}/steps`, body: { text: 'x' } }), own(201)],
    ['PATCH step', (f) => ({ method: 'patch', url: `/api/me/recovery/goals/${f.goalId}/steps/${f.stepId}`, body: { done: true } }), own(200)],
    ['DELETE step', (f) => ({ method: 'delete', url: `/api/me/recovery/goals/${f.goalId}/steps/${f.stepId}` }), own(204)],
    ['GET indicator', (f) => ({ method: 'get', url: `/api/me/recovery/indicators/${f.indicatorId}` }), own(200)],
    ['PATCH indicator', (f) => ({ method: 'patch', url: `/api/me/recovery/indicators/${f.indicatorId}`, body: { name: 'x' } }), own(200)],
    ['DELETE indicator', (f) => ({ method: 'delete', url: `/api/me/recovery/indicators/${f.indicatorId}` }), own(204)],
    ['POST check-in', (f) => ({ method: 'post', url: `/api/me/recovery/indicators/${f.indicatorId}/check-ins`, body: { value: 1 } }), own(201)],
    ['GET check-ins', (f) => ({ method: 'get', url: `/api/me/recovery/indicators/${f.indicatorId}/check-ins` }), own(200)],
    ['GET trend', (f) => ({ method: 'get', url: `/api/me/recovery/indicators/${f.indicatorId}/trend` }), own(200)],
    ['GET CSV', (f) => ({ method: 'get', url: `/api/me/recovery/indicators/${f.indicatorId}/check-ins.csv` }), own(200)],
    ['PATCH check-in', (f) => ({ method: 'patch', url: `/api/me/recovery/check-ins/${f.checkInId}`, body: { value: 2 } }), own(200)],
    ['DELETE check-in', (f) => ({ method: 'delete', url: `/api/me/recovery/check-ins/${f.checkInId}` }), own(204)],
    ['GET my share', (f) => ({ method: 'get', url: `/api/me/recovery/shares/${f.shareId}` }), own(200)],
    ['DELETE (revoke) share', (f) => ({ method: 'delete', url: `/api/me/recovery/shares/${f.shareId}` }), own(204)],
    ['GET shared (peer read)', (f) => ({ method: 'get', url: `/api/recovery/shared/${f.shareId}` }), [401, 404, 404, 200, 404, 404, 404, 404]],
    ['POST comment', (f) => ({ method: 'post', url: `/api/recovery/shared/${f.shareId}/comments`, body: { part: 'statement', body: 'hello' } }), [401, 404, 404, 201, 404, 404, 404, 404]],
  ];

  const cases = routes.flatMap(([name, fn, expected]) => WHO.map((who, i) => [name, who, expected[i], fn] as const));
  it.each(cases)('%s as %s → %i', async (_name, who, status, fn) => {
    const f = await fixture();
    const res = await call(who, fn(f));
    expect({ status: res.status }).toEqual({ status });
    if (status === 404) expect(res.body.code).toBe('NOT_FOUND');
    if (status === 401) expect(res.body.code).toBe('UNAUTHENTICATED');
  });

  it('refused calls change nothing in the owner’s plan', async () => {
    const f = await fixture();
    const ds = t.app.get(DataSource);
    const state = () =>
      ds.query(
        `SELECT (SELECT json_agg(g ORDER BY g.id) FROM recovery_goals g WHERE user_id = $1) AS goals,
                (SELECT json_agg(s ORDER BY s.id) FROM recovery_goal_steps s WHERE user_id = $1) AS steps,
                (SELECT json_agg(i ORDER BY i.id) FROM recovery_indicators i WHERE user_id = $1) AS indicators,
                (SELECT json_agg(c ORDER BY c.id) FROM recovery_check_ins c WHERE user_id = $1) AS check_ins,
                (SELECT json_agg(s ORDER BY s.id) FROM recovery_shares s WHERE owner_id = $1) AS shares`,
        [people.owner.id],
      );
    const before = await state();
    for (const who of WHO.filter((w) => w !== 'owner' && w !== 'sharedPeer')) {
      for (const [, fn] of routes.filter(([, fn]) => fn(f).method !== 'get')) await call(who, fn(f));
    }
    expect(await state()).toEqual(before);
  });

  it('nobody but the owner sees the plan, goals, indicators, check-ins or safety plan through their own routes or the export', async () => {
    await fixture();
    await t.http().put('/api/me/safety-plan').set(bearer(people.owner)).send({ warningSigns: ['owner sign'], copingStrategies: [], distractions: [], peopleICanAsk: ['owner person'], services: [], saferSpace: [], whatMatters: [] }).expect(200);
    for (const who of WHO.filter((w): w is Exclude<Who, 'anonymous' | 'owner'> => w !== 'anonymous' && w !== 'owner')) {
      const u = people[who];
      const seen = await Promise.all(
        ['/api/me/recovery/plan', '/api/me/recovery/goals', '/api/me/recovery/indicators', '/api/me/safety-plan', '/api/me/recovery/shares', '/api/me/export', '/api/me/export.html'].map((url) =>
          t.http().get(url).set(bearer(u)).then((r) => r.text),
        ),
      );
      expect([who, seen.join('\n')]).not.toEqual([who, expect.stringMatching(/owner statement|owner goal|owner step|owner indicator|owner note|owner sign|owner person/)]);
    }
    // The shared peer reads the shared parts only through the share.
    const list = await t.http().get('/api/recovery/shared').set(bearer(people.sharedPeer)).expect(200);
    expect(JSON.stringify(list.body)).not.toMatch(/owner statement|owner goal|owner note/);
  });
});
