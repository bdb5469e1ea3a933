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
    // Pages, newest first, by cursor.
    const older = (await post(me, `/api/me/recovery/indicators/${ind.id}/check-ins`, { value: 1, at: '2026-01-01T10:00:00Z' }).expect(201)).body;
    const first = (await get(me, `/api/me/recovery/indicators/${ind.id}/check-ins?limit=1`).expect(200)).body;
    expect(first.items.map((x: { id: string }) => x.id)).toEqual([c.id]);
    const second = (await get(me, `/api/me/recovery/indicators/${ind.id}/check-ins?limit=1&cursor=${first.nextCursor}`).expect(200)).body;
    expect([second.items.map((x: { id: string }) => x.id), second.nextCursor]).toEqual([[older.id], null]);
    await t.http().delete(`/api/me/recovery/check-ins/${older.id}`).set(bearer(me)).expect(204);
    await t.http().delete(`/api/me/recovery/check-ins/${c.id}`).set(bearer(me)).expect(204);
    expect((await get(me, `/api/me/recovery/indicators/${ind.id}/check-ins`).expect(200)).body.items).toEqual([]);
  });

  it('trend: the series and weekly averages (ISO weeks, UTC or the person’s time zone) over a chosen range, and a CSV download', async () => {
    const ind = (await post(me, '/api/me/recovery/indicators', { name: 'Mood, my way', scaleMin: 0, scaleMax: 10 }).expect(201)).body;
    // Monday 2026-11-02 and Wednesday 2026-11-04 are one week; Monday 2026-11-09 the next.
    for (const [at, value, note] of [['2026-11-02T08:00:00.000Z', 2, '=cmd|calc'], ['2026-11-04T20:00:00.000Z', 5, 'a, "quoted" note'], ['2026-11-09T09:00:00.000Z', 9, null]] as const) {
      await post(me, `/api/me/recovery/indicators/${ind.id}/check-ins`, { value, at, ...(note ? { note } : {}) }).expect(201);
    }
    const trend = (await get(me, `/api/me/recovery/indicators/${ind.id}/trend?from=2026-11-01T00:00:00Z&to=2026-11-20T00:00:00Z`).expect(200)).body;
    expect(trend.series.map((p: { value: number }) => p.value)).toEqual([2, 5, 9]);
    expect(trend.weekly).toEqual([
      { weekStart: '2026-11-02', average: 3.5, count: 2, min: 2, max: 5 },
      { weekStart: '2026-11-09', average: 9, count: 1, min: 9, max: 9 },
    ]);
    // In Honolulu (UTC−10) the first check-in is still Sunday 1 November and the last Sunday 8 November: the weeks shift.
    const local = (await get(me, `/api/me/recovery/indicators/${ind.id}/trend?from=2026-11-01T00:00:00Z&to=2026-11-20T00:00:00Z&timeZone=Pacific/Honolulu`).expect(200)).body;
    expect(local.timeZone).toBe('Pacific/Honolulu');
    expect(local.weekly).toEqual([
      { weekStart: '2026-10-26', average: 2, count: 1, min: 2, max: 2 },
      { weekStart: '2026-11-02', average: 7, count: 2, min: 5, max: 9 },
    ]);
    for (const tz of ['Mars/Olympus_Mons', 'UTC; DROP TABLE users', 'x'.repeat(65)]) {
      expect((await get(me, `/api/me/recovery/indicators/${ind.id}/trend?timeZone=${encodeURIComponent(tz)}`)).status).toBe(400);
    }
    const narrow = (await get(me, `/api/me/recovery/indicators/${ind.id}/trend?from=2026-11-08T00:00:00Z&to=2026-11-20T00:00:00Z`).expect(200)).body;
    expect(narrow.series.map((p: { value: number }) => p.value)).toEqual([9]);

    const csv = await get(me, `/api/me/recovery/indicators/${ind.id}/check-ins.csv`).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="check-ins-.*\.csv"/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe('indicator,at,value,scale_min,scale_max,note');
    expect(lines.slice(1)).toEqual([
      "\"Mood, my way\",2026-11-02T08:00:00.000Z,2,0,10,'=cmd|calc",
      '"Mood, my way",2026-11-04T20:00:00.000Z,5,0,10,"a, ""quoted"" note"',
      '"Mood, my way",2026-11-09T09:00:00.000Z,9,0,10,',
    ]);
  });

  it('CHIME templates are offered, adopted as the person’s own copies, and rewritable', async () => {
    const u = await registerUser(t, 'chime');
    const list = (await get(u, '/api/me/recovery/templates').expect(200)).body.items;
    expect(list.map((x: { key: string }) => x.key)).toEqual(['connectedness', 'hope', 'identity', 'meaning', 'empowerment']);
    // Nothing is required: the plan stays empty until the person adopts something.
    expect((await get(u, '/api/me/recovery/plan').expect(200)).body.goalCount).toBe(0);
    const adopted = (await post(u, '/api/me/recovery/templates/hope/adopt', {}).expect(201)).body;
    expect(adopted.goal.title).toBe('Something to look forward to');
    expect(adopted.indicator).toEqual(expect.objectContaining({ name: 'How hopeful I felt', domain: 'hope' }));
    const mine = (await patch(u, `/api/me/recovery/goals/${adopted.goal.id}`, { title: 'Plan the trip to the sea' }).expect(200)).body;
    expect(mine.title).toBe('Plan the trip to the sea');
    await patch(u, `/api/me/recovery/indicators/${adopted.indicator.id}`, { name: 'Looking forward', domain: 'my future' }).expect(200);
    const onlyIndicator = (await post(u, '/api/me/recovery/templates/meaning/adopt', { parts: ['indicator'] }).expect(201)).body;
    expect(onlyIndicator.goal).toBeNull();
    await post(u, '/api/me/recovery/templates/recovery-score/adopt', {}).expect(404);
  });

  it('the safety plan is written in the well-known steps and its excerpt leads the crisis flow', async () => {
    const u = await registerUser(t, 'safe');
    const { SafetyPlanService } = require('@hearth/recovery') as typeof import('@hearth/recovery');
    const service = t.app.get(SafetyPlanService);
    expect(await service.crisisExcerpt(u.id)).toBeNull();
    const plan = {
      warningSigns: ['Not sleeping'],
      copingStrategies: ['Walk by the river', 'Music'],
      distractions: ['The café on the corner'],
      peopleICanAsk: ['My sister Ana'],
      services: ['Crisis line 116 123'],
      saferSpace: ['Give my pills to Ana'],
      whatMatters: ['My cat'],
    };
    const saved = (await put(u, '/api/me/safety-plan', plan).expect(200)).body;
    expect(saved).toEqual({ ...plan, updatedAt: expect.any(String) });
    expect(await service.crisisExcerpt(u.id)).toEqual({
      peopleICanAsk: ['My sister Ana'],
      whatHelpsMe: ['Walk by the river', 'Music'],
      servicesICanContact: ['Crisis line 116 123'],
      whatMattersToMe: ['My cat'],
    });
    await put(u, '/api/me/safety-plan', { ...plan, warningSigns: [], copingStrategies: [] }).expect(200);
    expect((await get(u, '/api/me/safety-plan').expect(200)).body.copingStrategies).toEqual([]);
  });

  describe('bad input is refused clearly and writes nothing', () => {
    let ind: { id: string };
    let goal: { id: string };
    let other: TestUser;
    let othersInd: { id: string };
    let othersGoal: { id: string };
    let othersCheckIn: { id: string };
    beforeAll(async () => {
      ind = (await post(me, '/api/me/recovery/indicators', { name: 'Energy', scaleMin: 0, scaleMax: 4 }).expect(201)).body;
      goal = (await post(me, '/api/me/recovery/goals', { title: 'Mine' }).expect(201)).body;
      other = await registerUser(t, 'other');
      othersInd = (await post(other, '/api/me/recovery/indicators', { name: 'Theirs', scaleMin: 0, scaleMax: 10 }).expect(201)).body;
      othersGoal = (await post(other, '/api/me/recovery/goals', { title: 'Theirs' }).expect(201)).body;
      othersCheckIn = (await post(other, `/api/me/recovery/indicators/${othersInd.id}/check-ins`, { value: 7, note: 'private' }).expect(201)).body;
    });

    it.each([
      ['above the scale', 5],
      ['below the scale', -1],
    ])('a check-in value %s is 400 naming the scale', async (_l, value) => {
      const res = await post(me, `/api/me/recovery/indicators/${ind.id}/check-ins`, { value }).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.message).toMatch(/between 0 and 4/);
    });

    it('changing a check-in to a value outside the scale, or to a future time, is 400 and leaves it as it was', async () => {
      const c = (await post(me, `/api/me/recovery/indicators/${ind.id}/check-ins`, { value: 2, note: 'keep me' }).expect(201)).body;
      expect((await patch(me, `/api/me/recovery/check-ins/${c.id}`, { value: 9 })).status).toBe(400);
      expect((await patch(me, `/api/me/recovery/check-ins/${c.id}`, { value: 3, at: '2999-01-01T00:00:00Z' })).status).toBe(400);
      const list = (await get(me, `/api/me/recovery/indicators/${ind.id}/check-ins`)).body.items;
      expect(list.find((x: { id: string }) => x.id === c.id)).toEqual(expect.objectContaining({ value: 2, note: 'keep me' }));
      await t.http().delete(`/api/me/recovery/check-ins/${c.id}`).set(bearer(me)).expect(204);
    });

    it('a fractional value, a value of the wrong type, or a time in the future is 400', async () => {
      for (const body of [{ value: 1.5 }, { value: '2' }, { value: 2, at: new Date(Date.now() + 3600_000).toISOString() }, { value: 2, at: 'yesterday' }, { value: 2, note: null, extra: 1 }]) {
        expect((await post(me, `/api/me/recovery/indicators/${ind.id}/check-ins`, body)).status).toBe(400);
      }
      expect((await get(me, `/api/me/recovery/indicators/${ind.id}/check-ins`)).body.items).toEqual([]);
    });

    it('an indicator whose scale is empty or reversed, or changing a scale below existing check-ins, is refused', async () => {
      expect((await post(me, '/api/me/recovery/indicators', { name: 'x', scaleMin: 5, scaleMax: 5 })).status).toBe(400);
      expect((await post(me, '/api/me/recovery/indicators', { name: 'x', scaleMin: 0, scaleMax: 100000 })).status).toBe(400);
      await post(me, `/api/me/recovery/indicators/${ind.id}/check-ins`, { value: 4 }).expect(201);
      const res = await patch(me, `/api/me/recovery/indicators/${ind.id}`, { scaleMax: 3 }).expect(409);
      expect(res.body.message).toMatch(/outside the new scale/);
      expect((await get(me, `/api/me/recovery/indicators/${ind.id}`)).body.scaleMax).toBe(4);
    });

    it('over-long text is 400 (statement, goal title, step, note, safety-plan item, share comment)', async () => {
      expect((await put(me, '/api/me/recovery/plan', { statement: 'x'.repeat(5001) })).status).toBe(400);
      expect((await post(me, '/api/me/recovery/goals', { title: 'x'.repeat(201) })).status).toBe(400);
      expect((await post(me, `/api/me/recovery/goals/${goal.id}/steps`, { text: 'x'.repeat(301) })).status).toBe(400);
      expect((await post(me, `/api/me/recovery/indicators/${ind.id}/check-ins`, { value: 1, note: 'x'.repeat(2001) })).status).toBe(400);
      const sp = { warningSigns: ['x'.repeat(501)], copingStrategies: [], distractions: [], peopleICanAsk: [], services: [], saferSpace: [], whatMatters: [] };
      expect((await put(me, '/api/me/safety-plan', sp)).status).toBe(400);
      expect((await put(me, '/api/me/safety-plan', { ...sp, warningSigns: Array(21).fill('a') })).status).toBe(400);
      expect((await put(me, '/api/me/safety-plan', { ...sp, warningSigns: [] })).status).toBe(200);
      expect((await put(me, '/api/me/recovery/plan', { statement: 'still here' })).status).toBe(200);
    });

    it('unknown ids and someone else’s ids are 404, and the other person’s data is untouched', async () => {
      const unknown = '00000000-0000-4000-8000-000000000123';
      for (const id of [unknown, othersGoal.id]) {
        expect((await get(me, `/api/me/recovery/goals/${id}`)).status).toBe(404);
        expect((await patch(me, `/api/me/recovery/goals/${id}`, { title: 'mine now' })).status).toBe(404);
        expect((await post(me, `/api/me/recovery/goals/${id}/steps`, { text: 'x' })).status).toBe(404);
        expect((await t.http().delete(`/api/me/recovery/goals/${id}`).set(bearer(me))).status).toBe(404);
      }
      for (const id of [unknown, othersInd.id]) {
        expect((await post(me, `/api/me/recovery/indicators/${id}/check-ins`, { value: 1 })).status).toBe(404);
        expect((await get(me, `/api/me/recovery/indicators/${id}/trend`)).status).toBe(404);
        expect((await get(me, `/api/me/recovery/indicators/${id}/check-ins.csv`)).status).toBe(404);
        expect((await get(me, `/api/me/recovery/indicators/${id}/check-ins`)).status).toBe(404);
        expect((await t.http().delete(`/api/me/recovery/indicators/${id}`).set(bearer(me))).status).toBe(404);
      }
      expect((await patch(me, `/api/me/recovery/check-ins/${othersCheckIn.id}`, { value: 0 })).status).toBe(404);
      expect((await t.http().delete(`/api/me/recovery/check-ins/${othersCheckIn.id}`).set(bearer(me))).status).toBe(404);
      expect((await patch(me, `/api/me/recovery/goals/${goal.id}/steps/${unknown}`, { done: true })).status).toBe(404);
      expect((await get(me, '/api/me/recovery/goals/not-a-uuid')).status).toBe(400);
      const theirs = (await get(other, `/api/me/recovery/indicators/${othersInd.id}/check-ins`).expect(200)).body.items;
      expect(theirs).toEqual([expect.objectContaining({ value: 7, note: 'private' })]);
      expect((await get(other, `/api/me/recovery/goals/${othersGoal.id}`).expect(200)).body.title).toBe('Theirs');
    });

    it('a trend range that is reversed, too long or malformed is 400', async () => {
      for (const qs of ['from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', 'from=2000-01-01T00:00:00Z&to=2026-01-01T00:00:00Z', 'from=yesterday', 'to=2026-02-30T00:00:00Z']) {
        const res = await get(me, `/api/me/recovery/indicators/${ind.id}/trend?${qs}`);
        expect([qs, res.status]).toEqual([qs, 400]);
      }
    });
  });

  describe('consented sharing with a peer worker', () => {
    let owner: TestUser;
    let peer: TestUser;
    let goalShared: { id: string };
    let goalPrivate: { id: string };
    let indShared: { id: string };
    let indPrivate: { id: string };

    beforeAll(async () => {
      owner = await registerUser(t, 'owner');
      peer = await registerPeer(t);
      await giveSupportRelationship(t, owner, peer);
      await put(owner, '/api/me/recovery/plan', { statement: 'My statement' }).expect(200);
      goalShared = (await post(owner, '/api/me/recovery/goals', { title: 'Shared goal', steps: [{ text: 'step one' }] }).expect(201)).body;
      goalPrivate = (await post(owner, '/api/me/recovery/goals', { title: 'Private goal' }).expect(201)).body;
      indShared = (await post(owner, '/api/me/recovery/indicators', { name: 'Shared ind', scaleMin: 0, scaleMax: 10 }).expect(201)).body;
      indPrivate = (await post(owner, '/api/me/recovery/indicators', { name: 'Private ind', scaleMin: 0, scaleMax: 10 }).expect(201)).body;
      await post(owner, `/api/me/recovery/indicators/${indShared.id}/check-ins`, { value: 6, note: 'shared note' }).expect(201);
      await post(owner, `/api/me/recovery/indicators/${indPrivate.id}/check-ins`, { value: 1, note: 'private note' }).expect(201);
      await put(owner, '/api/me/safety-plan', { warningSigns: ['ws'], copingStrategies: ['walk'], distractions: [], peopleICanAsk: ['Ana'], services: [], saferSpace: [], whatMatters: [] }).expect(200);
    });

    const share = (parts: object, extra: object = {}) => post(owner, '/api/me/recovery/shares', { peerId: peer.id, parts, ...extra });
    const audits = async (shareId: string) =>
      t.app.get(DataSource).query(`SELECT action, actor_id, subject_user_id, details, reason FROM audit_log WHERE target_id = $1 ORDER BY created_at, id`, [shareId]);

    it('the peer sees exactly the chosen parts; each read is shown to the owner and audited without content', async () => {
      const s = (await share({ statement: true, goalIds: [goalShared.id], indicatorIds: [indShared.id] }).expect(201)).body;
      expect(s).toEqual(expect.objectContaining({ active: true, until: null, readCount: 0, reads: [], peer: expect.objectContaining({ id: peer.id }) }));

      const view = (await get(peer, `/api/recovery/shared/${s.id}`).expect(200)).body;
      expect(view.owner.id).toBe(owner.id);
      expect(view.statement).toBe('My statement');
      expect(view.goals.map((g: { title: string }) => g.title)).toEqual(['Shared goal']);
      expect(view.goals[0].steps.map((x: { text: string }) => x.text)).toEqual(['step one']);
      expect(view.indicators.map((i: { name: string }) => i.name)).toEqual(['Shared ind']);
      expect(view.indicators[0].checkIns.map((c: { note: string }) => c.note)).toEqual(['shared note']);
      expect(view).not.toHaveProperty('safetyPlan');
      expect(JSON.stringify(view)).not.toMatch(/Private goal|Private ind|private note|walk|Ana/);

      await get(peer, `/api/recovery/shared/${s.id}`).expect(200);
      const detail = (await get(owner, `/api/me/recovery/shares/${s.id}`).expect(200)).body;
      expect(detail.readCount).toBe(2);
      expect(detail.reads).toEqual([
        { reader: expect.objectContaining({ id: peer.id }), at: expect.any(String) },
        { reader: expect.objectContaining({ id: peer.id }), at: expect.any(String) },
      ]);
      expect(detail.lastReadAt).toEqual(expect.any(String));

      const rows = await audits(s.id);
      expect(rows.map((r: { action: string }) => r.action)).toEqual(['recovery.share.created', 'recovery.share.read', 'recovery.share.read']);
      expect(rows[1]).toEqual(expect.objectContaining({ actor_id: peer.id, subject_user_id: owner.id, reason: null }));
      expect(JSON.stringify(rows)).not.toMatch(/My statement|Shared goal|Shared ind|shared note|step one/);
      expect(rows[1].details).toEqual({ statement: true, goals: 1, indicators: 1, safetyPlan: false });

      const incoming = (await get(peer, '/api/recovery/shared').expect(200)).body.items;
      expect(incoming.map((x: { id: string }) => x.id)).toContain(s.id);
      await t.http().delete(`/api/me/recovery/shares/${s.id}`).set(bearer(owner)).expect(204);
    });

    it('revoking ends the share at once: the next read is 404, the list says inactive, the peer is told', async () => {
      const s = (await share({ safetyPlan: true }).expect(201)).body;
      expect((await get(peer, `/api/recovery/shared/${s.id}`).expect(200)).body.safetyPlan.peopleICanAsk).toEqual(['Ana']);
      await t.http().delete(`/api/me/recovery/shares/${s.id}`).set(bearer(owner)).expect(204);
      const res = await get(peer, `/api/recovery/shared/${s.id}`).expect(404);
      expect(res.body.code).toBe('NOT_FOUND');
      expect((await post(peer, `/api/recovery/shared/${s.id}/comments`, { part: 'safety_plan', body: 'hi' })).status).toBe(404);
      const listed = (await get(owner, '/api/me/recovery/shares').expect(200)).body.items.find((x: { id: string }) => x.id === s.id);
      expect(listed).toEqual(expect.objectContaining({ active: false, revokedAt: expect.any(String) }));
      expect((await get(peer, '/api/recovery/shared').expect(200)).body.items.map((x: { id: string }) => x.id)).not.toContain(s.id);
      const notes = (await get(peer, '/api/me/notifications?limit=50').expect(200)).body.items;
      expect(notes.map((n: { kind: string; data: { shareId: string } }) => [n.kind, n.data.shareId])).toEqual(
        expect.arrayContaining([['recovery_share_revoked', s.id], ['recovery_share', s.id]]),
      );
      // Revoking again is harmless.
      await t.http().delete(`/api/me/recovery/shares/${s.id}`).set(bearer(owner)).expect(204);
    });

    it('a share ends by itself at its end date', async () => {
      const s = (await share({ statement: true }, { until: new Date(Date.now() + 60_000).toISOString() }).expect(201)).body;
      await get(peer, `/api/recovery/shared/${s.id}`).expect(200);
      // Move the end into the past (as time passing would).
      await t.app.get(DataSource).query(`UPDATE recovery_shares SET until = now() - interval '1 second' WHERE id = $1`, [s.id]);
      await get(peer, `/api/recovery/shared/${s.id}`).expect(404);
      const listed = (await get(owner, `/api/me/recovery/shares/${s.id}`).expect(200)).body;
      expect(listed.active).toBe(false);
    });

    it('the peer comments on shared parts only; the owner sees the comments and is notified without content', async () => {
      const s = (await share({ goalIds: [goalShared.id], safetyPlan: true }).expect(201)).body;
      const c = (await post(peer, `/api/recovery/shared/${s.id}/comments`, { part: 'goal', partId: goalShared.id, body: 'Lovely first step' }).expect(201)).body;
      expect(c).toEqual(expect.objectContaining({ part: 'goal', partId: goalShared.id, body: 'Lovely first step', author: expect.objectContaining({ id: peer.id }) }));
      await post(peer, `/api/recovery/shared/${s.id}/comments`, { part: 'safety_plan', body: 'Ana sounds great' }).expect(201);
      for (const body of [
        { part: 'goal', partId: goalPrivate.id, body: 'x' },
        { part: 'statement', body: 'x' },
        { part: 'indicator', partId: indShared.id, body: 'x' },
        { part: 'goal', body: 'x' },
      ]) {
        const res = await post(peer, `/api/recovery/shared/${s.id}/comments`, body);
        expect([body, res.status, res.body.code]).toEqual([body, 400, 'VALIDATION_FAILED']);
      }
      expect((await post(peer, `/api/recovery/shared/${s.id}/comments`, { part: 'goal', partId: goalShared.id, body: 'x'.repeat(2001) })).status).toBe(400);
      const detail = (await get(owner, `/api/me/recovery/shares/${s.id}`).expect(200)).body;
      expect(detail.comments.map((x: { body: string }) => x.body)).toEqual(['Lovely first step', 'Ana sounds great']);
      const notes = (await get(owner, '/api/me/notifications?limit=50').expect(200)).body.items.filter((n: { kind: string }) => n.kind === 'recovery_comment');
      expect(notes).toHaveLength(2);
      expect(JSON.stringify(notes)).not.toMatch(/Lovely|Ana sounds/);
      expect(notes[0].data).toEqual(expect.objectContaining({ shareId: s.id, by: expect.objectContaining({ id: peer.id }) }));
    });

    it('a share only with a verified peer worker the person has a support relationship with', async () => {
      const member = await registerUser(t, 'notpeer');
      await giveSupportRelationship(t, owner, member);
      const strangerPeer = await registerPeer(t, 'stranger');
      for (const peerId of [member.id, strangerPeer.id, owner.id, '00000000-0000-4000-8000-000000000999']) {
        const res = await post(owner, '/api/me/recovery/shares', { peerId, parts: { statement: true } });
        expect([peerId, res.status, res.body.code]).toEqual([peerId, 403, 'SHARE_NOT_ALLOWED']);
      }
      // A peer worker who lost the role can no longer be shared with, nor read.
      const s = (await share({ statement: true }).expect(201)).body;
      await t.app.get(DataSource).query(`UPDATE users SET role = 'member' WHERE id = $1`, [peer.id]);
      try {
        await get(peer, `/api/recovery/shared/${s.id}`).expect(404);
        expect((await share({ statement: true })).status).toBe(403);
      } finally {
        await t.app.get(DataSource).query(`UPDATE users SET role = 'peer' WHERE id = $1`, [peer.id]);
      }
    });

    it('a share’s parts must be the owner’s own, at least one, and its end in the future', async () => {
      const other = await registerUser(t, 'o2');
      const theirGoal = (await post(other, '/api/me/recovery/goals', { title: 'theirs' }).expect(201)).body;
      const cases: Array<[object, object]> = [
        [{}, {}],
        [{ statement: false, goalIds: [] }, {}],
        [{ goalIds: [theirGoal.id] }, {}],
        [{ indicatorIds: ['00000000-0000-4000-8000-000000000001'] }, {}],
        [{ goalIds: ['not-a-uuid'] }, {}],
        [{ statement: true }, { until: new Date(Date.now() - 1000).toISOString() }],
        [{ statement: true }, { until: 'tomorrow' }],
        [{ statement: true, extra: true }, {}],
      ];
      for (const [parts, extra] of cases) {
        const res = await share(parts, extra);
        expect([parts, extra, res.status]).toEqual([parts, extra, 400]);
      }
    });

    it('deleting a shared goal or indicator removes it from the share at once', async () => {
      const g = (await post(owner, '/api/me/recovery/goals', { title: 'soon gone' }).expect(201)).body;
      const i = (await post(owner, '/api/me/recovery/indicators', { name: 'soon gone too', scaleMin: 0, scaleMax: 3 }).expect(201)).body;
      const s = (await share({ goalIds: [g.id, goalShared.id], indicatorIds: [i.id] }).expect(201)).body;
      await t.http().delete(`/api/me/recovery/goals/${g.id}`).set(bearer(owner)).expect(204);
      await t.http().delete(`/api/me/recovery/indicators/${i.id}`).set(bearer(owner)).expect(204);
      expect((await get(owner, `/api/me/recovery/shares/${s.id}`).expect(200)).body.parts).toEqual({ statement: false, goalIds: [goalShared.id], indicatorIds: [], safetyPlan: false });
      const view = (await get(peer, `/api/recovery/shared/${s.id}`).expect(200)).body;
      expect(view.goals.map((x: { id: string }) => x.id)).toEqual([goalShared.id]);
      expect(view.indicators).toEqual([]);
    });
  });
});
