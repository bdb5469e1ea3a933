import { createTestApp, TestApp } from './support/test-app';
import { bearer, registerUser, TestUser } from './support/users';
import { closeAllSockets, collect, connect, sleep } from './support/sockets';
import { joinGroup } from './support/groups';
import { act, joined, modWorld, ModWorld, report, sendOk } from './support/moderation';

/*
 * The moderation authorization matrix: every role × every moderation route (and the
 * events), allowed and refused. Each case gets fresh objects (a message, a case, an
 * action with an appeal, a rule, a fresh person to suspend) in one shared world.
 */
type Who = 'anonymous' | 'member' | 'nonMember' | 'moderator' | 'otherModerator' | 'otherCommunityAdmin' | 'communityAdmin' | 'platformAdmin' | 'owner';
const WHO: Who[] = ['anonymous', 'member', 'nonMember', 'moderator', 'otherModerator', 'otherCommunityAdmin', 'communityAdmin', 'platformAdmin', 'owner'];

interface Fixture {
  messageId: string;
  caseId: string;
  actionId: string;
  appealId: string;
  ruleId: string;
  fresh: TestUser;
}

type Call = (w: ModWorld, f: Fixture) => { method: 'get' | 'post' | 'put' | 'patch' | 'delete'; url: string; body?: object };

