import { Inject, Module, OnModuleInit } from '@nestjs/common';
import type { GroupAccess as GroupAccessType, GroupJoinAttempt, GroupJoinChecks as GroupJoinChecksType } from '@hearth/groups';
import type { PersonalDataRegistry as RegistryType } from '@hearth/common';
import { createTestApp, TestApp } from './support/test-app';
import { bearer, makeAdmin, registerUser, TestUser } from './support/users';
import { count, db, isRoomMember } from './support/groups';
import { closeAllSockets, connect, createRoom, emitAck, waitFor } from './support/sockets';
import { createWorld, World } from './support/world';

/*
 * The seams groups offers the libs that build on it: join checks on every path that
 * adds someone to a group, who moderates a room, and the personal data groups,
 * communities, themes and auth hold about a person.
 */

/** What the test check saw, and whom it refuses (as moderation will refuse the banned). */
const seen: GroupJoinAttempt[] = [];
const refused = new Set<string>();

function refuseListModule() {
  const { GroupsModule, GroupJoinChecks } = require('@hearth/groups') as typeof import('@hearth/groups');
  const { AppError, ErrorCode } = require('@hearth/common') as typeof import('@hearth/common');

  @Module({ imports: [GroupsModule] })
  class RefuseListModule implements OnModuleInit {
    constructor(@Inject(GroupJoinChecks) private readonly checks: GroupJoinChecksType) {}

    onModuleInit(): void {
      this.checks.register(async (tx, attempt) => {
        // Runs inside the adding transaction: the group row is there and locked.
        const [{ n }] = await tx.em.query(`SELECT count(*)::int AS n FROM groups WHERE id = $1`, [attempt.groupId]);
        seen.push({ ...attempt, groupId: n === 1 ? attempt.groupId : 'missing' });
        return refused.has(attempt.userId) ? new AppError(ErrorCode.FORBIDDEN, 'You may not join this group (test check)') : null;
      }, 'test-refuse-list');
    }
  }
  return RefuseListModule;
}

