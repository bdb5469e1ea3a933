import { createTestApp, TestApp } from './support/test-app';
import { bearer } from './support/users';
import { closeAllSockets, waitFor } from './support/sockets';
import { joined, modWorld, ModWorld, sendOk } from './support/moderation';

/**
 * Crisis support is led by the person's own safety plan (recovery) and only
 * then the community's resources (moderation): the two libs meet through the
 * crisis service's plan provider.
 */
describe('crisis support led by the person’s own safety plan', () => {
  let t: TestApp;
  let w: ModWorld;
  beforeAll(async () => {
    t = await createTestApp();
    w = await modWorld(t);
  });
  afterEach(() => closeAllSockets());
  afterAll(() => t.close());

  const plan = {
    warningSigns: ['not sleeping'],
    copingStrategies: ['a walk by the river', 'my playlist'],
    distractions: [],
    peopleICanAsk: ['my sister Ana'],
    services: [],
    saferSpace: [],
    whatMatters: ['my dog'],
  };

  it('without a plan, only resources are shown', async () => {
    const now = await t.http().post('/api/support/now').set(bearer(w.member2)).send({ country: 'US', language: 'en' }).expect(200);
    expect(now.body.personalPlan).toEqual([]);
    expect(now.body.resources.length).toBeGreaterThan(0);
  });

  it('"I need support now" shows the people I can ask and what helps me first, never my warning signs', async () => {
    await t.http().put('/api/me/safety-plan').set(bearer(w.member)).send(plan).expect(200);
    const now = await t.http().post('/api/support/now').set(bearer(w.member)).send({ country: 'US', language: 'en' }).expect(200);
    expect(now.body.personalPlan.map((p: { kind: string }) => p.kind)).toEqual(['people_i_can_ask', 'what_helps_me', 'what_matters_to_me']);
    expect(now.body.personalPlan[0].items).toEqual(['my sister Ana']);
    expect(JSON.stringify(now.body)).not.toContain('not sleeping');
    expect(now.body.resources.length).toBeGreaterThan(0);
  });

  it('a crisis message is delivered and its sender privately gets their own plan, then resources', async () => {
    await t.http().put('/api/me/safety-plan').set(bearer(w.member)).send(plan).expect(200);
    const author = await joined(t, w.member, w.roomId);
    const got = waitFor(author, 'crisis:resources');
    const m = await sendOk(author, w.roomId, 'I want to end my life');
    const r = await got;
    expect(r).toMatchObject({ roomId: w.roomId, messageId: m.id });
    expect(r.personalPlan[0]).toMatchObject({ kind: 'people_i_can_ask', items: ['my sister Ana'] });
    expect(r.resources.length).toBeGreaterThan(0);
  });
});
