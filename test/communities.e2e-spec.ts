import { createTestApp, TestApp } from './support/test-app';
import { bearer, registerAdmin, registerUser, TestUser, uniqueName } from './support/users';
import { appointCommunityAdmin, count, createCommunity, snapshot } from './support/groups';

describe('communities', () => {
  let t: TestApp;
  let admin: TestUser;
  let member: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await registerAdmin(t);
    member = await registerUser(t, 'member');
  });
  afterAll(() => t.close());

  const slug = () => uniqueName('s').toLowerCase().replace(/_/g, '-');

  describe('create', () => {
    it('a platform admin creates a community with its code of conduct, languages and group setting', async () => {
      const s = slug();
      const res = await t
        .http()
        .post('/api/communities')
        .set(bearer(admin))
        .send({ name: ' Lisbon network ', slug: s, description: 'Peer support in Lisbon', codeOfConduct: 'Be kind', languages: ['pt', 'EN'], membersCanCreateGroups: true })
        .expect(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        name: 'Lisbon network',
        slug: s,
        description: 'Peer support in Lisbon',
        codeOfConduct: 'Be kind',
        languages: ['pt', 'en'],
        membersCanCreateGroups: true,
        archivedAt: null,
        createdAt: expect.any(String),
        viewerIsAdmin: true,
      });
      const seen = await t.http().get(`/api/communities/${res.body.id}`).set(bearer(member)).expect(200);
      expect(seen.body).toEqual({ ...res.body, viewerIsAdmin: false });
    });

    it('members get 403 and anonymous 401; nothing is created', async () => {
      const before = await count(t, 'SELECT count(*) FROM communities');
      const body = { name: 'Nope', slug: slug(), description: '' };
      expect((await t.http().post('/api/communities').set(bearer(member)).send(body).expect(403)).body.code).toBe('FORBIDDEN');
      expect((await t.http().post('/api/communities').send(body).expect(401)).body.code).toBe('UNAUTHENTICATED');
      expect(await count(t, 'SELECT count(*) FROM communities')).toBe(before);
    });

    it('a taken slug is a 409 ALREADY_EXISTS naming the field', async () => {
      const c = await createCommunity(t, admin);
      const before = await snapshot(t);
      const res = await t.http().post('/api/communities').set(bearer(admin)).send({ name: 'Other', slug: c.slug, description: '' }).expect(409);
      expect(res.body).toMatchObject({ code: 'ALREADY_EXISTS', details: [{ field: 'slug', message: 'is taken' }] });
      expect(await snapshot(t)).toEqual(before);
    });

    it.each([
      ['missing name', { slug: 'ok-slug', description: '' }, 'name'],
      ['name too long', { name: 'x'.repeat(101), slug: 'ok-slug', description: '' }, 'name'],
      ['upper-case slug', { name: 'ok', slug: 'Lisbon', description: '' }, 'slug'],
      ['slug with spaces', { name: 'ok', slug: 'lis bon', description: '' }, 'slug'],
      ['slug too long', { name: 'ok', slug: 'a'.repeat(65), description: '' }, 'slug'],
      ['description too long', { name: 'ok', slug: 'ok-slug', description: 'x'.repeat(2001) }, 'description'],
      ['code of conduct too long', { name: 'ok', slug: 'ok-slug', description: '', codeOfConduct: 'x'.repeat(10001) }, 'codeOfConduct'],
      ['bad language', { name: 'ok', slug: 'ok-slug', description: '', languages: ['portuguese!'] }, 'languages'],
      ['wrong type', { name: 'ok', slug: 'ok-slug', description: '', membersCanCreateGroups: 'yes' }, 'membersCanCreateGroups'],
      ['extra field', { name: 'ok', slug: 'ok-slug', description: '', archivedAt: null }, 'archivedAt'],
      ['NUL', { name: 'o\u0000k', slug: 'ok-slug', description: '' }, 'name'],
    ])('refuses %s with 400 naming the field', async (_n, body, field) => {
      const before = await count(t, 'SELECT count(*) FROM communities');
      const res = await t.http().post('/api/communities').set(bearer(admin)).send(body).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      expect(await count(t, 'SELECT count(*) FROM communities')).toBe(before);
    });
  });

  describe('browse', () => {
    it('lists communities by name with a cursor, finds by words, and hides archived ones except to admins who ask', async () => {
      const tag = uniqueName('zz').replace(/_/g, '');
      const made = [];
      for (const n of ['Alpha', 'Beta', 'Gamma']) made.push(await createCommunity(t, admin, { name: `${tag} ${n}` }));
      await t.http().post(`/api/communities/${made[1].id}/archive`).set(bearer(admin)).expect(200);
      const found = await t.http().get(`/api/communities?q=${tag}`).set(bearer(member)).expect(200);
      expect(found.body.items.map((c: { id: string }) => c.id)).toEqual([made[0].id, made[2].id]);
      const asked = await t.http().get(`/api/communities?q=${tag}&includeArchived=true`).set(bearer(member)).expect(200);
      expect(asked.body.items).toHaveLength(2);
      const byAdmin = await t.http().get(`/api/communities?q=${tag}&includeArchived=true`).set(bearer(admin)).expect(200);
      expect(byAdmin.body.items.map((c: { id: string }) => c.id)).toEqual(made.map((c) => c.id));

      const all: string[] = [];
      let cursor: string | null = null;
      do {
        const res: { body: { items: Array<{ id: string }>; nextCursor: string | null } } = await t
          .http()
          .get(`/api/communities?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
          .set(bearer(member))
          .expect(200);
        all.push(...res.body.items.map((c) => c.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(all).toHaveLength(await count(t, 'SELECT count(*) FROM communities WHERE archived_at IS NULL'));
      expect(new Set(all).size).toBe(all.length);
    });

    it.each([
      ['limit=0', 'VALIDATION_FAILED'],
      ['limit=101', 'VALIDATION_FAILED'],
      ['cursor=abc', 'INVALID_CURSOR'],
      [`cursor=${Buffer.from(JSON.stringify({ n: 'a', i: 'not-a-uuid' })).toString('base64url')}`, 'INVALID_CURSOR'],
      ['includeArchived=yes', 'VALIDATION_FAILED'],
    ])('refuses %s with 400 %s', async (qs, code) => {
      const res = await t.http().get(`/api/communities?${qs}`).set(bearer(member));
      expect(res.status).toBe(400);
      expect(res.body.code).toBe(code);
    });

    it('an unknown community is 404, a malformed id 400', async () => {
      expect((await t.http().get('/api/communities/00000000-0000-4000-8000-000000000000').set(bearer(member)).expect(404)).body.code).toBe('NOT_FOUND');
      await t.http().get('/api/communities/lisbon').set(bearer(member)).expect(400);
    });
  });

  describe('community admins', () => {
    it('platform admins appoint and remove community admins; everyone can see who runs a community', async () => {
      const c = await createCommunity(t, admin);
      const runner = await registerUser(t, 'runner', { displayName: 'Community Runner' });
      const res = await t.http().post(`/api/communities/${c.id}/admins`).set(bearer(admin)).send({ userId: runner.id }).expect(201);
      expect(res.body).toEqual([{ userId: runner.id, displayName: 'Community Runner', appointedAt: expect.any(String) }]);
      await t.http().post(`/api/communities/${c.id}/admins`).set(bearer(admin)).send({ userId: runner.id }).expect(201);
      const list = await t.http().get(`/api/communities/${c.id}/admins`).set(bearer(member)).expect(200);
      expect(list.body).toHaveLength(1);
      expect(JSON.stringify(list.body)).not.toContain(runner.username);
      expect((await t.http().get(`/api/communities/${c.id}`).set(bearer(runner)).expect(200)).body.viewerIsAdmin).toBe(true);

      await t.http().delete(`/api/communities/${c.id}/admins/${runner.id}`).set(bearer(admin)).expect(204);
      await t.http().delete(`/api/communities/${c.id}/admins/${runner.id}`).set(bearer(admin)).expect(404);
      expect((await t.http().get(`/api/communities/${c.id}`).set(bearer(runner)).expect(200)).body.viewerIsAdmin).toBe(false);
      await t.http().patch(`/api/communities/${c.id}`).set(bearer(runner)).send({ description: 'no longer mine' }).expect(403);
    });

    it('community admins cannot appoint; unknown users and communities are 404; bad ids 400', async () => {
      const c = await createCommunity(t, admin);
      const runner = await registerUser(t, 'runner');
      await appointCommunityAdmin(t, admin, c.id, runner);
      const other = await registerUser(t, 'other');
      const before = await snapshot(t);
      expect((await t.http().post(`/api/communities/${c.id}/admins`).set(bearer(runner)).send({ userId: other.id }).expect(403)).body.code).toBe('FORBIDDEN');
      await t.http().delete(`/api/communities/${c.id}/admins/${runner.id}`).set(bearer(runner)).expect(403);
      await t.http().post(`/api/communities/${c.id}/admins`).set(bearer(member)).send({ userId: member.id }).expect(403);
      await t.http().post(`/api/communities/${c.id}/admins`).send({ userId: member.id }).expect(401);
      await t.http().post(`/api/communities/${c.id}/admins`).set(bearer(admin)).send({ userId: '00000000-0000-4000-8000-000000000000' }).expect(404);
      await t.http().post('/api/communities/00000000-0000-4000-8000-000000000000/admins').set(bearer(admin)).send({ userId: other.id }).expect(404);
      await t.http().post(`/api/communities/${c.id}/admins`).set(bearer(admin)).send({ userId: 'river' }).expect(400);
      await t.http().post(`/api/communities/${c.id}/admins`).set(bearer(admin)).send({ userId: other.id, role: 'owner' }).expect(400);
      expect(await snapshot(t)).toEqual(before);
    });
  });

  describe('settings and archive', () => {
    it('its community admins and platform admins change settings; an admin of another community, a member and anonymous cannot', async () => {
      const c = await createCommunity(t, admin);
      const other = await createCommunity(t, admin);
      const runner = await registerUser(t, 'runner');
      const otherRunner = await registerUser(t, 'otherrunner');
      await appointCommunityAdmin(t, admin, c.id, runner);
      await appointCommunityAdmin(t, admin, other.id, otherRunner);
      const patched = await t.http().patch(`/api/communities/${c.id}`).set(bearer(runner)).send({ codeOfConduct: 'New code', membersCanCreateGroups: true, languages: ['fr'] }).expect(200);
      expect(patched.body).toMatchObject({ codeOfConduct: 'New code', membersCanCreateGroups: true, languages: ['fr'], slug: c.slug });
      await t.http().patch(`/api/communities/${c.id}`).set(bearer(admin)).send({ name: 'Renamed by admin' }).expect(200);
      const before = await snapshot(t);
      expect((await t.http().patch(`/api/communities/${c.id}`).set(bearer(otherRunner)).send({ name: 'Hijack' }).expect(403)).body.code).toBe('FORBIDDEN');
      await t.http().patch(`/api/communities/${c.id}`).set(bearer(member)).send({ name: 'Hijack' }).expect(403);
      await t.http().patch(`/api/communities/${c.id}`).send({ name: 'Hijack' }).expect(401);
      await t.http().patch(`/api/communities/${c.id}`).set(bearer(runner)).send({ slug: 'new-slug' }).expect(400);
      await t.http().patch(`/api/communities/${c.id}`).set(bearer(runner)).send({ name: '' }).expect(400);
      expect(await snapshot(t)).toEqual(before);
      expect((await t.http().get(`/api/communities/${c.id}`).set(bearer(member)).expect(200)).body.name).toBe('Renamed by admin');
    });

    it('only platform admins archive; an archived community is read-only and leaves the listing', async () => {
      const c = await createCommunity(t, admin);
      const runner = await registerUser(t, 'runner');
      await appointCommunityAdmin(t, admin, c.id, runner);
      await t.http().post(`/api/communities/${c.id}/archive`).set(bearer(runner)).expect(403);
      await t.http().post(`/api/communities/${c.id}/archive`).set(bearer(member)).expect(403);
      await t.http().post(`/api/communities/${c.id}/archive`).expect(401);
      const res = await t.http().post(`/api/communities/${c.id}/archive`).set(bearer(admin)).expect(200);
      expect(res.body.archivedAt).toEqual(expect.any(String));
      await t.http().post(`/api/communities/${c.id}/archive`).set(bearer(admin)).expect(200);
      expect((await t.http().patch(`/api/communities/${c.id}`).set(bearer(runner)).send({ description: 'x' }).expect(403)).body.code).toBe('COMMUNITY_ARCHIVED');
      const list = await t.http().get('/api/communities?limit=100').set(bearer(member)).expect(200);
      expect(list.body.items.map((x: { id: string }) => x.id)).not.toContain(c.id);
      await t.http().post('/api/communities/00000000-0000-4000-8000-000000000000/archive').set(bearer(admin)).expect(404);
    });
  });

  it('every route appears in the OpenAPI document', async () => {
    const doc = await t.http().get('/docs-json').expect(200);
    const paths = Object.keys(doc.body.paths);
    for (const p of [
      '/api/communities',
      '/api/communities/{communityId}',
      '/api/communities/{communityId}/archive',
      '/api/communities/{communityId}/admins',
      '/api/communities/{communityId}/admins/{userId}',
      '/api/communities/{communityId}/groups',
      '/api/themes',
      '/api/themes/suggestions',
      '/api/themes/{themeId}',
      '/api/themes/{themeId}/merge',
      '/api/groups',
      '/api/groups/{groupId}',
      '/api/groups/{groupId}/join',
      '/api/groups/{groupId}/leave',
      '/api/groups/{groupId}/archive',
      '/api/groups/{groupId}/members',
      '/api/groups/{groupId}/members/{userId}',
      '/api/groups/{groupId}/join-requests',
      '/api/groups/{groupId}/join-requests/{requestId}/approve',
      '/api/groups/{groupId}/join-requests/{requestId}/decline',
      '/api/groups/{groupId}/invites',
      '/api/groups/{groupId}/invites/{inviteId}',
      '/api/invites/preview',
      '/api/invites/accept',
      '/api/me/groups',
      '/api/me/join-requests',
      '/api/me/recommendations/groups',
    ]) {
      expect(paths).toContain(p);
    }
    expect(doc.body.components.schemas.GroupView.properties).toHaveProperty('lastActivityAt');
    expect(doc.body.components.schemas.RecommendedGroupView.properties).toEqual(expect.objectContaining({ reason: expect.any(Object), memberCount: expect.any(Object) }));
    expect(doc.body.components.schemas.CreatedThemeView.properties).toHaveProperty('similar');
  });
});