describe('moderation authorization matrix', () => {
  let t: TestApp;
  let w: ModWorld;

  beforeAll(async () => {
    t = await createTestApp();
    w = await modWorld(t);
  });
  afterEach(() => closeAllSockets());
  afterAll(() => t.close());

  const userFor = (who: Who): TestUser | null => (who === 'anonymous' ? null : w[who]);

  async function fixture(): Promise<Fixture> {
    const s = await joined(t, w.member2, w.roomId);
    const m = await sendOk(s, w.roomId, 'a message to act on');
    // A reporter of its own per case: the daily report limits are not what this matrix tests.
    const reporter = await registerUser(t, 'rep');
    await joinGroup(t, reporter, w.groupId);
    const r = await report(t, reporter, { messageId: m.id, reason: 'other' }).expect(201);
    const a = await act(t, w.moderator, { action: 'warn', targetUserId: w.member.id, roomId: w.roomId, rule: 'Rule', reason: 'Reason' }).expect(201);
    const ap = await t.http().post(`/api/moderation/actions/${a.body.id}/appeal`).set(bearer(w.member)).send({ statement: 'please' }).expect(201);
    const rule = await t.http().post(`/api/communities/${w.communityId}/automod-rules`).set(bearer(w.communityAdmin)).send({ phrases: [`zz${Date.now()}`], action: 'flag', reason: 'r' }).expect(201);
    // A fresh action for the appeal route (each action can be appealed once).
    const a2 = await act(t, w.moderator, { action: 'warn', targetUserId: w.member.id, roomId: w.roomId, rule: 'Rule', reason: 'Reason' }).expect(201);
    s.close();
    return { messageId: m.id, caseId: r.body.caseId, actionId: a2.body.id, appealId: ap.body.id, ruleId: rule.body.id, fresh: await registerUser(t, 'fresh') };
  }

  async function call(who: Who, c: ReturnType<Call>) {
    const u = userFor(who);
    let r = t.http()[c.method](c.url);
    if (u) r = r.set(bearer(u));
    return c.body ? r.send(c.body) : r;
  }

  const base = { rule: 'Rule 1', reason: 'A reason' };
  // Expected statuses in WHO order: anonymous, member, nonMember, moderator, otherModerator, otherCommunityAdmin, communityAdmin, platformAdmin, owner.
  const routes: Array<[string, Call, number[]]> = [
    ['GET /moderation/cases?roomId', (w) => ({ method: 'get', url: `/api/moderation/cases?roomId=${w.roomId}` }), [401, 403, 403, 200, 403, 403, 200, 403, 200]],
    ['GET /moderation/cases', () => ({ method: 'get', url: `/api/moderation/cases` }), [401, 200, 200, 200, 200, 200, 200, 200, 200]],
    ['GET /moderation/cases/:id', (_w, f) => ({ method: 'get', url: `/api/moderation/cases/${f.caseId}` }), [401, 404, 404, 200, 404, 404, 200, 404, 200]],
    ['POST /moderation/cases/:id/claim', (_w, f) => ({ method: 'post', url: `/api/moderation/cases/${f.caseId}/claim` }), [401, 404, 404, 200, 404, 404, 200, 404, 200]],
    ['POST /moderation/cases/:id/notes', (_w, f) => ({ method: 'post', url: `/api/moderation/cases/${f.caseId}/notes`, body: { body: 'note' } }), [401, 404, 404, 201, 404, 404, 201, 404, 201]],
    ['POST /moderation/actions (dismiss a case)', (_w, f) => ({ method: 'post', url: '/api/moderation/actions', body: { ...base, action: 'dismiss', caseId: f.caseId } }), [401, 404, 404, 201, 404, 404, 201, 404, 201]],
    ['POST /moderation/actions (hide)', (_w, f) => ({ method: 'post', url: '/api/moderation/actions', body: { ...base, action: 'hide', messageId: f.messageId } }), [401, 403, 403, 201, 403, 403, 201, 403, 201]],
    ['POST /moderation/actions (mute a member)', (w) => ({ method: 'post', url: '/api/moderation/actions', body: { ...base, action: 'mute', targetUserId: w.member3.id, roomId: w.roomId, durationMinutes: 1 } }), [401, 403, 403, 201, 403, 403, 201, 403, 201]],
    ['POST /moderation/actions (warn the moderator)', (w) => ({ method: 'post', url: '/api/moderation/actions', body: { ...base, action: 'warn', targetUserId: w.moderator.id, roomId: w.roomId } }), [401, 403, 403, 403, 403, 403, 201, 403, 201]],
    ['POST /moderation/actions (warn a community admin)', (w) => ({ method: 'post', url: '/api/moderation/actions', body: { ...base, action: 'warn', targetUserId: w.secondAdmin.id, roomId: w.roomId } }), [401, 403, 403, 403, 403, 403, 403, 403, 403]],
    ['POST /moderation/actions (suspend from community)', (w, f) => ({ method: 'post', url: '/api/moderation/actions', body: { ...base, action: 'suspend', targetUserId: f.fresh.id, communityId: w.communityId } }), [401, 403, 403, 403, 403, 403, 201, 201, 403]],
    ['POST /moderation/actions (suspend an account)', (_w, f) => ({ method: 'post', url: '/api/moderation/actions', body: { ...base, action: 'suspend', targetUserId: f.fresh.id } }), [401, 403, 403, 403, 403, 403, 403, 201, 403]],
    ['POST /moderation/actions/:id/appeal', (_w, f) => ({ method: 'post', url: `/api/moderation/actions/${f.actionId}/appeal`, body: { statement: 's' } }), [401, 201, 404, 404, 404, 404, 404, 404, 404]],
    ['POST /moderation/appeals/:id/decision', (_w, f) => ({ method: 'post', url: `/api/moderation/appeals/${f.appealId}/decision`, body: { outcome: 'denied', reason: 'r' } }), [401, 403, 403, 403, 403, 403, 200, 200, 403]],
    ['GET /moderation/appeals', () => ({ method: 'get', url: '/api/moderation/appeals' }), [401, 200, 200, 200, 200, 200, 200, 200, 200]],
    ['GET /moderation/needs-response?roomId', (w) => ({ method: 'get', url: `/api/moderation/needs-response?roomId=${w.roomId}` }), [401, 403, 403, 200, 403, 403, 200, 403, 200]],
    ['GET /moderation/audit', () => ({ method: 'get', url: '/api/moderation/audit' }), [401, 403, 403, 403, 403, 403, 403, 200, 403]],
    ['GET /communities/:id/audit', (w) => ({ method: 'get', url: `/api/communities/${w.communityId}/audit` }), [401, 403, 403, 403, 403, 403, 200, 200, 403]],
    ['GET /communities/:id/automod-rules', (w) => ({ method: 'get', url: `/api/communities/${w.communityId}/automod-rules` }), [401, 403, 403, 403, 403, 403, 200, 200, 403]],
    ['POST /communities/:id/automod-rules', (w) => ({ method: 'post', url: `/api/communities/${w.communityId}/automod-rules`, body: { phrases: ['qqq'], action: 'flag', reason: 'r' } }), [401, 403, 403, 403, 403, 403, 201, 201, 403]],
    ['DELETE /communities/:id/automod-rules/:id', (w, f) => ({ method: 'delete', url: `/api/communities/${w.communityId}/automod-rules/${f.ruleId}` }), [401, 403, 403, 403, 403, 403, 204, 204, 403]],
    ['GET /communities/:id/crisis-phrases', (w) => ({ method: 'get', url: `/api/communities/${w.communityId}/crisis-phrases` }), [401, 403, 403, 403, 403, 403, 200, 200, 403]],
    ['PUT /communities/:id/crisis-phrases', (w) => ({ method: 'put', url: `/api/communities/${w.communityId}/crisis-phrases`, body: { items: [] } }), [401, 403, 403, 403, 403, 403, 200, 200, 403]],
    ['GET /communities/:id/crisis-resources', (w) => ({ method: 'get', url: `/api/communities/${w.communityId}/crisis-resources` }), [401, 200, 200, 200, 200, 200, 200, 200, 200]],
    ['PUT /communities/:id/crisis-resources', (w) => ({ method: 'put', url: `/api/communities/${w.communityId}/crisis-resources`, body: { resources: [] } }), [401, 403, 403, 403, 403, 403, 200, 200, 403]],
    ['GET /communities/:id/moderation-settings', (w) => ({ method: 'get', url: `/api/communities/${w.communityId}/moderation-settings` }), [401, 403, 403, 403, 403, 403, 200, 200, 403]],
    ['PATCH /communities/:id/moderation-settings', (w) => ({ method: 'patch', url: `/api/communities/${w.communityId}/moderation-settings`, body: { pileOnThreshold: 3 } }), [401, 403, 403, 403, 403, 403, 200, 200, 403]],
    ['POST /reports (a message)', (_w, f) => ({ method: 'post', url: '/api/reports', body: { messageId: f.messageId, reason: 'spam' } }), [401, 201, 404, 201, 404, 404, 404, 404, 201]],
    ['GET /me/reports', () => ({ method: 'get', url: '/api/me/reports' }), [401, 200, 200, 200, 200, 200, 200, 200, 200]],
    ['GET /me/restrictions', () => ({ method: 'get', url: '/api/me/restrictions' }), [401, 200, 200, 200, 200, 200, 200, 200, 200]],
    ['POST /support/now', () => ({ method: 'post', url: '/api/support/now', body: {} }), [401, 200, 200, 200, 200, 200, 200, 200, 200]],
  ];
  // Surprising cells: platform admins do not moderate group rooms (the contract gives them accounts and every audit log);
  // community admins are not room members, so they report nothing there; a moderator cannot act on a fellow moderator.

  const cases = routes.flatMap(([name, callFn, expected]) => WHO.map((who, i) => [name, who, expected[i], callFn] as const));
  it.each(cases)('%s as %s → %i', async (_name, who, status, callFn) => {
    const f = await fixture();
    const res = await call(who, callFn(w, f));
    expect({ status: res.status, body: res.body?.code }).toEqual(expect.objectContaining({ status }));
    if (status === 401) expect(res.body.code).toBe('UNAUTHENTICATED');
    if (status === 404) expect(res.body.code).toBe('NOT_FOUND');
    if (status === 403) expect(['FORBIDDEN']).toContain(res.body.code);
  });

  describe('events', () => {
    it('moderation:alert reaches the room’s moderators, owner and community admins, and nobody else', async () => {
      await t.http().post(`/api/communities/${w.communityId}/automod-rules`).set(bearer(w.communityAdmin)).send({ phrases: ['alert me please'], action: 'flag', reason: 'r' }).expect(201);
      const sockets = new Map<Who, ReturnType<typeof collect>>();
      for (const who of WHO.filter((x) => x !== 'anonymous')) sockets.set(who, collect(await connect(t.url, userFor(who)!.accessToken), 'moderation:alert'));
      const s = await joined(t, w.member2, w.roomId);
      await sendOk(s, w.roomId, 'alert me please');
      await sleep(500);
      const got = [...sockets.entries()].filter(([, seen]) => seen.length > 0).map(([who]) => who).sort();
      expect(got).toEqual(['communityAdmin', 'moderator', 'owner']);
    });

    it('moderation:notice reaches only the person acted on; crisis:resources only the sender', async () => {
      const notices = new Map<Who, ReturnType<typeof collect>>();
      const crisis = new Map<Who, ReturnType<typeof collect>>();
      for (const who of WHO.filter((x) => x !== 'anonymous')) {
        const s = await joined(t, userFor(who)!, w.roomId).catch(() => connect(t.url, userFor(who)!.accessToken));
        notices.set(who, collect(s, 'moderation:notice'));
        crisis.set(who, collect(s, 'crisis:resources'));
      }
      await act(t, w.moderator, { ...base, action: 'warn', targetUserId: w.member.id, roomId: w.roomId }).expect(201);
      const s = await joined(t, w.owner, w.roomId);
      await sendOk(s, w.roomId, 'I feel suicidal tonight');
      await sleep(500);
      expect([...notices.entries()].filter(([, seen]) => seen.length > 0).map(([who]) => who)).toEqual(['member']);
      expect([...crisis.entries()].filter(([, seen]) => seen.length > 0).map(([who]) => who)).toEqual(['owner']);
    });
  });
});
