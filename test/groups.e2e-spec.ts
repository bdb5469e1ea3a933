import { EventEmitter2 } from '@nestjs/event-emitter';
import type { RoomMemberEvent } from '@hearth/chat';
import { createTestApp, TestApp } from './support/test-app';
import { bearer, registerAdmin, registerUser, TestUser, uniqueName } from './support/users';
import { count, createCommunity, createGroup, createTheme, db, isRoomMember, joinGroup, snapshot } from './support/groups';

describe('groups', () => {
  let t: TestApp;
  let admin: TestUser;
  let owner: TestUser;
  let communityId: string;
  let themeId: string;
  const events: Array<{ name: string; e: RoomMemberEvent }> = [];

  beforeAll(async () => {
    t = await createTestApp();
    admin = await registerAdmin(t);
    owner = await registerUser(t, 'owner');
    communityId = (await createCommunity(t, admin, { membersCanCreateGroups: true })).id;
    themeId = (await createTheme(t, owner, uniqueName('grief'))).id;
    const bus = t.app.get(EventEmitter2);
    bus.on('room.member.added', (e: RoomMemberEvent) => events.push({ name: 'added', e }));
    bus.on('room.member.removed', (e: RoomMemberEvent) => events.push({ name: 'removed', e }));
  });
  afterAll(() => t.close());

  const eventsFor = (roomId: string, userId: string) => events.filter((x) => x.e.roomId === roomId && x.e.userId === userId).map((x) => x.name + (x.e.reason ? `:${x.e.reason}` : ''));

  describe('create', () => {
    it('creates the group, its room, and makes the creator owner and room member, in one go', async () => {
      const res = await t
        .http()
        .post(`/api/communities/${communityId}/groups`)
        .set(bearer(owner))
        .send({ name: 'Sunday grief circle', description: 'Gentle talk', themeIds: [themeId], visibility: 'public', joinPolicy: 'open', rules: 'Be kind', languages: ['en', 'pt-BR'], maxMembers: 12 })
        .expect(201);
      expect(res.body).toMatchObject({
        id: expect.any(String),
        roomId: expect.any(String),
        communityId,
        name: 'Sunday grief circle',
        rules: 'Be kind',
        languages: ['en', 'pt-br'],
        maxMembers: 12,
        visibility: 'public',
        joinPolicy: 'open',
        memberCount: 1,
        lastActivityAt: null,
        archivedAt: null,
        themes: [{ id: themeId, name: expect.any(String) }],
        viewer: { role: 'owner', pendingRequest: false, canModerate: true, canAdminister: true },
      });
      const rooms = await db(t).query(`SELECT kind, group_id FROM rooms WHERE id = $1`, [res.body.roomId]);
      expect(rooms).toEqual([{ kind: 'group', group_id: res.body.id }]);
      expect(await isRoomMember(t, res.body.roomId, owner.id)).toBe(true);
      expect(eventsFor(res.body.roomId, owner.id)).toEqual(['added']);
      const fetched = await t.http().get(`/api/groups/${res.body.id}`).set(bearer(owner)).expect(200);
      expect(fetched.body).toEqual(res.body);
    });

    it('refuses a name already used in the community (any case) with ALREADY_EXISTS and writes nothing', async () => {
      const g = await createGroup(t, owner, communityId, [themeId]);
      const before = await snapshot(t);
      const res = await t
        .http()
        .post(`/api/communities/${communityId}/groups`)
        .set(bearer(owner))
        .send({ name: g.name.toUpperCase(), description: 'x', themeIds: [themeId], visibility: 'public', joinPolicy: 'open' })
        .expect(409);
      expect(res.body.code).toBe('ALREADY_EXISTS');
      expect(await snapshot(t)).toEqual(before);
    });

    it('refuses unknown theme ids with VALIDATION_FAILED naming them, and creates neither group nor room', async () => {
      const before = await snapshot(t);
      const unknown = '00000000-0000-4000-8000-000000000000';
      const res = await t
        .http()
        .post(`/api/communities/${communityId}/groups`)
        .set(bearer(owner))
        .send({ name: uniqueName('G'), description: 'x', themeIds: [themeId, unknown], visibility: 'public', joinPolicy: 'open' })
        .expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'themeIds', unknownIds: [unknown] })]);
      expect(await snapshot(t)).toEqual(before);
    });

    const valid = () => ({ name: uniqueName('G'), description: 'x', themeIds: ['THEME'], visibility: 'public', joinPolicy: 'open' });
    it.each([
      ['no themes', { themeIds: [] }, 'themeIds'],
      ['theme id not a uuid', { themeIds: ['grief'] }, 'themeIds'],
      ['over-long name', { name: 'x'.repeat(101) }, 'name'],
      ['blank name', { name: '   ' }, 'name'],
      ['over-long description', { description: 'x'.repeat(2001) }, 'description'],
      ['over-long rules', { rules: 'x'.repeat(4001) }, 'rules'],
      ['bad visibility', { visibility: 'secret' }, 'visibility'],
      ['bad join policy', { joinPolicy: 'lottery' }, 'joinPolicy'],
      ['maxMembers too small', { maxMembers: 1 }, 'maxMembers'],
      ['maxMembers not an integer', { maxMembers: 2.5 }, 'maxMembers'],
      ['maxMembers as a string', { maxMembers: '10' }, 'maxMembers'],
      ['bad language', { languages: ['english!'] }, 'languages'],
      ['wrong type for name', { name: 42 }, 'name'],
      ['extra field', { roomId: '00000000-0000-4000-8000-000000000000' }, 'roomId'],
      ['NUL in description', { description: 'a\u0000b' }, 'description'],
    ])('refuses %s with 400 naming the field and writes nothing', async (_n, patch, field) => {
      const body = { ...valid(), themeIds: [themeId], ...patch };
      const before = await snapshot(t);
      const res = await t.http().post(`/api/communities/${communityId}/groups`).set(bearer(owner)).send(body).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: expect.stringContaining(field) })]));
      expect(await snapshot(t)).toEqual(before);
    });

    it('refuses a group in an unknown community with 404 and in an archived community with COMMUNITY_ARCHIVED', async () => {
      const unknown = await t
        .http()
        .post(`/api/communities/00000000-0000-4000-8000-000000000000/groups`)
        .set(bearer(owner))
        .send({ ...valid(), themeIds: [themeId] })
        .expect(404);
      expect(unknown.body.code).toBe('NOT_FOUND');
      const c = await createCommunity(t, admin, { membersCanCreateGroups: true });
      await t.http().post(`/api/communities/${c.id}/archive`).set(bearer(admin)).expect(200);
      const before = await snapshot(t);
      const res = await t.http().post(`/api/communities/${c.id}/groups`).set(bearer(owner)).send({ ...valid(), themeIds: [themeId] }).expect(403);
      expect(res.body.code).toBe('COMMUNITY_ARCHIVED');
      expect(await snapshot(t)).toEqual(before);
    });
  });

  describe('joining and leaving', () => {
    it('open: joining makes a member and a room member, announced to the chat; joining twice changes nothing', async () => {
      const g = await createGroup(t, owner, communityId, [themeId]);
      const u = await registerUser(t, 'joiner');
      const res = await t.http().post(`/api/groups/${g.id}/join`).set(bearer(u)).send({}).expect(201);
      expect(res.body).toMatchObject({ status: 'member', message: expect.stringContaining('member'), request: null, group: { id: g.id, memberCount: 2, viewer: { role: 'member' } } });
      expect(await isRoomMember(t, g.roomId, u.id)).toBe(true);
      expect(eventsFor(g.roomId, u.id)).toEqual(['added']);
      const again = await t.http().post(`/api/groups/${g.id}/join`).set(bearer(u)).send({}).expect(201);
      expect(again.body.status).toBe('member');
      expect(await count(t, `SELECT count(*) FROM group_members WHERE group_id = $1`, [g.id])).toBe(2);
      expect(eventsFor(g.roomId, u.id)).toEqual(['added']);
    });

    it('leaving removes group and room membership and tells the chat to drop the sockets', async () => {
      const g = await createGroup(t, owner, communityId, [themeId]);
      const u = await registerUser(t, 'leaver');
      await joinGroup(t, u, g.id);
      await t.http().post(`/api/groups/${g.id}/leave`).set(bearer(u)).expect(204);
      expect(await isRoomMember(t, g.roomId, u.id)).toBe(false);
      expect(await count(t, `SELECT count(*) FROM group_members WHERE group_id = $1 AND user_id = $2`, [g.id, u.id])).toBe(0);
      expect(eventsFor(g.roomId, u.id)).toEqual(['added', 'removed:left']);
      const notMember = await t.http().post(`/api/groups/${g.id}/leave`).set(bearer(u)).expect(403);
      expect(notMember.body.code).toBe('NOT_A_MEMBER');
    });

    it('the last owner cannot leave others without an owner, but can once someone else owns it', async () => {
      const g = await createGroup(t, owner, communityId, [themeId]);
      const u = await registerUser(t, 'heir');
      await joinGroup(t, u, g.id);
      const res = await t.http().post(`/api/groups/${g.id}/leave`).set(bearer(owner)).expect(409);
      expect(res.body.code).toBe('CONFLICT');
      expect(await isRoomMember(t, g.roomId, owner.id)).toBe(true);
      await t.http().patch(`/api/groups/${g.id}/members/${u.id}`).set(bearer(owner)).send({ role: 'owner' }).expect(200);
      await t.http().post(`/api/groups/${g.id}/leave`).set(bearer(owner)).expect(204);
    });

    it('approval: joining creates a pending request, said so in the body; approving makes a member', async () => {
      const g = await createGroup(t, owner, communityId, [themeId], { joinPolicy: 'approval' });
      const u = await registerUser(t, 'asker', { displayName: 'Asking Person' });
      const res = await t.http().post(`/api/groups/${g.id}/join`).set(bearer(u)).send({ message: 'I lost my dad last year' }).expect(201);
      expect(res.body).toMatchObject({
        status: 'pending',
        message: expect.stringMatching(/pending/),
        request: { status: 'pending', message: 'I lost my dad last year', groupId: g.id },
        group: { viewer: { role: null, pendingRequest: true } },
      });
      expect(await isRoomMember(t, g.roomId, u.id)).toBe(false);
      const again = await t.http().post(`/api/groups/${g.id}/join`).set(bearer(u)).send({}).expect(201);
      expect(again.body.request.id).toBe(res.body.request.id);

      const list = await t.http().get(`/api/groups/${g.id}/join-requests`).set(bearer(owner)).expect(200);
      expect(list.body.items).toEqual([expect.objectContaining({ id: res.body.request.id, userId: u.id, displayName: 'Asking Person', status: 'pending' })]);
      expect(JSON.stringify(list.body)).not.toContain(u.username);

      const approved = await t.http().post(`/api/groups/${g.id}/join-requests/${res.body.request.id}/approve`).set(bearer(owner)).expect(200);
      expect(approved.body).toMatchObject({ status: 'approved', decidedAt: expect.any(String) });
      expect(await isRoomMember(t, g.roomId, u.id)).toBe(true);
      expect(eventsFor(g.roomId, u.id)).toEqual(['added']);
      const notes = await t.http().get('/api/me/notifications').set(bearer(u)).expect(200);
      expect(notes.body.items).toEqual([expect.objectContaining({ kind: 'join_approved', data: { groupId: g.id, requestId: res.body.request.id, roomId: g.roomId } })]);
      const twice = await t.http().post(`/api/groups/${g.id}/join-requests/${res.body.request.id}/approve`).set(bearer(owner)).expect(409);
      expect(twice.body.code).toBe('CONFLICT');
    });

    it('declining records a reason the person sees, and they may ask again later', async () => {
      const g = await createGroup(t, owner, communityId, [themeId], { joinPolicy: 'approval' });
      const u = await registerUser(t, 'declined');
      const { body } = await t.http().post(`/api/groups/${g.id}/join`).set(bearer(u)).send({}).expect(201);
      const noReason = await t.http().post(`/api/groups/${g.id}/join-requests/${body.request.id}/decline`).set(bearer(owner)).send({}).expect(400);
      expect(noReason.body.code).toBe('VALIDATION_FAILED');
      await t.http().post(`/api/groups/${g.id}/join-requests/${body.request.id}/decline`).set(bearer(owner)).send({ reason: '   ' }).expect(400);
      await t
        .http()
        .post(`/api/groups/${g.id}/join-requests/${body.request.id}/decline`)
        .set(bearer(owner))
        .send({ reason: 'This group is for people in Lisbon; try the online circle' })
        .expect(200);
      const mine = await t.http().get('/api/me/join-requests').set(bearer(u)).expect(200);
      expect(mine.body.items).toEqual([
        expect.objectContaining({ id: body.request.id, groupId: g.id, groupName: g.name, status: 'declined', decisionReason: 'This group is for people in Lisbon; try the online circle' }),
      ]);
      expect(await isRoomMember(t, g.roomId, u.id)).toBe(false);
      const notes = await t.http().get('/api/me/notifications').set(bearer(u)).expect(200);
      expect(notes.body.items).toEqual([expect.objectContaining({ kind: 'join_declined', data: { groupId: g.id, requestId: body.request.id } })]);
      const again = await t.http().post(`/api/groups/${g.id}/join`).set(bearer(u)).send({}).expect(201);
      expect(again.body.status).toBe('pending');
      expect(again.body.request.id).not.toBe(body.request.id);
    });

    it('leaving while a request is pending withdraws it', async () => {
      const g = await createGroup(t, owner, communityId, [themeId], { joinPolicy: 'approval' });
      const u = await registerUser(t, 'withdraw');
      await t.http().post(`/api/groups/${g.id}/join`).set(bearer(u)).send({}).expect(201);
      await t.http().post(`/api/groups/${g.id}/leave`).set(bearer(u)).expect(204);
      expect(await count(t, `SELECT count(*) FROM group_join_requests WHERE group_id = $1`, [g.id])).toBe(0);
    });

    it('a full group refuses new members with GROUP_FULL, on join and on approval, and writes nothing', async () => {
      const g = await createGroup(t, owner, communityId, [themeId], { maxMembers: 2 });
      await joinGroup(t, await registerUser(t, 'second'), g.id);
      const third = await registerUser(t, 'third');
      const before = await snapshot(t);
      const res = await t.http().post(`/api/groups/${g.id}/join`).set(bearer(third)).send({}).expect(409);
      expect(res.body.code).toBe('GROUP_FULL');
      expect(await snapshot(t)).toEqual(before);

      const a = await createGroup(t, owner, communityId, [themeId], { joinPolicy: 'approval', maxMembers: 2 });
      const r1 = await t.http().post(`/api/groups/${a.id}/join`).set(bearer(third)).send({}).expect(201);
      const other = await registerUser(t, 'other');
      const r2 = await t.http().post(`/api/groups/${a.id}/join`).set(bearer(other)).send({}).expect(201);
      await t.http().post(`/api/groups/${a.id}/join-requests/${r1.body.request.id}/approve`).set(bearer(owner)).expect(200);
      const full = await t.http().post(`/api/groups/${a.id}/join-requests/${r2.body.request.id}/approve`).set(bearer(owner)).expect(409);
      expect(full.body.code).toBe('GROUP_FULL');
      expect(await isRoomMember(t, a.roomId, other.id)).toBe(false);
      const still = await t.http().get(`/api/groups/${a.id}/join-requests`).set(bearer(owner)).expect(200);
      expect(still.body.items.map((r: { id: string }) => r.id)).toEqual([r2.body.request.id]);
    });

    it('concurrent joins never exceed the cap', async () => {
      const g = await createGroup(t, owner, communityId, [themeId], { maxMembers: 3 });
      const people = await Promise.all([1, 2, 3, 4, 5].map(() => registerUser(t, 'rush')));
      const results = await Promise.all(people.map((u) => t.http().post(`/api/groups/${g.id}/join`).set(bearer(u)).send({})));
      expect(results.map((r) => r.status).sort()).toEqual([201, 201, 409, 409, 409]);
      expect(await count(t, `SELECT count(*) FROM group_members WHERE group_id = $1`, [g.id])).toBe(3);
      expect(await count(t, `SELECT count(*) FROM room_members WHERE room_id = $1`, [g.roomId])).toBe(3);
    });
  });

  describe('invite links', () => {
    it('invite-only groups refuse a join without a valid token; an invite admits, once per use', async () => {
      const g = await createGroup(t, owner, communityId, [themeId], { joinPolicy: 'invite' });
      const u = await registerUser(t, 'invitee');
      const refused = await t.http().post(`/api/groups/${g.id}/join`).set(bearer(u)).send({}).expect(403);
      expect(refused.body.code).toBe('FORBIDDEN');
      expect(refused.body.message).toMatch(/invite/);
      const bad = await t.http().post(`/api/groups/${g.id}/join`).set(bearer(u)).send({ inviteToken: 'not-a-real-token' }).expect(400);
      expect(bad.body.code).toBe('INVITE_INVALID');

      const inv = await t.http().post(`/api/groups/${g.id}/invites`).set(bearer(owner)).send({ expiresInHours: 24, maxUses: 1 }).expect(201);
      expect(inv.body).toMatchObject({ id: expect.any(String), token: expect.any(String), maxUses: 1, uses: 0, revokedAt: null });
      const preview = await t.http().post('/api/invites/preview').set(bearer(u)).send({ token: inv.body.token }).expect(200);
      expect(preview.body).toMatchObject({ groupId: g.id, groupName: g.name, memberCount: 1 });

      const joined = await t.http().post(`/api/groups/${g.id}/join`).set(bearer(u)).send({ inviteToken: inv.body.token }).expect(201);
      expect(joined.body.status).toBe('member');
      expect(await isRoomMember(t, g.roomId, u.id)).toBe(true);
      const used = await t.http().post('/api/invites/accept').set(bearer(await registerUser(t, 'late'))).send({ token: inv.body.token }).expect(400);
      expect(used.body.code).toBe('INVITE_INVALID');

      const list = await t.http().get(`/api/groups/${g.id}/invites`).set(bearer(owner)).expect(200);
      expect(list.body.items).toEqual([expect.objectContaining({ id: inv.body.id, uses: 1 })]);
      expect(JSON.stringify(list.body)).not.toContain(inv.body.token);
      const stored = await db(t).query(`SELECT token_hash FROM group_invites WHERE id = $1`, [inv.body.id]);
      expect(stored[0].token_hash).not.toContain(inv.body.token);
    });

    it('a private group is joined through an invite, after which it is visible', async () => {
      const g = await createGroup(t, owner, communityId, [themeId], { visibility: 'private', joinPolicy: 'invite' });
      const u = await registerUser(t, 'private');
      await t.http().get(`/api/groups/${g.id}`).set(bearer(u)).expect(404);
      const inv = await t.http().post(`/api/groups/${g.id}/invites`).set(bearer(owner)).send({}).expect(201);
      const res = await t.http().post('/api/invites/accept').set(bearer(u)).send({ token: inv.body.token }).expect(201);
      expect(res.body).toMatchObject({ status: 'member', group: { id: g.id, visibility: 'private' } });
      await t.http().get(`/api/groups/${g.id}`).set(bearer(u)).expect(200);
      expect(eventsFor(g.roomId, u.id)).toEqual(['added']);
    });

    it('expired and revoked invites stop working; a token for another group proves nothing', async () => {
      const g = await createGroup(t, owner, communityId, [themeId], { joinPolicy: 'invite' });
      const other = await createGroup(t, owner, communityId, [themeId], { joinPolicy: 'invite' });
      const u = await registerUser(t, 'expired');
      const expiring = await t.http().post(`/api/groups/${g.id}/invites`).set(bearer(owner)).send({ expiresInHours: 1 }).expect(201);
      await db(t).query(`UPDATE group_invites SET expires_at = now() - interval '1 minute' WHERE id = $1`, [expiring.body.id]);
      expect((await t.http().post('/api/invites/accept').set(bearer(u)).send({ token: expiring.body.token }).expect(400)).body.code).toBe('INVITE_INVALID');
      expect((await t.http().post('/api/invites/preview').set(bearer(u)).send({ token: expiring.body.token }).expect(400)).body.code).toBe('INVITE_INVALID');

      const revoked = await t.http().post(`/api/groups/${g.id}/invites`).set(bearer(owner)).send({}).expect(201);
      await t.http().delete(`/api/groups/${g.id}/invites/${revoked.body.id}`).set(bearer(owner)).expect(204);
      await t.http().delete(`/api/groups/${g.id}/invites/${revoked.body.id}`).set(bearer(owner)).expect(204);
      expect((await t.http().post('/api/invites/accept').set(bearer(u)).send({ token: revoked.body.token }).expect(400)).body.code).toBe('INVITE_INVALID');

      const forOther = await t.http().post(`/api/groups/${other.id}/invites`).set(bearer(owner)).send({}).expect(201);
      expect((await t.http().post(`/api/groups/${g.id}/join`).set(bearer(u)).send({ inviteToken: forOther.body.token }).expect(400)).body.code).toBe('INVITE_INVALID');
      expect(await isRoomMember(t, g.roomId, u.id)).toBe(false);
      expect(await count(t, `SELECT uses FROM group_invites WHERE id = $1`, [forOther.body.id])).toBe(0);
    });

    it.each([
      [{ expiresInHours: 0 }, 'expiresInHours'],
      [{ expiresInHours: 721 }, 'expiresInHours'],
      [{ maxUses: 0 }, 'maxUses'],
      [{ maxUses: 'many' }, 'maxUses'],
      [{ token: 'x' }, 'token'],
    ])('refuses invite settings %j with 400', async (body, field) => {
      const g = await createGroup(t, owner, communityId, [themeId]);
      const res = await t.http().post(`/api/groups/${g.id}/invites`).set(bearer(owner)).send(body).expect(400);
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      expect(await count(t, `SELECT count(*) FROM group_invites WHERE group_id = $1`, [g.id])).toBe(0);
    });
  });

  describe('members and roles', () => {
    it('lists members with display names and roles only, paginated', async () => {
      const g = await createGroup(t, owner, communityId, [themeId]);
      const people = [];
      for (const i of [1, 2, 3]) {
        const u = await registerUser(t, 'm', { displayName: `Member ${i}` });
        await joinGroup(t, u, g.id);
        people.push(u);
      }
      const first = await t.http().get(`/api/groups/${g.id}/members?limit=2`).set(bearer(people[0])).expect(200);
      expect(first.body.items).toHaveLength(2);
      expect(Object.keys(first.body.items[0]).sort()).toEqual(['displayName', 'joinedAt', 'role', 'userId']);
      expect(first.body.items[0]).toMatchObject({ userId: owner.id, role: 'owner' });
      const second = await t.http().get(`/api/groups/${g.id}/members?limit=2&cursor=${first.body.nextCursor}`).set(bearer(people[0])).expect(200);
      expect(second.body.items.map((m: { displayName: string }) => m.displayName)).toEqual(['Member 2', 'Member 3']);
      expect(second.body.nextCursor).toBeNull();
      expect(JSON.stringify([first.body, second.body])).not.toContain(people[0].username);
      const badCursor = await t.http().get(`/api/groups/${g.id}/members?cursor=garbage`).set(bearer(people[0])).expect(400);
      expect(badCursor.body.code).toBe('INVALID_CURSOR');
    });

    it('owners change roles; the last owner cannot be demoted; unknown members are 404', async () => {
      const g = await createGroup(t, owner, communityId, [themeId]);
      const u = await registerUser(t, 'promoted');
      await joinGroup(t, u, g.id);
      const res = await t.http().patch(`/api/groups/${g.id}/members/${u.id}`).set(bearer(owner)).send({ role: 'moderator' }).expect(200);
      expect(res.body).toMatchObject({ userId: u.id, role: 'moderator' });
      const demote = await t.http().patch(`/api/groups/${g.id}/members/${owner.id}`).set(bearer(owner)).send({ role: 'member' }).expect(409);
      expect(demote.body.code).toBe('CONFLICT');
      await t.http().patch(`/api/groups/${g.id}/members/${admin.id}`).set(bearer(owner)).send({ role: 'member' }).expect(404);
      await t.http().patch(`/api/groups/${g.id}/members/${u.id}`).set(bearer(owner)).send({ role: 'king' }).expect(400);
      await t.http().patch(`/api/groups/${g.id}/members/${u.id}`).set(bearer(owner)).send({ role: 'member', extra: 1 }).expect(400);
    });

    it('removing a member takes them out of the room at once', async () => {
      const g = await createGroup(t, owner, communityId, [themeId]);
      const u = await registerUser(t, 'removed');
      await joinGroup(t, u, g.id);
      await t.http().delete(`/api/groups/${g.id}/members/${u.id}`).set(bearer(owner)).expect(204);
      expect(await isRoomMember(t, g.roomId, u.id)).toBe(false);
      expect(eventsFor(g.roomId, u.id)).toEqual(['added', 'removed:removed']);
      await t.http().delete(`/api/groups/${g.id}/members/${u.id}`).set(bearer(owner)).expect(404);
      await t.http().get(`/api/groups/${g.id}/members`).set(bearer(u)).expect(403);
    });
  });

  describe('settings and archive', () => {
    it('owners change settings and themes; bad values are refused and change nothing', async () => {
      const g = await createGroup(t, owner, communityId, [themeId]);
      const t2 = await createTheme(t, owner);
      const res = await t.http().patch(`/api/groups/${g.id}`).set(bearer(owner)).send({ description: 'New words', themeIds: [t2.id], maxMembers: null, rules: null }).expect(200);
      expect(res.body).toMatchObject({ description: 'New words', themes: [{ id: t2.id, name: t2.name }], maxMembers: null, rules: null });
      const before = await snapshot(t);
      const bad = await t.http().patch(`/api/groups/${g.id}`).set(bearer(owner)).send({ description: 'Other words', themeIds: ['00000000-0000-4000-8000-000000000001'] }).expect(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
      expect(await snapshot(t)).toEqual(before);
      const after = await t.http().get(`/api/groups/${g.id}`).set(bearer(owner)).expect(200);
      expect(after.body).toMatchObject({ description: 'New words', themes: [{ id: t2.id }] });
      await t.http().patch(`/api/groups/${g.id}`).set(bearer(owner)).send({ visibility: 'hidden' }).expect(400);
    });

    it('archiving makes the room read-only, declines pending requests, stops invites and joins, and keeps it in my groups', async () => {
      const g = await createGroup(t, owner, communityId, [themeId], { joinPolicy: 'approval' });
      const asker = await registerUser(t, 'asker');
      await t.http().post(`/api/groups/${g.id}/join`).set(bearer(asker)).send({}).expect(201);
      const inv = await t.http().post(`/api/groups/${g.id}/invites`).set(bearer(owner)).send({}).expect(201);
      const res = await t.http().post(`/api/groups/${g.id}/archive`).set(bearer(owner)).expect(200);
      expect(res.body.archivedAt).toEqual(expect.any(String));
      expect((await db(t).query(`SELECT read_only FROM rooms WHERE id = $1`, [g.roomId]))[0].read_only).toBe(true);
      const mine = await t.http().get('/api/me/join-requests').set(bearer(asker)).expect(200);
      expect(mine.body.items[0]).toMatchObject({ status: 'declined', decisionReason: expect.stringMatching(/archived/) });
      const late = await registerUser(t, 'late');
      expect((await t.http().post(`/api/groups/${g.id}/join`).set(bearer(late)).send({}).expect(403)).body.code).toBe('GROUP_ARCHIVED');
      expect((await t.http().post('/api/invites/accept').set(bearer(late)).send({ token: inv.body.token }).expect(400)).body.code).toBe('INVITE_INVALID');
      expect((await t.http().patch(`/api/groups/${g.id}`).set(bearer(owner)).send({ description: 'x' }).expect(403)).body.code).toBe('GROUP_ARCHIVED');
      const list = await t.http().get(`/api/groups?communityId=${communityId}&limit=100`).set(bearer(owner)).expect(200);
      expect(list.body.items.map((x: { id: string }) => x.id)).not.toContain(g.id);
      const my = await t.http().get('/api/me/groups').set(bearer(owner)).expect(200);
      expect(my.body.items.find((x: { id: string }) => x.id === g.id)).toMatchObject({ archivedAt: expect.any(String) });
      await t.http().post(`/api/groups/${g.id}/leave`).set(bearer(owner)).expect(204);
    });

    it('archiving a community archives all its groups in the same step', async () => {
      const c = await createCommunity(t, admin, { membersCanCreateGroups: true });
      const g1 = await createGroup(t, owner, c.id, [themeId]);
      const g2 = await createGroup(t, owner, c.id, [themeId]);
      await t.http().post(`/api/communities/${c.id}/archive`).set(bearer(admin)).expect(200);
      const rows = await db(t).query(`SELECT g.archived_at IS NOT NULL AS archived, r.read_only FROM groups g JOIN rooms r ON r.id = g.room_id WHERE g.id = ANY($1::uuid[])`, [[g1.id, g2.id]]);
      expect(rows).toEqual([
        { archived: true, read_only: true },
        { archived: true, read_only: true },
      ]);
    });
  });

  describe('discovery', () => {
    let c: string;
    let grief: string;
    let sleep: string;
    const made: Record<string, string> = {};
    beforeAll(async () => {
      c = (await createCommunity(t, admin, { membersCanCreateGroups: true })).id;
      grief = (await createTheme(t, owner, uniqueName('Grief'))).id;
      sleep = (await createTheme(t, owner, uniqueName('Sleep'))).id;
      made.a = (await createGroup(t, owner, c, [grief], { name: 'Café of mourning', languages: ['pt'] })).id;
      made.b = (await createGroup(t, owner, c, [sleep], { name: 'Night owls', description: 'For when sleep will not come', languages: ['en'] })).id;
      made.c = (await createGroup(t, owner, c, [grief, sleep], { name: 'Tired and grieving' })).id;
      made.d = (await createGroup(t, owner, c, [grief], { name: 'Hidden circle', visibility: 'private' })).id;
      made.e = (await createGroup(t, owner, c, [sleep], { name: 'Quiet room' })).id;
    });
    const ids = (body: { items: Array<{ id: string }> }) => body.items.map((x) => x.id);

    it('filters by community, theme, language and words (accent-insensitive), hiding private groups from non-members', async () => {
      const viewer = await registerUser(t, 'viewer');
      const all = await t.http().get(`/api/groups?communityId=${c}`).set(bearer(viewer)).expect(200);
      expect(ids(all.body)).toEqual([made.e, made.c, made.b, made.a]);
      expect(all.body.items[0]).toMatchObject({ memberCount: 1, lastActivityAt: null, themes: expect.any(Array) });
      expect((await t.http().get(`/api/groups?communityId=${c}`).set(bearer(owner)).expect(200)).body.items).toHaveLength(5);
      expect(ids((await t.http().get(`/api/groups?communityId=${c}&theme=${grief}`).set(bearer(viewer)).expect(200)).body)).toEqual([made.c, made.a]);
      expect(ids((await t.http().get(`/api/groups?communityId=${c}&language=PT`).set(bearer(viewer)).expect(200)).body)).toEqual([made.a]);
      expect(ids((await t.http().get(`/api/groups?communityId=${c}&q=cafe`).set(bearer(viewer)).expect(200)).body)).toEqual([made.a]);
      expect(ids((await t.http().get(`/api/groups?communityId=${c}&q=sleep`).set(bearer(viewer)).expect(200)).body)).toEqual([made.b]);
      expect(ids((await t.http().get(`/api/groups?communityId=${c}&q=hidden`).set(bearer(viewer)).expect(200)).body)).toEqual([]);
      expect((await t.http().get(`/api/groups?theme=00000000-0000-4000-8000-000000000009`).set(bearer(viewer)).expect(200)).body).toEqual({ items: [], nextCursor: null });
    });

    it('reports member count and last activity from the room', async () => {
      await joinGroup(t, await registerUser(t, 'x'), made.b);
      await db(t).query(`UPDATE rooms SET last_message_at = '2026-01-02T03:04:05.678Z' WHERE group_id = $1`, [made.b]);
      const res = await t.http().get(`/api/groups/${made.b}`).set(bearer(owner)).expect(200);
      expect(res.body).toMatchObject({ memberCount: 2, lastActivityAt: '2026-01-02T03:04:05.678Z' });
    });

    it('pages with a cursor without repeats or gaps', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/groups?communityId=${c}&limit=1${cursor ? `&cursor=${cursor}` : ''}`;
        const res = await t.http().get(url).set(bearer(owner)).expect(200);
        seen.push(...ids(res.body));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual([made.e, made.d, made.c, made.b, made.a]);
    });

    it.each([
      ['limit=0', 'VALIDATION_FAILED'],
      ['limit=101', 'VALIDATION_FAILED'],
      ['limit=abc', 'VALIDATION_FAILED'],
      ['cursor=not-a-cursor', 'INVALID_CURSOR'],
      [`cursor=${Buffer.from(JSON.stringify({ t: 'yesterday', i: 'x' })).toString('base64url')}`, 'INVALID_CURSOR'],
      ['theme=grief', 'VALIDATION_FAILED'],
      ['communityId=1', 'VALIDATION_FAILED'],
      ['language=klingon!', 'VALIDATION_FAILED'],
      ['sort=name', 'VALIDATION_FAILED'],
      [`q=${'x'.repeat(101)}`, 'VALIDATION_FAILED'],
    ])('refuses %s with 400 %s', async (qs, code) => {
      const res = await t.http().get(`/api/groups?${qs}`).set(bearer(owner)).expect(400);
      expect(res.body.code).toBe(code);
    });
  });

  describe('my groups and recommendations', () => {
    it('my groups lists exactly the groups I am in with my role', async () => {
      const me = await registerUser(t, 'mine');
      const c = (await createCommunity(t, admin, { membersCanCreateGroups: true })).id;
      const g1 = await createGroup(t, owner, c, [themeId]);
      const g2 = await createGroup(t, me, c, [themeId]);
      await createGroup(t, owner, c, [themeId]);
      await joinGroup(t, me, g1.id);
      const res = await t.http().get('/api/me/groups').set(bearer(me)).expect(200);
      expect(res.body.items.map((g: { id: string; viewer: { role: string } }) => [g.id, g.viewer.role]).sort()).toEqual(
        [
          [g1.id, 'member'],
          [g2.id, 'owner'],
        ].sort(),
      );
    });

    it('recommends groups sharing my themes and language first, with the reason, and only ones I can join', async () => {
      const c = (await createCommunity(t, admin, { membersCanCreateGroups: true })).id;
      const grief = await createTheme(t, owner, uniqueName('grief'));
      const sleep = await createTheme(t, owner, uniqueName('sleep'));
      const me = await registerUser(t, 'seeker');
      await t.http().patch('/api/me').set(bearer(me)).send({ themeIds: [grief.id, sleep.id], languages: ['pt'] }).expect(200);

      const both = await createGroup(t, owner, c, [grief.id, sleep.id], { languages: ['pt'] });
      const one = await createGroup(t, owner, c, [sleep.id], { joinPolicy: 'approval' });
      const wrongLanguage = await createGroup(t, owner, c, [grief.id], { languages: ['de'] });
      const invite = await createGroup(t, owner, c, [grief.id], { joinPolicy: 'invite' });
      const priv = await createGroup(t, owner, c, [grief.id], { visibility: 'private' });
      const full = await createGroup(t, owner, c, [grief.id], { maxMembers: 2 });
      await joinGroup(t, await registerUser(t, 'filler'), full.id);
      const mine = await createGroup(t, owner, c, [grief.id]);
      await joinGroup(t, me, mine.id);
      const silent = await createGroup(t, owner, c, [grief.id]);
      await db(t).query(`UPDATE groups SET created_at = now() - interval '200 days' WHERE id = $1`, [silent.id]);
      await db(t).query(`UPDATE rooms SET last_message_at = now() - interval '150 days' WHERE group_id = $1`, [silent.id]);
      const archived = await createGroup(t, owner, c, [grief.id]);
      await t.http().post(`/api/groups/${archived.id}/archive`).set(bearer(owner)).expect(200);

      const res = await t.http().get('/api/me/recommendations/groups?limit=50').set(bearer(me)).expect(200);
      const got = res.body.items.map((x: { id: string }) => x.id);
      expect(got.slice(0, 2)).toEqual([both.id, one.id]);
      expect(res.body.items[0]).toMatchObject({ reason: `shares your themes: ${[grief.name, sleep.name].sort().join(', ')}; talks in pt; a new group`, sharedThemes: [grief.name, sleep.name].sort() });
      expect(res.body.items[1].reason).toBe(`shares your themes: ${sleep.name}; a new group`);
      for (const excluded of [wrongLanguage, invite, priv, full, mine, silent, archived]) expect(got).not.toContain(excluded.id);
      const limited = await t.http().get('/api/me/recommendations/groups?limit=1').set(bearer(me)).expect(200);
      expect(limited.body.items.map((x: { id: string }) => x.id)).toEqual([both.id]);
    });

    it('a newcomer with no themes gets active, welcoming groups, each with a reason', async () => {
      const c = (await createCommunity(t, admin, { membersCanCreateGroups: true })).id;
      const lively = await createGroup(t, owner, c, [themeId]);
      for (const p of ['a', 'b']) await joinGroup(t, await registerUser(t, p), lively.id);
      await db(t).query(`UPDATE rooms SET last_message_at = now() WHERE group_id = $1`, [lively.id]);
      const newcomer = await registerUser(t, 'newcomer');
      const res = await t.http().get('/api/me/recommendations/groups?limit=50').set(bearer(newcomer)).expect(200);
      expect(res.body.items.length).toBeGreaterThan(0);
      expect(res.body.items[0]).toMatchObject({ id: lively.id, reason: 'active today; open to newcomers', sharedThemes: [] });
      for (const item of res.body.items) {
        expect(item.reason).toMatch(/open to newcomers|welcomes requests to join/);
        expect(item.visibility).toBe('public');
        expect(item.joinPolicy).not.toBe('invite');
      }
    });

    it('refuses a recommendations limit out of range', async () => {
      await t.http().get('/api/me/recommendations/groups?limit=0').set(bearer(owner)).expect(400);
      await t.http().get('/api/me/recommendations/groups?limit=51').set(bearer(owner)).expect(400);
    });
  });
});
