import { createTestApp, TestApp } from './support/test-app';
import { bearer, registerAdmin, registerUser, TestUser, uniqueName } from './support/users';
import { count, createCommunity, createGroup, createTheme, db, snapshot } from './support/groups';

describe('themes', () => {
  let t: TestApp;
  let admin: TestUser;
  let user: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await registerAdmin(t);
    user = await registerUser(t, 'namer');
  });
  afterAll(() => t.close());

  describe('proposing', () => {
    it('any member proposes a theme in their own words; the body lists similar existing themes', async () => {
      const base = uniqueName('voices').replace(/_/g, '');
      const first = await t.http().post('/api/themes').set(bearer(user)).send({ name: `  Living with   ${base} `, description: 'Hearing voices others do not' }).expect(201);
      expect(first.body).toMatchObject({ id: expect.any(String), name: `Living with ${base}`, description: 'Hearing voices others do not', groupCount: 0, mergedIntoId: null, similar: [] });
      const second = await t.http().post('/api/themes').set(bearer(user)).send({ name: `Living with ${base}s`, description: '' }).expect(201);
      expect(second.body.similar).toEqual([expect.objectContaining({ id: first.body.id })]);
    });

    it.each([
      ['case', (n: string) => n.toUpperCase()],
      ['accents', (n: string) => n.replace('e', 'é')],
      ['spacing', (n: string) => `  ${n.replace(' ', '   ')} `],
      ['hyphens', (n: string) => n.replace(' ', '-')],
    ])('a name equal up to %s is a 409 THEME_EXISTS naming the existing theme, and nothing is created', async (_what, variant) => {
      const name = `${uniqueName('finding').replace(/_/g, '')} work again`;
      const existing = await createTheme(t, user, name);
      const before = await snapshot(t);
      const res = await t.http().post('/api/themes').set(bearer(user)).send({ name: variant(name), description: 'dup' }).expect(409);
      expect(res.body).toMatchObject({ code: 'THEME_EXISTS', message: expect.stringContaining(name), details: { themeId: existing.id, name } });
      expect(await snapshot(t)).toEqual(before);
    });

    it('suggestions show the same theme and similar spellings before proposing', async () => {
      const root = uniqueName('insomnia').replace(/_/g, '');
      const theme = await createTheme(t, user, root);
      const exact = await t.http().get(`/api/themes/suggestions?name=${encodeURIComponent(root.toUpperCase())}`).set(bearer(user)).expect(200);
      expect(exact.body.exact).toMatchObject({ id: theme.id });
      const near = await t.http().get(`/api/themes/suggestions?name=${encodeURIComponent(root.slice(0, -1))}`).set(bearer(user)).expect(200);
      expect(near.body.exact).toBeNull();
      expect(near.body.similar.map((x: { id: string }) => x.id)).toContain(theme.id);
      await t.http().get('/api/themes/suggestions').set(bearer(user)).expect(400);
    });

    it('refuses a race of the same name: exactly one is created', async () => {
      const name = uniqueName('race');
      const results = await Promise.all([1, 2, 3, 4].map(() => t.http().post('/api/themes').set(bearer(user)).send({ name, description: '' })));
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
      const created = results.find((r) => r.status === 201)!;
      for (const r of results.filter((x) => x.status === 409)) expect(r.body.details.themeId).toBe(created.body.id);
    });

    it.each([
      ['missing name', { description: 'x' }, 'name'],
      ['missing description', { name: 'valid name' }, 'description'],
      ['too short', { name: 'a', description: '' }, 'name'],
      ['too long', { name: 'x'.repeat(81), description: '' }, 'name'],
      ['description too long', { name: 'valid name', description: 'x'.repeat(501) }, 'description'],
      ['no letters or digits', { name: ' -- ', description: '' }, 'name'],
      ['wrong type', { name: ['grief'], description: '' }, 'name'],
      ['extra field', { name: 'valid name', description: '', id: 'x' }, 'id'],
      ['NUL', { name: 'gr\u0000ief', description: '' }, 'name'],
    ])('refuses %s with 400 naming the field, and creates nothing', async (_n, body, field) => {
      const before = await count(t, 'SELECT count(*) FROM themes');
      const res = await t.http().post('/api/themes').set(bearer(user)).send(body).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      expect(await count(t, 'SELECT count(*) FROM themes')).toBe(before);
    });

    it('needs an account', async () => {
      await t.http().get('/api/themes').expect(401);
      await t.http().post('/api/themes').send({ name: 'anonymous', description: '' }).expect(401);
    });
  });

  describe('searching', () => {
    let tag: string;
    const made: Record<string, string> = {};
    beforeAll(async () => {
      tag = uniqueName('zq').replace(/_/g, '');
      made.creative = (await createTheme(t, user, `Créative life ${tag}`, 'Painting, music and writing')).id;
      made.work = (await createTheme(t, user, `Finding work ${tag}`, 'Back to a job after a long time away')).id;
      made.housing = (await createTheme(t, user, `Housing ${tag}`, 'A safe place to live')).id;
    });
    const ids = (b: { items: Array<{ id: string }> }) => b.items.map((x) => x.id);

    it('finds by name without accents, by description, and by a misspelling', async () => {
      expect(ids((await t.http().get(`/api/themes?q=creative life ${tag}`).set(bearer(user)).expect(200)).body)[0]).toBe(made.creative);
      expect(ids((await t.http().get(`/api/themes?q=painting`).set(bearer(user)).expect(200)).body)).toContain(made.creative);
      expect(ids((await t.http().get(`/api/themes?q=${encodeURIComponent('a job after')}`).set(bearer(user)).expect(200)).body)).toContain(made.work);
      expect(ids((await t.http().get(`/api/themes?q=housign ${tag}`).set(bearer(user)).expect(200)).body)[0]).toBe(made.housing);
      expect(ids((await t.http().get(`/api/themes?q=${encodeURIComponent('%')}`).set(bearer(user)).expect(200)).body)).toEqual([]);
    });

    it('pages through all themes with a cursor, without repeats', async () => {
      const total = await count(t, 'SELECT count(*) FROM themes WHERE merged_into_id IS NULL');
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: { body: { items: Array<{ id: string }>; nextCursor: string | null } } = await t.http().get(`/api/themes?limit=3${cursor ? `&cursor=${cursor}` : ''}`).set(bearer(user)).expect(200);
        seen.push(...ids(res.body));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(total);
      expect(new Set(seen).size).toBe(total);
    });

    it.each([
      ['limit=0', 'VALIDATION_FAILED'],
      ['limit=101', 'VALIDATION_FAILED'],
      ['limit=ten', 'VALIDATION_FAILED'],
      ['cursor=nope', 'INVALID_CURSOR'],
      [`cursor=${Buffer.from(JSON.stringify({ o: -5 })).toString('base64url')}`, 'INVALID_CURSOR'],
      [`q=${'q'.repeat(101)}`, 'VALIDATION_FAILED'],
      ['unknown=1', 'VALIDATION_FAILED'],
    ])('refuses %s with 400 %s', async (qs, code) => {
      const res = await t.http().get(`/api/themes?${qs}`).set(bearer(user)).expect(400);
      expect(res.body.code).toBe(code);
    });

    it('shows one theme and 404s an unknown one', async () => {
      const res = await t.http().get(`/api/themes/${made.housing}`).set(bearer(user)).expect(200);
      expect(res.body).toMatchObject({ id: made.housing, description: 'A safe place to live' });
      await t.http().get('/api/themes/00000000-0000-4000-8000-000000000000').set(bearer(user)).expect(404);
      await t.http().get('/api/themes/not-a-uuid').set(bearer(user)).expect(400);
    });
  });

  describe('my themes', () => {
    it('PATCH /api/me themeIds sets my themes, GET /api/me shows them; an empty list clears them', async () => {
      const me = await registerUser(t, 'me');
      const a = await createTheme(t, me, `aaa ${uniqueName('sleep')}`);
      const b = await createTheme(t, me, `bbb ${uniqueName('grief')}`);
      const res = await t.http().patch('/api/me').set(bearer(me)).send({ themeIds: [b.id, a.id] }).expect(200);
      expect(res.body.themes).toEqual([
        { id: a.id, name: a.name },
        { id: b.id, name: b.name },
      ]);
      expect((await t.http().get('/api/me').set(bearer(me)).expect(200)).body.themes).toEqual(res.body.themes);
      await t.http().patch('/api/me').set(bearer(me)).send({ displayName: 'Still here' }).expect(200);
      expect((await t.http().get('/api/me').set(bearer(me)).expect(200)).body.themes).toHaveLength(2);
      await t.http().patch('/api/me').set(bearer(me)).send({ themeIds: [] }).expect(200);
      expect((await t.http().get('/api/me').set(bearer(me)).expect(200)).body.themes).toEqual([]);
    });

    it('an unknown theme id is refused with VALIDATION_FAILED naming it, and nothing about me changes', async () => {
      const me = await registerUser(t, 'me', { displayName: 'Before' });
      const a = await createTheme(t, me);
      await t.http().patch('/api/me').set(bearer(me)).send({ themeIds: [a.id] }).expect(200);
      const unknown = '00000000-0000-4000-8000-00000000beef';
      const res = await t.http().patch('/api/me').set(bearer(me)).send({ displayName: 'After', themeIds: [a.id, unknown] }).expect(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ field: 'themeIds', unknownIds: [unknown] })] });
      const after = await t.http().get('/api/me').set(bearer(me)).expect(200);
      expect(after.body).toMatchObject({ displayName: 'Before', themes: [{ id: a.id, name: a.name }] });
    });
  });

  describe('merging', () => {
    it('a platform admin merges a theme: groups and people move, duplicates collapse, the old name now points at the survivor', async () => {
      const from = await createTheme(t, user, uniqueName('Sleepless'));
      const into = await createTheme(t, user, uniqueName('Sleep'));
      const community = await createCommunity(t, admin);
      const g1 = await createGroup(t, admin, community.id, [from.id]);
      const g2 = await createGroup(t, admin, community.id, [from.id, into.id]);
      const p1 = await registerUser(t, 'p1');
      const p2 = await registerUser(t, 'p2');
      await t.http().patch('/api/me').set(bearer(p1)).send({ themeIds: [from.id] }).expect(200);
      await t.http().patch('/api/me').set(bearer(p2)).send({ themeIds: [from.id, into.id] }).expect(200);

      const res = await t.http().post(`/api/themes/${from.id}/merge`).set(bearer(admin)).send({ intoThemeId: into.id }).expect(200);
      expect(res.body).toMatchObject({ id: into.id, groupCount: 2 });
      for (const g of [g1, g2]) expect((await t.http().get(`/api/groups/${g.id}`).set(bearer(admin)).expect(200)).body.themes).toEqual([{ id: into.id, name: into.name }]);
      for (const p of [p1, p2]) expect((await t.http().get('/api/me').set(bearer(p)).expect(200)).body.themes).toEqual([{ id: into.id, name: into.name }]);
      expect(await count(t, 'SELECT count(*) FROM group_themes WHERE theme_id = $1', [from.id])).toBe(0);
      expect(await count(t, 'SELECT count(*) FROM user_themes WHERE theme_id = $1', [from.id])).toBe(0);

      const merged = await t.http().get(`/api/themes/${from.id}`).set(bearer(user)).expect(200);
      expect(merged.body.mergedIntoId).toBe(into.id);
      const search = await t.http().get(`/api/themes?q=${encodeURIComponent(from.name)}`).set(bearer(user)).expect(200);
      expect(search.body.items.map((x: { id: string }) => x.id)).not.toContain(from.id);
      const dup = await t.http().post('/api/themes').set(bearer(user)).send({ name: from.name, description: '' }).expect(409);
      expect(dup.body.details.themeId).toBe(into.id);
      // An old id still works: it stands for the survivor.
      const p3 = await registerUser(t, 'p3');
      const mine = await t.http().patch('/api/me').set(bearer(p3)).send({ themeIds: [from.id] }).expect(200);
      expect(mine.body.themes).toEqual([{ id: into.id, name: into.name }]);
      const byOldTheme = await t.http().get(`/api/groups?theme=${from.id}&communityId=${community.id}`).set(bearer(user)).expect(200);
      expect(byOldTheme.body.items.map((g: { id: string }) => g.id).sort()).toEqual([g1.id, g2.id].sort());
    });

    it('only platform admins merge; bad merges are refused and change nothing', async () => {
      const a = await createTheme(t, user);
      const b = await createTheme(t, user);
      const communityAdmin = await registerUser(t, 'ca');
      const c = await createCommunity(t, admin);
      await t.http().post(`/api/communities/${c.id}/admins`).set(bearer(admin)).send({ userId: communityAdmin.id }).expect(201);
      const before = await snapshot(t);
      await t.http().post(`/api/themes/${a.id}/merge`).send({ intoThemeId: b.id }).expect(401);
      expect((await t.http().post(`/api/themes/${a.id}/merge`).set(bearer(user)).send({ intoThemeId: b.id }).expect(403)).body.code).toBe('FORBIDDEN');
      await t.http().post(`/api/themes/${a.id}/merge`).set(bearer(communityAdmin)).send({ intoThemeId: b.id }).expect(403);
      expect((await t.http().post(`/api/themes/${a.id}/merge`).set(bearer(admin)).send({ intoThemeId: a.id }).expect(400)).body.code).toBe('VALIDATION_FAILED');
      await t.http().post(`/api/themes/${a.id}/merge`).set(bearer(admin)).send({ intoThemeId: '00000000-0000-4000-8000-000000000000' }).expect(404);
      await t.http().post(`/api/themes/00000000-0000-4000-8000-000000000000/merge`).set(bearer(admin)).send({ intoThemeId: b.id }).expect(404);
      await t.http().post(`/api/themes/${a.id}/merge`).set(bearer(admin)).send({ intoThemeId: 'b' }).expect(400);
      await t.http().post(`/api/themes/${a.id}/merge`).set(bearer(admin)).send({}).expect(400);
      expect(await snapshot(t)).toEqual(before);
      await t.http().post(`/api/themes/${a.id}/merge`).set(bearer(admin)).send({ intoThemeId: b.id }).expect(200);
      expect((await t.http().post(`/api/themes/${a.id}/merge`).set(bearer(admin)).send({ intoThemeId: b.id }).expect(409)).body.code).toBe('CONFLICT');
      const other = await createTheme(t, user);
      expect((await t.http().post(`/api/themes/${other.id}/merge`).set(bearer(admin)).send({ intoThemeId: a.id }).expect(409)).body.code).toBe('CONFLICT');
      expect((await db(t).query('SELECT merged_into_id FROM themes WHERE id = $1', [other.id]))[0].merged_into_id).toBeNull();
    });
  });
});
