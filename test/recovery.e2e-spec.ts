import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from './support/test-app';
import { bearer, registerUser, TestUser } from './support/users';
import { giveSupportRelationship, registerPeer } from './support/recovery';

describe('recovery: the person’s own plan', () => {
  let t: TestApp;
  let me: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    me = await registerUser(t, 'rec');
  });
  afterAll(() => t.close());

  const get = (u: TestUser, url: string) => t.http().get(url).set(bearer(u));
  const post = (u: TestUser, url: string, body: object) => t.http().post(url).set(bearer(u)).send(body);
  const put = (u: TestUser, url: string, body: object) => t.http().put(url).set(bearer(u)).send(body);
  const patch = (u: TestUser, url: string, body: object) => t.http().patch(url).set(bearer(u)).send(body);

  it('a new person has an empty plan and an empty safety plan', async () => {
    const u = await registerUser(t, 'fresh');
    expect((await get(u, '/api/me/recovery/plan').expect(200)).body).toEqual({ statement: '', updatedAt: null, goalCount: 0, indicatorCount: 0 });
    const sp = (await get(u, '/api/me/safety-plan').expect(200)).body;
    expect(sp.peopleICanAsk).toEqual([]);
    expect(sp.updatedAt).toBeNull();
  });

  it('writes the statement in the person’s own words', async () => {
    const res = await put(me, '/api/me/recovery/plan', { statement: 'Recovery for me is having good days more often than not.' }).expect(200);
    expect(res.body.statement).toBe('Recovery for me is having good days more often than not.');
    expect(res.body.updatedAt).toEqual(expect.any(String));
  });

  it('goals with steps: create, mark a step done, change status and target date, delete a step and the goal', async () => {
    const goal = (await post(me, '/api/me/recovery/goals', { title: 'Find work that feels like mine', why: 'Structure', targetDate: '2027-03-01', steps: [{ text: 'Update CV' }, { text: 'Ask at the library', done: true }] }).expect(201)).body;
    expect(goal.steps.map((s: { text: string; done: boolean }) => [s.text, s.done])).toEqual([['Update CV', false], ['Ask at the library', true]]);
    expect(goal.targetDate).toBe('2027-03-01');
    const step = (await post(me, `/api/me/recovery/goals/${goal.id}/steps`, { text: 'Call Sam' }).expect(201)).body;
    const done = (await patch(me, `/api/me/recovery/goals/${goal.id}/steps/${step.id}`, { done: true }).expect(200)).body;
    expect(done.done).toBe(true);
    expect(done.doneAt).toEqual(expect.any(String));
    const changed = (await patch(me, `/api/me/recovery/goals/${goal.id}`, { status: 'achieved', targetDate: null }).expect(200)).body;
    expect(changed).toEqual(expect.objectContaining({ status: 'achieved', targetDate: null }));
    await t.http().delete(`/api/me/recovery/goals/${goal.id}/steps/${step.id}`).set(bearer(me)).expect(204);
    expect((await get(me, `/api/me/recovery/goals/${goal.id}`).expect(200)).body.steps).toHaveLength(2);
    await t.http().delete(`/api/me/recovery/goals/${goal.id}`).set(bearer(me)).expect(204);
    await get(me, `/api/me/recovery/goals/${goal.id}`).expect(404);
  });

  it('indicators and check-ins: values inside the person’s scale, editable and deletable', async () => {
    const ind = (await post(me, '/api/me/recovery/indicators', { name: 'How rested I feel', scaleMin: 1, scaleMax: 5, minLabel: 'exhausted', maxLabel: 'rested', domain: 'body' }).expect(201)).body;
    expect(ind).toEqual(expect.objectContaining({ name: 'How rested I feel', scaleMin: 1, scaleMax: 5, minLabel: 'exhausted', maxLabel: 'rested', domain: 'body' }));
    const c = (await post(me, `/api/me/recovery/indicators/${ind.id}/check-ins`, { value: 3, note: 'slept badly' }).expect(201)).body;
    expect(c).toEqual(expect.objectContaining({ value: 3, note: 'slept badly', indicatorId: ind.id }));
    const edited = (await patch(me, `/api/me/recovery/check-ins/${c.id}`, { value: 4, note: null }).expect(200)).body;
    expect(edited).toEqual(expect.objectContaining({ value: 4, note: null }));
    const list = (await get(me, `/api/me/recovery/indicators/${ind.id}/check-ins`).expect(200)).body;
    expect(list.items.map((x: { id: string }) => x.id)).toEqual([c.id]);
    await t.http().delete(`/api/me/recovery/check-ins/${c.id}`).set(bearer(me)).expect(204);
    expect((await get(me, `/api/me/recovery/indicators/${ind.id}/check-ins`).expect(200)).body.items).toEqual([]);
  });
});