describe('groups seams', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp({ imports: () => [refuseListModule()] });
    w = await createWorld(t);
  });
  afterAll(() => t?.close());

  const membership = (groupId: string, userId: string) => count(t, `SELECT count(*) FROM group_members WHERE group_id = $1 AND user_id = $2`, [groupId, userId]);
  const attemptsOf = (userId: string) => seen.filter((a) => a.userId === userId).map((a) => a.via);
  const access = () => {
    const { GroupAccess } = require('@hearth/groups') as typeof import('@hearth/groups');
    return t.app.get<GroupAccessType>(GroupAccess);
  };

  describe('join checks run on every path that adds someone to a group', () => {
    it('the check is registered next to the ones the app registers', () => {
      const { GroupJoinChecks } = require('@hearth/groups') as typeof import('@hearth/groups');
      expect(t.app.get<GroupJoinChecksType>(GroupJoinChecks).names()).toContain('test-refuse-list');
    });

    it('joining an open group: allowed people join, a refused person gets the check’s error and nothing is written', async () => {
      const g = await w.addGroup({ joinPolicy: 'open' });
      const [ok, no] = await Promise.all([registerUser(t, 'okjoin'), registerUser(t, 'nojoin')]);
      refused.add(no.id);
      await t.http().post(`/api/groups/${g.id}/join`).set(bearer(ok)).send({}).expect(201);
      const res = await t.http().post(`/api/groups/${g.id}/join`).set(bearer(no)).send({}).expect(403);
      expect(res.body).toMatchObject({ code: 'FORBIDDEN', message: 'You may not join this group (test check)' });
      expect([await membership(g.id, ok.id), await membership(g.id, no.id)]).toEqual([1, 0]);
      expect(await isRoomMember(t, g.roomId, no.id)).toBe(false);
      expect(seen.find((a) => a.userId === ok.id)).toEqual({ groupId: g.id, communityId: w.community.id, userId: ok.id, via: 'join' });
      expect(attemptsOf(no.id)).toEqual(['join']);
    });

    it('asking to join an approval group is refused at once, and approving someone refused later is refused too', async () => {
      const g = await w.addGroup({ joinPolicy: 'approval' });
      const [early, late] = await Promise.all([registerUser(t, 'early'), registerUser(t, 'late')]);
      refused.add(early.id);
      await t.http().post(`/api/groups/${g.id}/join`).set(bearer(early)).send({}).expect(403);
      expect(await count(t, `SELECT count(*) FROM group_join_requests WHERE group_id = $1 AND user_id = $2`, [g.id, early.id])).toBe(0);
      const asked = await t.http().post(`/api/groups/${g.id}/join`).set(bearer(late)).send({}).expect(201);
      expect(asked.body.status).toBe('pending');
      refused.add(late.id);
      const approve = await t.http().post(`/api/groups/${g.id}/join-requests/${asked.body.request.id}/approve`).set(bearer(w.moderator)).expect(403);
      expect(approve.body.code).toBe('FORBIDDEN');
      expect(await membership(g.id, late.id)).toBe(0);
      expect(await count(t, `SELECT count(*) FROM group_join_requests WHERE id = $1 AND status = 'pending'`, [asked.body.request.id])).toBe(1);
      expect(attemptsOf(late.id)).toEqual(['join', 'approve']);
    });

    it('an invite, accepted or passed to join, does not get past the check; its use is not counted', async () => {
      const g = await w.addGroup({ visibility: 'private', joinPolicy: 'invite' });
      const invite = await t.http().post(`/api/groups/${g.id}/invites`).set(bearer(w.moderator)).send({ maxUses: 5 }).expect(201);
      const no = await registerUser(t, 'noinvite');
      refused.add(no.id);
      await t.http().post('/api/invites/accept').set(bearer(no)).send({ token: invite.body.token }).expect(403);
      await t.http().post(`/api/groups/${g.id}/join`).set(bearer(no)).send({ inviteToken: invite.body.token }).expect(403);
      expect(await membership(g.id, no.id)).toBe(0);
      expect(await count(t, `SELECT uses FROM group_invites WHERE id = $1`, [invite.body.id])).toBe(0);
      expect(attemptsOf(no.id)).toEqual(['invite', 'invite']);
      const ok = await registerUser(t, 'okinvite');
      await t.http().post('/api/invites/accept').set(bearer(ok)).send({ token: invite.body.token }).expect(201);
      expect(await membership(g.id, ok.id)).toBe(1);
    });

    it('a community admin making a peer worker a moderator joins them, unless the check refuses', async () => {
      const g = await w.addGroup();
      await t.http().patch(`/api/groups/${g.id}/members/${w.peer.id}`).set(bearer(w.communityAdmin)).send({ role: 'moderator' }).expect(200);
      expect(await db(t).query(`SELECT role FROM group_members WHERE group_id = $1 AND user_id = $2`, [g.id, w.peer.id])).toEqual([{ role: 'moderator' }]);
      expect(await isRoomMember(t, g.roomId, w.peer.id)).toBe(true);
      expect(attemptsOf(w.peer.id)).toEqual(['role']);
      const other = await w.addGroup();
      refused.add(w.peer.id);
      await t.http().patch(`/api/groups/${other.id}/members/${w.peer.id}`).set(bearer(w.communityAdmin)).send({ role: 'moderator' }).expect(403);
      expect(await membership(other.id, w.peer.id)).toBe(0);
      refused.delete(w.peer.id);
    });

    it('only staff join a peer by giving a role, only as moderator, and only a peer: otherwise the member is not found', async () => {
      const g = await w.addGroup();
      await t.http().patch(`/api/groups/${g.id}/members/${w.peer.id}`).set(bearer(w.owner)).send({ role: 'moderator' }).expect(404);
      await t.http().patch(`/api/groups/${g.id}/members/${w.peer.id}`).set(bearer(w.communityAdmin)).send({ role: 'owner' }).expect(404);
      await t.http().patch(`/api/groups/${g.id}/members/${w.outsider.id}`).set(bearer(w.communityAdmin)).send({ role: 'moderator' }).expect(404);
      expect([await membership(g.id, w.peer.id), await membership(g.id, w.outsider.id)]).toEqual([0, 0]);
      const suspendedPeer = await makeAdmin(t, await registerUser(t, 'susppeer'), 'peer');
      await t.http().patch(`/api/admin/users/${suspendedPeer.id}`).set(bearer(w.platformAdmin)).send({ status: 'suspended' }).expect(200);
      await t.http().patch(`/api/groups/${g.id}/members/${suspendedPeer.id}`).set(bearer(w.communityAdmin)).send({ role: 'moderator' }).expect(404);
      expect(await membership(g.id, suspendedPeer.id)).toBe(0);
    });

    it('creating a group runs the check for its owner, so a refused person creates nothing', async () => {
      const no = await registerUser(t, 'nocreate');
      refused.add(no.id);
      const before = await count(t, `SELECT count(*) FROM groups`);
      const res = await t
        .http()
        .post(`/api/communities/${w.community.id}/groups`)
        .set(bearer(w.platformAdmin))
        .send({ name: 'Allowed creator', description: 'x', themeIds: [w.theme.id], visibility: 'public', joinPolicy: 'open' })
        .expect(201);
      expect(seen.find((a) => a.groupId === res.body.id)).toMatchObject({ via: 'create', userId: w.platformAdmin.id });
      await t.http().patch(`/api/communities/${w.community.id}`).set(bearer(w.communityAdmin)).send({ membersCanCreateGroups: true }).expect(200);
      await t
        .http()
        .post(`/api/communities/${w.community.id}/groups`)
        .set(bearer(no))
        .send({ name: 'Refused creator', description: 'x', themeIds: [w.theme.id], visibility: 'public', joinPolicy: 'open' })
        .expect(403);
      await t.http().patch(`/api/communities/${w.community.id}`).set(bearer(w.communityAdmin)).send({ membersCanCreateGroups: false }).expect(200);
      expect(await count(t, `SELECT count(*) FROM groups`)).toBe(before + 1);
      expect(attemptsOf(no.id)).toEqual(['create']);
    });
  });

  describe('who moderates a room', () => {

    it('the group’s moderators and owners and its community’s admins; nobody else', async () => {
      const roomId = w.group.roomId;
      const mods = await access().moderatorsOfRoom(roomId);
      const expected = [
        { userId: w.owner.id, groupRole: 'owner', communityAdmin: false },
        { userId: w.moderator.id, groupRole: 'moderator', communityAdmin: false },
        { userId: w.communityAdmin.id, groupRole: null, communityAdmin: true },
      ].sort((a, b) => a.userId.localeCompare(b.userId));
      expect(mods).toEqual(expected);
      const cases: Array<[string, TestUser, boolean]> = [
        ['owner', w.owner, true],
        ['moderator', w.moderator, true],
        ['community admin', w.communityAdmin, true],
        ['member', w.member, false],
        ['second member', w.secondMember, false],
        ['peer not assigned', w.peer, false],
        ['outsider', w.outsider, false],
        ['admin of another community', w.otherCommunityAdmin, false],
        ['platform admin (not a room moderator by the contract)', w.platformAdmin, false],
      ];
      for (const [who, u, can] of cases) expect([who, await access().canModerateRoom(u.id, roomId)]).toEqual([who, can]);
    });

    it('a community admin who is also a member is listed once, with their group role', async () => {
      const g = await w.addGroup();
      await db(t).query(`INSERT INTO group_members (group_id, user_id, role) VALUES ($1, $2, 'member')`, [g.id, w.communityAdmin.id]);
      const mods = await access().moderatorsOfRoom(g.roomId);
      expect(mods.filter((m) => m.userId === w.communityAdmin.id)).toEqual([{ userId: w.communityAdmin.id, groupRole: 'member', communityAdmin: true }]);
    });

    it('being a moderator of one room gives nothing in another; rooms that are not a group’s and unknown rooms have no moderators', async () => {
      const g = await w.addGroup();
      await db(t).query(`UPDATE group_members SET role = 'member' WHERE group_id = $1 AND user_id = $2`, [g.id, w.moderator.id]);
      expect(await access().canModerateRoom(w.moderator.id, g.roomId)).toBe(false);
      expect(await access().canModerateRoom(w.moderator.id, w.group.roomId)).toBe(true);
      const direct = await createRoom(t, [w.member, w.secondMember], 'support');
      expect(await access().moderatorsOfRoom(direct)).toEqual([]);
      expect(await access().canModerateRoom(w.member.id, direct)).toBe(false);
      expect(await access().moderatorsOfRoom('00000000-0000-4000-8000-000000000000')).toEqual([]);
    });

    it('a suspended moderator moderates nothing', async () => {
      const g = await w.addGroup();
      const mod = await registerUser(t, 'suspmod');
      await db(t).query(`INSERT INTO group_members (group_id, user_id, role) VALUES ($1, $2, 'moderator')`, [g.id, mod.id]);
      expect(await access().canModerateRoom(mod.id, g.roomId)).toBe(true);
      await t.http().patch(`/api/admin/users/${mod.id}`).set(bearer(w.platformAdmin)).send({ status: 'suspended' }).expect(200);
      expect(await access().canModerateRoom(mod.id, g.roomId)).toBe(false);
      expect((await access().moderatorsOfRoom(g.roomId)).map((m) => m.userId)).not.toContain(mod.id);
    });
  });

  describe('removal for moderation, inside the caller’s transaction', () => {
    const services = () => {
      const { GroupMembershipsService } = require('@hearth/groups') as typeof import('@hearth/groups');
      const { Transactions } = require('@hearth/database') as typeof import('@hearth/database');
      return { memberships: t.app.get(GroupMembershipsService), transactions: t.app.get(Transactions) };
    };
    afterEach(() => closeAllSockets());

    it('takes the person out of the group and its room; their socket leaves once the transaction commits', async () => {
      const g = await w.addGroup();
      const s = await connect(t.url, w.secondMember.accessToken);
      expect((await emitAck(s, 'room:join', { roomId: g.roomId })).ok).toBe(true);
      const removed = waitFor(s, 'room:removed');
      const { memberships, transactions } = services();
      expect(await transactions.run((tx) => memberships.removeWithin(tx, g.id, w.secondMember.id, 'banned'))).toBe(true);
      expect(await removed).toMatchObject({ roomId: g.roomId, reason: 'banned' });
      expect([await membership(g.id, w.secondMember.id), Number(await isRoomMember(t, g.roomId, w.secondMember.id))]).toEqual([0, 0]);
      expect(await transactions.run((tx) => memberships.removeWithin(tx, g.id, w.secondMember.id))).toBe(false);
      expect(await access().groupOfRoom(g.roomId)).toEqual({ groupId: g.id, communityId: w.community.id });
    });

    it('nothing moves when the caller’s transaction rolls back', async () => {
      const g = await w.addGroup();
      const { memberships, transactions } = services();
      await expect(
        transactions.run(async (tx) => {
          await memberships.removeWithin(tx, g.id, w.member.id);
          throw new Error('the audit row failed');
        }),
      ).rejects.toThrow('the audit row failed');
      expect([await membership(g.id, w.member.id), Number(await isRoomMember(t, g.roomId, w.member.id))]).toEqual([1, 1]);
    });
  });

  describe('personal data of groups, communities, themes and auth', () => {
    const registry = () => {
      const { PersonalDataRegistry } = require('@hearth/common') as typeof import('@hearth/common');
      return t.app.get<RegistryType>(PersonalDataRegistry);
    };
    const MINE = ['groupMemberships', 'groupJoinRequests', 'groupInvites', 'groupsCreated', 'communityAdmins', 'communitiesCreated', 'myThemes', 'themesNamed', 'sessions'];
    const contributors = () => registry().all().filter((c) => MINE.includes(c.section));

    async function exportOf(userId: string): Promise<Record<string, unknown[]>> {
      const out: Record<string, unknown[]> = {};
      for (const c of contributors()) {
        out[c.section] = [];
        for await (const row of c.export(userId, db(t).manager)) out[c.section].push(row);
      }
      return out;
    }

    it('every table these libs keep about a person has a contributor', () => {
      expect(contributors().map((c) => c.section).sort()).toEqual([...MINE].sort());
      const tables = new Set(contributors().flatMap((c) => c.tables));
      for (const table of ['group_members', 'group_join_requests', 'group_invites', 'groups', 'community_admins', 'communities', 'user_themes', 'themes', 'auth_sessions']) {
        expect([table, tables.has(table)]).toEqual([table, true]);
      }
    });

    it('exports what the person did and holds, never token hashes or other people’s words', async () => {
      const g = await w.addGroup({ joinPolicy: 'approval' });
      const asker = await registerUser(t, 'asker');
      const asked = await t.http().post(`/api/groups/${g.id}/join`).set(bearer(asker)).send({ message: 'I would like to join' }).expect(201);
      await t.http().post(`/api/groups/${g.id}/join-requests/${asked.body.request.id}/decline`).set(bearer(w.moderator)).send({ reason: 'Full for now' }).expect(200);
      await t.http().post(`/api/groups/${g.id}/invites`).set(bearer(w.moderator)).send({}).expect(201);
      await t.http().patch('/api/me').set(bearer(w.member)).send({ themeIds: [w.theme.id] }).expect(200);

      const askerData = await exportOf(asker.id);
      expect(askerData.groupJoinRequests).toEqual([expect.objectContaining({ group_id: g.id, part: 'asked', message: 'I would like to join', status: 'declined', decision_reason: 'Full for now' })]);
      expect(askerData.sessions).toHaveLength(1);
      expect(JSON.stringify(askerData.sessions)).not.toMatch(/token/);

      const modData = await exportOf(w.moderator.id);
      expect(modData.groupJoinRequests).toEqual([expect.objectContaining({ group_id: g.id, part: 'decided', message: null, status: 'declined' })]);
      expect(modData.groupInvites).toEqual(expect.arrayContaining([expect.objectContaining({ group_id: g.id, uses: 0 })]));
      expect(JSON.stringify(modData.groupInvites)).not.toMatch(/token/);
      expect(modData.groupMemberships).toEqual(expect.arrayContaining([expect.objectContaining({ group_id: g.id, role: 'moderator' })]));

      expect((await exportOf(w.member.id)).myThemes).toEqual([expect.objectContaining({ theme_id: w.theme.id, name: w.theme.name })]);
      expect((await exportOf(w.owner.id)).themesNamed).toEqual([expect.objectContaining({ id: w.theme.id })]);
      expect((await exportOf(w.communityAdmin.id)).communityAdmins).toEqual([expect.objectContaining({ community_id: w.community.id, part: 'admin' })]);
      const adminData = await exportOf(w.platformAdmin.id);
      expect(adminData.communitiesCreated.map((c) => (c as { id: string }).id)).toEqual(expect.arrayContaining([w.community.id, w.otherCommunity.id]));
      expect(adminData.communityAdmins).toEqual(expect.arrayContaining([expect.objectContaining({ community_id: w.community.id, part: 'appointed' })]));
      expect((await exportOf(w.communityAdmin.id)).groupsCreated.map((r) => (r as { id: string }).id)).toContain(g.id);
    });

    it('erasing inside a transaction removes the person’s own rows and only the reference from shared ones', async () => {
      const person = await registerUser(t, 'leaving');
      const admin = w.platformAdmin;
      const community = (await t.http().post('/api/communities').set(bearer(admin)).send({ name: 'Erase test', slug: `erase-${Date.now()}`, description: 'x' }).expect(201)).body;
      await t.http().post(`/api/communities/${community.id}/admins`).set(bearer(admin)).send({ userId: person.id }).expect(201);
      const theme = (await t.http().post('/api/themes').set(bearer(person)).send({ name: `leaving theme ${Date.now()}`, description: 'x' }).expect(201)).body;
      await t.http().patch('/api/me').set(bearer(person)).send({ themeIds: [theme.id] }).expect(200);
      const group = (
        await t
          .http()
          .post(`/api/communities/${community.id}/groups`)
          .set(bearer(person))
          .send({ name: 'Made by the leaver', description: 'x', themeIds: [theme.id], visibility: 'public', joinPolicy: 'approval' })
          .expect(201)
      ).body;
      await t.http().post(`/api/groups/${group.id}/invites`).set(bearer(person)).send({}).expect(201);
      const other = await registerUser(t, 'stays');
      const req = (await t.http().post(`/api/groups/${group.id}/join`).set(bearer(other)).send({}).expect(201)).body.request;
      await t.http().post(`/api/groups/${group.id}/join-requests/${req.id}/approve`).set(bearer(person)).expect(200);
      await t.http().post(`/api/groups/${w.group.id}/join`).set(bearer(person)).send({}).expect(201);

      await db(t).transaction(async (em) => {
        for (const c of contributors()) await c.erase(person.id, { messages: 'erase' }, em);
      });

      const refs = async (sql: string) => count(t, sql, [person.id]);
      expect({
        groupMembers: await refs(`SELECT count(*) FROM group_members WHERE user_id = $1`),
        requests: await refs(`SELECT count(*) FROM group_join_requests WHERE user_id = $1 OR decided_by = $1`),
        invites: await refs(`SELECT count(*) FROM group_invites WHERE created_by = $1`),
        groups: await refs(`SELECT count(*) FROM groups WHERE created_by = $1`),
        communityAdmins: await refs(`SELECT count(*) FROM community_admins WHERE user_id = $1 OR appointed_by = $1`),
        communities: await refs(`SELECT count(*) FROM communities WHERE created_by = $1`),
        userThemes: await refs(`SELECT count(*) FROM user_themes WHERE user_id = $1`),
        themes: await refs(`SELECT count(*) FROM themes WHERE created_by = $1`),
        sessions: await refs(`SELECT count(*) FROM auth_sessions WHERE user_id = $1`),
      }).toEqual({ groupMembers: 0, requests: 0, invites: 0, groups: 0, communityAdmins: 0, communities: 0, userThemes: 0, themes: 0, sessions: 0 });
      // What others rely on stays: the group, its invite, the other person's approved request and membership, the theme.
      expect(await count(t, `SELECT count(*) FROM groups WHERE id = $1`, [group.id])).toBe(1);
      expect(await count(t, `SELECT count(*) FROM group_invites WHERE group_id = $1`, [group.id])).toBe(1);
      expect(await db(t).query(`SELECT status, decided_by FROM group_join_requests WHERE id = $1`, [req.id])).toEqual([{ status: 'approved', decided_by: null }]);
      expect(await membership(group.id, other.id)).toBe(1);
      expect(await count(t, `SELECT count(*) FROM themes WHERE id = $1`, [theme.id])).toBe(1);
    });
  });
});
