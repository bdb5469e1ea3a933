import { createTestApp, TestApp } from './support/test-app';
import { bearer } from './support/users';
import { count, db, joinGroup } from './support/groups';
import { closeAllSockets, collect, connect, emitAck, sleep, waitFor } from './support/sockets';
import { act, joined, modWorld, ModWorld, notificationsOf, report, send, sendOk } from './support/moderation';

describe('moderation and safety', () => {
  let t: TestApp;
  let w: ModWorld;

  beforeAll(async () => {
    t = await createTestApp();
  });
  beforeEach(async () => {
    w = await modWorld(t);
  });
  afterEach(() => closeAllSockets());
  afterAll(() => t.close());

  const cases = async (user = w.moderator, query = '') => (await t.http().get(`/api/moderation/cases?roomId=${w.roomId}${query}`).set(bearer(user)).expect(200)).body.items;

  describe('reports', () => {
    it('reports on one message collapse into one case; the reporter sees status and, later, the outcome', async () => {
      const s = await joined(t, w.member, w.roomId);
      const m = await sendOk(s, w.roomId, 'something unkind');
      const r1 = await report(t, w.member2, { messageId: m.id, reason: 'harassment', note: 'not ok' }).expect(201);
      const r2 = await report(t, w.member3, { messageId: m.id, reason: 'labeling' }).expect(201);
      expect(r2.body.caseId).toBe(r1.body.caseId);
      expect(r1.body).toEqual({ id: expect.any(String), caseId: expect.any(String), status: 'open' });
      const list = await cases();
      expect(list).toEqual([expect.objectContaining({ id: r1.body.caseId, roomId: w.roomId, kind: 'report', priority: 'normal', status: 'open', reportCount: 2 })]);
      const mine = await t.http().get('/api/me/reports').set(bearer(w.member2)).expect(200);
      expect(mine.body.items).toEqual([expect.objectContaining({ id: r1.body.id, status: 'open', outcome: null })]);

      await act(t, w.moderator, { action: 'warn', caseId: r1.body.caseId, rule: 'Be kind', reason: 'That was hurtful' }).expect(201);
      const after = await t.http().get('/api/me/reports').set(bearer(w.member2)).expect(200);
      expect(after.body.items[0]).toMatchObject({ status: 'resolved', outcome: 'warn' });
      const told = await notificationsOf(t, w.member3, 'report_outcome');
      expect(told).toEqual([expect.objectContaining({ data: expect.objectContaining({ outcome: 'warn', caseId: r1.body.caseId }) })]);
      // The outcome names the action only: nothing about the other person.
      expect(Object.keys(told[0].data).sort()).toEqual(['caseId', 'outcome', 'reportId']);
    });

    it('the reported person never learns who reported them', async () => {
      const target = await joined(t, w.member, w.roomId);
      const notices = collect(target, 'notification');
      const m = await sendOk(target, w.roomId, 'hello');
      await report(t, w.member2, { messageId: m.id, reason: 'spam' }).expect(201);
      await report(t, w.member3, { roomId: w.roomId, userId: w.member.id, reason: 'other' }).expect(201);
      await sleep(300);
      expect(notices).toEqual([]);
      expect(await notificationsOf(t, w.member)).toEqual([]);
      const detail = await t.http().get(`/api/moderation/cases/${(await cases())[0].id}`).set(bearer(w.moderator)).expect(200);
      expect(JSON.stringify(detail.body.reports)).not.toContain(w.member2.id);
    });

    it('refuses bad reports clearly', async () => {
      const s = await joined(t, w.member, w.roomId);
      const m = await sendOk(s, w.roomId, 'mine');
      await report(t, w.member, { messageId: m.id, reason: 'spam' }).expect(400);
      await report(t, w.member2, { messageId: m.id, reason: 'rude' }).expect(400);
      await report(t, w.member2, { messageId: m.id, roomId: w.roomId, userId: w.member.id, reason: 'spam' }).expect(400);
      await report(t, w.member2, { roomId: w.roomId, reason: 'spam' }).expect(400);
      await report(t, w.member2, { messageId: '00000000-0000-4000-8000-000000000000', reason: 'spam' }).expect(404);
      // A message in a room the reporter is not in does not exist for them.
      await report(t, w.nonMember, { messageId: m.id, reason: 'spam' }).expect(404);
      await report(t, w.member2, { roomId: w.roomId, userId: w.nonMember.id, reason: 'spam' }).expect(403);
      await report(t, w.member2, { messageId: m.id, reason: 'spam', note: 'x'.repeat(1001) }).expect(400);
      expect(await count(t, `SELECT count(*) FROM moderation_reports WHERE room_id = $1`, [w.roomId])).toBe(0);
    });

    it('abuse limits: a fourth report of the same person in a day is refused; reports from someone they blocked get a second reviewer', async () => {
      const s = await joined(t, w.member, w.roomId);
      for (let i = 0; i < 3; i++) {
        const m = await sendOk(s, w.roomId, `message ${i}`);
        await report(t, w.member2, { messageId: m.id, reason: 'spam' }).expect(201);
      }
      const m = await sendOk(s, w.roomId, 'one more');
      const refused = await report(t, w.member2, { messageId: m.id, reason: 'spam' }).expect(429);
      expect(refused.body.code).toBe('RATE_LIMITED');
      await t.http().put(`/api/me/blocks/${w.member3.id}`).set(bearer(w.member)).expect(204);
      const r = await report(t, w.member3, { messageId: m.id, reason: 'harassment' }).expect(201);
      const c = (await cases()).find((x: { id: string }) => x.id === r.body.caseId);
      expect(c.needsSecondReview).toBe(true);
    });

    it('a concern report opens a priority case and never sends anything automatic to the person', async () => {
      const target = await joined(t, w.member, w.roomId);
      const pushed = [...['notification', 'moderation:notice', 'crisis:resources'].map((e) => collect(target, e))];
      const r = await report(t, w.member2, { roomId: w.roomId, userId: w.member.id, reason: 'concern', note: 'they said goodbye' }).expect(201);
      await sleep(300);
      expect(pushed.flat()).toEqual([]);
      expect(await notificationsOf(t, w.member)).toEqual([]);
      const list = await cases();
      expect(list[0]).toMatchObject({ id: r.body.caseId, kind: 'concern', priority: 'crisis' });
    });
  });

  describe('the review queue', () => {
    it('orders crisis first, then pile-on, then age; is scoped to rooms the caller moderates', async () => {
      const s = await joined(t, w.member, w.roomId);
      const m = await sendOk(s, w.roomId, 'plain');
      await report(t, w.member2, { messageId: m.id, reason: 'spam' }).expect(201);
      await report(t, w.member2, { roomId: w.roomId, userId: w.member3.id, reason: 'concern' }).expect(201);
      const list = await cases();
      expect(list.map((c: { priority: string }) => c.priority)).toEqual(['crisis', 'normal']);
      // Nobody reviews reports about themselves: the moderator does not see a case about them; the owner does.
      const aboutMod = await report(t, w.member2, { roomId: w.roomId, userId: w.moderator.id, reason: 'other' }).expect(201);
      expect((await cases()).map((c: { id: string }) => c.id)).not.toContain(aboutMod.body.caseId);
      await t.http().get(`/api/moderation/cases/${aboutMod.body.caseId}`).set(bearer(w.moderator)).expect(404);
      expect((await cases(w.owner)).map((c: { id: string }) => c.id)).toContain(aboutMod.body.caseId);
      // The other group's moderator moderates nothing here.
      expect((await t.http().get('/api/moderation/cases').set(bearer(w.otherModerator)).expect(200)).body.items).toEqual([]);
      await t.http().get(`/api/moderation/cases?roomId=${w.roomId}`).set(bearer(w.otherModerator)).expect(403);
      await t.http().get(`/api/moderation/cases/${list[0].id}`).set(bearer(w.otherModerator)).expect(404);
      // Community admins see every group of their community.
      expect((await t.http().get('/api/moderation/cases').set(bearer(w.communityAdmin)).expect(200)).body.items).toHaveLength(3);
      expect((await t.http().get('/api/moderation/cases').set(bearer(w.otherCommunityAdmin)).expect(200)).body.items).toEqual([]);
    });

    it('claim, private notes, context with prior actions; the context read is audited without content', async () => {
      const s = await joined(t, w.member, w.roomId);
      await sendOk(s, w.roomId, 'before');
      const m = await sendOk(s, w.roomId, 'the reported words');
      await sendOk(s, w.roomId, 'after');
      await act(t, w.moderator, { action: 'warn', targetUserId: w.member.id, roomId: w.roomId, rule: 'Be kind', reason: 'earlier' }).expect(201);
      const r = await report(t, w.member2, { messageId: m.id, reason: 'gossip' }).expect(201);
      const claimed = await t.http().post(`/api/moderation/cases/${r.body.caseId}/claim`).set(bearer(w.moderator)).expect(200);
      expect(claimed.body.claimedBy).toBe(w.moderator.id);
      await t.http().post(`/api/moderation/cases/${r.body.caseId}/notes`).set(bearer(w.moderator)).send({ body: 'I will talk to them' }).expect(201);
      await t.http().post(`/api/moderation/cases/${r.body.caseId}/notes`).set(bearer(w.member)).send({ body: 'let me in' }).expect(404);
      const d = await t.http().get(`/api/moderation/cases/${r.body.caseId}`).set(bearer(w.moderator)).expect(200);
      expect(d.body.context.map((x: { body: string }) => x.body)).toEqual(['before', 'the reported words', 'after']);
      expect(d.body.priorActions).toEqual([expect.objectContaining({ action: 'warn', reason: 'earlier' })]);
      expect(d.body.notes).toEqual([expect.objectContaining({ body: 'I will talk to them', authorId: w.moderator.id })]);
      const rows = await db(t).query(`SELECT * FROM audit_log WHERE action = 'case.context.read' AND target_id = $1`, [r.body.caseId]);
      expect(rows).toHaveLength(1);
      expect(rows[0].actor_id).toBe(w.moderator.id);
      expect(JSON.stringify(rows[0])).not.toContain('the reported words');
    });
  });

  describe('the ladder', () => {
    it('hide: a tombstone reaches every client at once, history keeps the seq without the body, moderators still see it marked', async () => {
      const author = await joined(t, w.member, w.roomId);
      const reader = await joined(t, w.member2, w.roomId);
      const m = await sendOk(author, w.roomId, 'to be hidden');
      const tomb = waitFor(reader, 'message:updated', (x: { id: string }) => x.id === m.id);
      const res = await act(t, w.moderator, { action: 'hide', messageId: m.id, rule: 'No gossip', reason: 'This shares someone else’s story' }).expect(201);
      expect(res.body).toMatchObject({ action: 'hide', targetUserId: w.member.id, roomId: w.roomId, until: null });
      expect(await tomb).toMatchObject({ id: m.id, seq: m.seq, body: null, hidden: true });
      const h = await t.http().get(`/api/rooms/${w.roomId}/messages`).set(bearer(w.member2)).expect(200);
      expect(h.body.messages.find((x: { id: string }) => x.id === m.id)).toMatchObject({ body: null, hidden: true });
      const c = await report(t, w.member3, { messageId: m.id, reason: 'gossip' }).expect(201);
      const d = await t.http().get(`/api/moderation/cases/${c.body.caseId}`).set(bearer(w.moderator)).expect(200);
      expect(d.body.context.find((x: { id: string }) => x.id === m.id)).toMatchObject({ body: 'to be hidden', hidden: true });
    });

    it('mute: sends are refused with MUTED and details.until; the person is told why; the mute ends by itself', async () => {
      const s = await joined(t, w.member, w.roomId);
      const notice = waitFor(s, 'moderation:notice');
      const res = await act(t, w.moderator, { action: 'mute', targetUserId: w.member.id, roomId: w.roomId, durationMinutes: 5, rule: 'Group rule 2', reason: 'Cool off for a few minutes' }).expect(201);
      expect(new Date(res.body.until).getTime()).toBeGreaterThan(Date.now() + 4 * 60_000);
      expect(await notice).toEqual({ actionId: res.body.id, action: 'mute', roomId: w.roomId, communityId: w.communityId, until: res.body.until, rule: 'Group rule 2', reason: 'Cool off for a few minutes', appealable: true });
      const refused = await send(s, w.roomId, 'hello?');
      expect(refused).toMatchObject({ ok: false, error: { code: 'MUTED', details: { until: res.body.until } } });
      const restrictions = await t.http().get('/api/me/restrictions').set(bearer(w.member)).expect(200);
      expect(restrictions.body.items).toEqual([
        { actionId: res.body.id, action: 'mute', roomId: w.roomId, communityId: w.communityId, until: res.body.until, rule: 'Group rule 2', reason: 'Cool off for a few minutes', appealable: true, appealStatus: null, createdAt: expect.any(String) },
      ]);
      // Time passes (the end moves into the past): nobody lifts it, it simply ends.
      await db(t).query(`UPDATE room_members SET muted_until = now() - interval '1 second' WHERE room_id = $1 AND user_id = $2`, [w.roomId, w.member.id]);
      await db(t).query(`UPDATE moderation_actions SET until = now() - interval '1 second' WHERE id = $1`, [res.body.id]);
      expect((await send(s, w.roomId, 'back')).ok).toBe(true);
      expect((await t.http().get('/api/me/restrictions').set(bearer(w.member)).expect(200)).body.items).toEqual([]);
    });

    it('remove: the person’s sockets leave the room at once', async () => {
      const s = await joined(t, w.member, w.roomId);
      const removed = waitFor(s, 'room:removed');
      await act(t, w.moderator, { action: 'remove', targetUserId: w.member.id, roomId: w.roomId, rule: 'Rule 1', reason: 'Repeated harassment' }).expect(201);
      expect(await removed).toMatchObject({ roomId: w.roomId });
      expect(await send(s, w.roomId, 'still here?')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(await count(t, `SELECT count(*) FROM group_members WHERE group_id = $1 AND user_id = $2`, [w.groupId, w.member.id])).toBe(0);
    });

    it('ban: removed at once and cannot rejoin, even an open group, nor be re-invited, until the ban ends', async () => {
      const s = await joined(t, w.member, w.roomId);
      const removed = waitFor(s, 'room:removed');
      const ban = await act(t, w.moderator, { action: 'ban', targetUserId: w.member.id, roomId: w.roomId, durationMinutes: 60, rule: 'Rule 1', reason: 'Threats' }).expect(201);
      await removed;
      const rejoin = await t.http().post(`/api/groups/${w.groupId}/join`).set(bearer(w.member)).send({}).expect(403);
      expect(rejoin.body).toMatchObject({ code: 'BANNED', details: { until: ban.body.until } });
      const invite = await t.http().post(`/api/groups/${w.groupId}/invites`).set(bearer(w.owner)).send({}).expect(201);
      const viaInvite = await t.http().post('/api/invites/accept').set(bearer(w.member)).send({ token: invite.body.token });
      expect(viaInvite.status).toBe(403);
      expect(viaInvite.body.code).toBe('BANNED');
      await db(t).query(`UPDATE moderation_actions SET until = now() - interval '1 second' WHERE id = $1`, [ban.body.id]);
      await joinGroup(t, w.member, w.groupId);
    });

    it('suspend from the community (community admins): out of every group there, cannot join any; a group moderator cannot suspend', async () => {
      await joinGroup(t, w.member, w.otherGroupId);
      await act(t, w.moderator, { action: 'suspend', targetUserId: w.member.id, communityId: w.communityId, rule: 'Code of conduct', reason: 'Serious harm' }).expect(403);
      const res = await act(t, w.communityAdmin, { action: 'suspend', targetUserId: w.member.id, communityId: w.communityId, rule: 'Code of conduct', reason: 'Serious harm', durationMinutes: 60 }).expect(201);
      expect(res.body).toMatchObject({ action: 'suspend', communityId: w.communityId });
      expect(await count(t, `SELECT count(*) FROM group_members gm JOIN groups g ON g.id = gm.group_id WHERE g.community_id = $1 AND gm.user_id = $2`, [w.communityId, w.member.id])).toBe(0);
      const join = await t.http().post(`/api/groups/${w.groupId}/join`).set(bearer(w.member)).send({}).expect(403);
      expect(join.body.code).toBe('SUSPENDED_FROM_COMMUNITY');
    });

    it('suspend an account (platform admins only): its sockets are disconnected; it is restored when the suspension ends', async () => {
      const s = await connect(t.url, w.member.accessToken);
      await act(t, w.communityAdmin, { action: 'suspend', targetUserId: w.member.id, rule: 'Terms', reason: 'Spam network' }).expect(403);
      const ended = waitFor(s, 'disconnect');
      const res = await act(t, w.platformAdmin, { action: 'suspend', targetUserId: w.member.id, rule: 'Terms', reason: 'Spam network', durationMinutes: 1 }).expect(201);
      expect(await ended).toBe('io server disconnect');
      expect((await db(t).query(`SELECT status FROM users WHERE id = $1`, [w.member.id]))[0].status).toBe('suspended');
      await db(t).query(`UPDATE moderation_actions SET until = now() - interval '1 second' WHERE id = $1`, [res.body.id]);
      const { ActionsService } = require('@hearth/moderation') as typeof import('@hearth/moderation');
      await t.app.get(ActionsService).liftExpiredAccountSuspensions();
      expect((await db(t).query(`SELECT status FROM users WHERE id = $1`, [w.member.id]))[0].status).toBe('active');
    });

    it('nudge and dismiss: a nudge is a private prompt, not a restriction; dismiss resolves the case and tells reporters', async () => {
      const s = await joined(t, w.member, w.roomId);
      const m = await sendOk(s, w.roomId, 'hmm');
      const notice = waitFor(s, 'moderation:notice');
      await act(t, w.moderator, { action: 'nudge', messageId: m.id, rule: 'Be kind', reason: 'Maybe say it more gently?' }).expect(201);
      expect(await notice).toMatchObject({ action: 'nudge', appealable: false });
      expect((await t.http().get('/api/me/restrictions').set(bearer(w.member)).expect(200)).body.items).toEqual([]);
      const r = await report(t, w.member2, { messageId: m.id, reason: 'other' }).expect(201);
      await act(t, w.moderator, { action: 'dismiss', caseId: r.body.caseId, rule: 'Be kind', reason: 'Nothing against the rules' }).expect(201);
      expect((await cases()).length).toBe(0);
      expect((await cases(w.moderator, '&status=resolved'))[0]).toMatchObject({ id: r.body.caseId, status: 'resolved', outcome: 'dismiss' });
      await act(t, w.moderator, { action: 'warn', caseId: r.body.caseId, rule: 'x', reason: 'y' }).expect(409);
    });

    it('bad input gets a clear 4xx and nothing is half-applied', async () => {
      const s = await joined(t, w.member, w.roomId);
      const m = await sendOk(s, w.roomId, 'x');
      const before = await count(t, `SELECT count(*) FROM audit_log`);
      const base = { rule: 'Rule', reason: 'Reason' };
      await act(t, w.moderator, { ...base, action: 'mute', targetUserId: w.member.id, roomId: w.roomId, durationMinutes: 0 }).expect(400);
      await act(t, w.moderator, { ...base, action: 'mute', targetUserId: w.member.id, roomId: w.roomId, durationMinutes: 43201 }).expect(400);
      await act(t, w.moderator, { ...base, action: 'mute', targetUserId: w.member.id, roomId: w.roomId }).expect(400);
      await act(t, w.moderator, { ...base, action: 'warn', targetUserId: w.member.id, roomId: w.roomId, durationMinutes: 5 }).expect(400);
      await act(t, w.moderator, { ...base, action: 'explode', targetUserId: w.member.id, roomId: w.roomId }).expect(400);
      await act(t, w.moderator, { action: 'warn', targetUserId: w.member.id, roomId: w.roomId }).expect(400);
      await act(t, w.moderator, { ...base, action: 'hide', messageId: m.id, roomId: w.otherRoomId }).expect(400);
      await act(t, w.moderator, { ...base, action: 'warn', targetUserId: '00000000-0000-4000-8000-000000000000', roomId: w.roomId }).expect(404);
      await act(t, w.moderator, { ...base, action: 'hide', messageId: '00000000-0000-4000-8000-000000000000' }).expect(404);
      await act(t, w.moderator, { ...base, action: 'dismiss', caseId: '00000000-0000-4000-8000-000000000000' }).expect(404);
      // Outside scope: another room, yourself, a community admin.
      await act(t, w.otherModerator, { ...base, action: 'mute', targetUserId: w.member.id, roomId: w.roomId, durationMinutes: 5 }).expect(403);
      await act(t, w.moderator, { ...base, action: 'mute', targetUserId: w.moderator.id, roomId: w.roomId, durationMinutes: 5 }).expect(403);
      await act(t, w.moderator, { ...base, action: 'warn', targetUserId: w.communityAdmin.id, roomId: w.roomId }).expect(403);
      await act(t, w.moderator, { ...base, action: 'warn', targetUserId: w.nonMember.id, roomId: w.roomId }).expect(403);
      // Muting someone who is not in the room fails inside the transaction: no action, no audit row.
      const res = await act(t, w.moderator, { ...base, action: 'mute', targetUserId: w.nonMember.id, roomId: w.roomId, durationMinutes: 5 }).expect(403);
      expect(res.body.code).toBe('NOT_A_MEMBER');
      expect(await count(t, `SELECT count(*) FROM audit_log`)).toBe(before);
      expect(await count(t, `SELECT count(*) FROM moderation_actions WHERE room_id = $1`, [w.roomId])).toBe(0);
    });
  });

  describe('rooms without a group', () => {
    it('platform admins moderate direct conversations; community admins do not', async () => {
      await db(t).query(`UPDATE users SET dm_policy = 'anyone' WHERE id = $1`, [w.member2.id]);
      const room = await t.http().post('/api/rooms/direct').set(bearer(w.member)).send({ userId: w.member2.id }).expect(200);
      const s = await joined(t, w.member, room.body.roomId);
      const m = await sendOk(s, room.body.roomId, 'something cruel');
      const r = await report(t, w.member2, { messageId: m.id, reason: 'harassment' }).expect(201);
      const seen = await t.http().get('/api/moderation/cases').set(bearer(w.platformAdmin)).expect(200);
      expect(seen.body.items.map((c: { id: string }) => c.id)).toContain(r.body.caseId);
      await t.http().get(`/api/moderation/cases/${r.body.caseId}`).set(bearer(w.communityAdmin)).expect(404);
      await act(t, w.communityAdmin, { action: 'hide', caseId: r.body.caseId, rule: 'Terms', reason: 'Cruelty' }).expect(404);
      const hidden = await act(t, w.platformAdmin, { action: 'hide', caseId: r.body.caseId, rule: 'Terms', reason: 'Cruelty' }).expect(201);
      expect(hidden.body).toMatchObject({ communityId: null, roomId: room.body.roomId });
      // Appeals of actions outside any community go to another platform admin.
      const appeal = await t.http().post(`/api/moderation/actions/${hidden.body.id}/appeal`).set(bearer(w.member)).send({ statement: 'context' }).expect(201);
      await t.http().post(`/api/moderation/appeals/${appeal.body.id}/decision`).set(bearer(w.platformAdmin)).send({ outcome: 'granted', reason: 'x' }).expect(403);
      await t.http().post(`/api/moderation/appeals/${appeal.body.id}/decision`).set(bearer(w.communityAdmin)).send({ outcome: 'granted', reason: 'x' }).expect(403);
    });
  });

  describe('personal data', () => {
    it('exports what moderation holds about a person (never who reported them) and erases every reference on deletion', async () => {
      const { PersonalDataRegistry } = require('@hearth/common') as typeof import('@hearth/common');
      const contributor = t.app.get(PersonalDataRegistry).all().find((c) => c.section === 'moderation')!;
      const s = await joined(t, w.member, w.roomId);
      const m = await sendOk(s, w.roomId, 'reported words');
      const mine = await sendOk(await joined(t, w.member3, w.roomId), w.roomId, 'their words');
      await report(t, w.member2, { messageId: m.id, reason: 'gossip', note: 'a note by member2' }).expect(201);
      await report(t, w.member, { messageId: mine.id, reason: 'spam', note: 'a note by the person' }).expect(201);
      const warn = await act(t, w.moderator, { action: 'warn', targetUserId: w.member.id, roomId: w.roomId, rule: 'R', reason: 'Why' }).expect(201);
      await t.http().post(`/api/moderation/actions/${warn.body.id}/appeal`).set(bearer(w.member)).send({ statement: 'my appeal statement' }).expect(201);
      const ds = db(t);
      const rows: unknown[] = [];
      for await (const r of contributor.export(w.member.id, ds.manager)) rows.push(r);
      const text = JSON.stringify(rows);
      expect(text).toContain('a note by the person');
      expect(text).toContain('my appeal statement');
      expect(text).toContain(warn.body.id);
      // member2 reported the person: neither their id nor their note is in the person's export.
      expect(text).not.toContain(w.member2.id);
      expect(text).not.toContain('a note by member2');
      await ds.transaction((em) => contributor.erase(w.member.id, { messages: 'keep' }, em));
      const left = await ds.query(
        `SELECT (SELECT count(*) FROM moderation_reports WHERE reporter_id = $1 OR target_user_id = $1)
              + (SELECT count(*) FROM moderation_cases WHERE target_user_id = $1 OR claimed_by = $1 OR resolved_by = $1)
              + (SELECT count(*) FROM moderation_actions WHERE target_user_id = $1 OR actor_id = $1 OR lifted_by = $1)
              + (SELECT count(*) FROM moderation_appeals WHERE user_id = $1 OR decided_by = $1)
              + (SELECT count(*) FROM pile_on_signals WHERE author_id = $1 OR target_user_id = $1) AS n`,
        [w.member.id],
      );
      expect(Number(left[0].n)).toBe(0);
      expect(await count(t, `SELECT count(*) FROM moderation_appeals WHERE statement LIKE '%my appeal statement%'`)).toBe(0);
    });
  });

  describe('appeals and the audit log', () => {
    it('one appeal per action, decided by a community admin other than the one who acted; granted lifts the mute at once', async () => {
      const s = await joined(t, w.member, w.roomId);
      const mute = await act(t, w.communityAdmin, { action: 'mute', targetUserId: w.member.id, roomId: w.roomId, durationMinutes: 60, rule: 'Rule 3', reason: 'Flooding' }).expect(201);
      await t.http().post(`/api/moderation/actions/${mute.body.id}/appeal`).set(bearer(w.member2)).send({ statement: 'not mine' }).expect(404);
      const appeal = await t.http().post(`/api/moderation/actions/${mute.body.id}/appeal`).set(bearer(w.member)).send({ statement: 'I was sharing a list of resources' }).expect(201);
      const again = await t.http().post(`/api/moderation/actions/${mute.body.id}/appeal`).set(bearer(w.member)).send({ statement: 'please' }).expect(409);
      expect(again.body.code).toBe('ALREADY_APPEALED');
      const decide = (u: typeof w.member, body: object) => t.http().post(`/api/moderation/appeals/${appeal.body.id}/decision`).set(bearer(u)).send(body);
      expect((await decide(w.communityAdmin, { outcome: 'granted', reason: 'ok' }).expect(403)).body.message).toMatch(/other than the one who acted/);
      await decide(w.moderator, { outcome: 'granted', reason: 'ok' }).expect(403);
      await decide(w.otherCommunityAdmin, { outcome: 'granted', reason: 'ok' }).expect(403);
      await decide(w.secondAdmin, { outcome: 'maybe', reason: 'ok' }).expect(400);
      const pending = await t.http().get('/api/moderation/appeals').set(bearer(w.secondAdmin)).expect(200);
      expect(pending.body.items.map((a: { id: string }) => a.id)).toContain(appeal.body.id);
      const notice = waitFor(s, 'moderation:notice', (n: { lifted?: boolean }) => n.lifted === true);
      const decided = await decide(w.secondAdmin, { outcome: 'granted', reason: 'A list of resources is welcome here' }).expect(200);
      expect(decided.body).toMatchObject({ status: 'granted', decidedBy: w.secondAdmin.id });
      await notice;
      expect((await send(s, w.roomId, 'thank you')).ok).toBe(true);
      await decide(w.platformAdmin, { outcome: 'denied', reason: 'again' }).expect(409);
      expect((await notificationsOf(t, w.member, 'appeal_decided'))[0].data).toMatchObject({ outcome: 'granted' });
      const audit = await t.http().get(`/api/communities/${w.communityId}/audit?limit=50`).set(bearer(w.secondAdmin)).expect(200);
      const actions = audit.body.items.map((a: { action: string }) => a.action);
      expect(actions).toEqual(expect.arrayContaining(['moderation.mute', 'appeal.filed', 'appeal.granted']));
      expect(audit.body.items.find((a: { action: string }) => a.action === 'moderation.mute')).toMatchObject({
        actorId: w.communityAdmin.id,
        subjectUserId: w.member.id,
        roomId: w.roomId,
        rule: 'Rule 3',
        reason: 'Flooding',
        until: mute.body.until,
      });
    });

    it('a denied appeal keeps the restriction and is recorded', async () => {
      const warn = await act(t, w.moderator, { action: 'warn', targetUserId: w.member.id, roomId: w.roomId, rule: 'R', reason: 'Why' }).expect(201);
      const appeal = await t.http().post(`/api/moderation/actions/${warn.body.id}/appeal`).set(bearer(w.member)).send({ statement: 'unfair' }).expect(201);
      await t.http().post(`/api/moderation/appeals/${appeal.body.id}/decision`).set(bearer(w.communityAdmin)).send({ outcome: 'denied', reason: 'The warning stands' }).expect(200);
      const r = await t.http().get('/api/me/restrictions').set(bearer(w.member)).expect(200);
      expect(r.body.items).toEqual([expect.objectContaining({ actionId: warn.body.id, appealable: false, appealStatus: 'denied' })]);
    });

    it('the audit log refuses UPDATE, DELETE and TRUNCATE at the database', async () => {
      await act(t, w.moderator, { action: 'warn', targetUserId: w.member.id, roomId: w.roomId, rule: 'R', reason: 'Why' }).expect(201);
      const ds = db(t);
      await expect(ds.query(`UPDATE audit_log SET reason = 'rewritten' WHERE community_id = $1`, [w.communityId])).rejects.toThrow(/append-only/);
      await expect(ds.query(`DELETE FROM audit_log WHERE community_id = $1`, [w.communityId])).rejects.toThrow(/append-only/);
      await expect(ds.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
      expect(await count(t, `SELECT count(*) FROM audit_log WHERE community_id = $1 AND reason = 'Why'`, [w.communityId])).toBe(1);
    });

    it('community admins read their community’s audit log; platform admins read all', async () => {
      await act(t, w.moderator, { action: 'warn', targetUserId: w.member.id, roomId: w.roomId, rule: 'R', reason: 'Why' }).expect(201);
      await t.http().get(`/api/communities/${w.communityId}/audit`).set(bearer(w.moderator)).expect(403);
      await t.http().get(`/api/communities/${w.communityId}/audit`).set(bearer(w.otherCommunityAdmin)).expect(403);
      await t.http().get(`/api/communities/${w.communityId}/audit`).set(bearer(w.platformAdmin)).expect(200);
      await t.http().get('/api/moderation/audit').set(bearer(w.communityAdmin)).expect(403);
      const all = await t.http().get('/api/moderation/audit?limit=5').set(bearer(w.platformAdmin)).expect(200);
      expect(all.body.items.length).toBeGreaterThan(0);
    });
  });

  describe('automod', () => {
    const rule = (body: object) => t.http().post(`/api/communities/${w.communityId}/automod-rules`).set(bearer(w.communityAdmin)).send(body);

    it('block refuses with the rule’s reason; obfuscated spellings are caught', async () => {
      await rule({ phrases: ['buy followers'], action: 'block', rule: 'No spam', reason: 'Selling is not allowed here' }).expect(201);
      const s = await joined(t, w.member, w.roomId);
      for (const body of ['BUY followers now', 'b.u.y f0ll0wers', 'buyyy   folllowers!']) {
        expect(await send(s, w.roomId, body)).toMatchObject({ ok: false, error: { code: 'AUTOMOD_BLOCKED', message: 'Selling is not allowed here' } });
      }
      expect((await send(s, w.roomId, 'I buy groceries for my followers')).ok).toBe(true);
    });

    it('nudge (the default labeling list) asks to reconsider; the same payload with confirmNudge sends', async () => {
      const s = await joined(t, w.member, w.roomId);
      const first = await send(s, w.roomId, 'honestly you are psycho', { clientMsgId: 'nudge-1' });
      expect(first).toMatchObject({ ok: false, error: { code: 'NUDGE' } });
      const again = await send(s, w.roomId, 'honestly you are psycho', { clientMsgId: 'nudge-1', confirmNudge: true });
      expect(again).toMatchObject({ ok: true, data: { body: 'honestly you are psycho' } });
      expect((await send(s, w.roomId, 'my psychiatrist said my bipolar meds need a change')).ok).toBe(true);
      await emitAck(s, 'message:send', { roomId: w.roomId, clientMsgId: 'x', body: 'y', confirmNudge: 'yes' }).then((r) => expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } }));
    });

    it('hold: the author sees it, the room gets a placeholder with the same seq until a moderator approves it', async () => {
      await rule({ phrases: ['dm me for pills'], action: 'hold', reason: 'A moderator will look at this first' }).expect(201);
      const author = await joined(t, w.member, w.roomId);
      const reader = await joined(t, w.member2, w.roomId);
      const mod = await joined(t, w.moderator, w.roomId);
      const alert = waitFor(mod, 'moderation:alert');
      const placeholder = waitFor(reader, 'message:new');
      const held = await sendOk(author, w.roomId, 'DM me for pills');
      expect(held).toMatchObject({ body: 'DM me for pills', held: true });
      expect(await placeholder).toMatchObject({ id: held.id, seq: held.seq, body: null, placeholder: 'held' });
      const a = await alert;
      expect(a).toMatchObject({ roomId: w.roomId, priority: 'normal', kind: 'hold' });
      const h = await t.http().get(`/api/rooms/${w.roomId}/messages`).set(bearer(w.member2)).expect(200);
      expect(h.body.messages.find((m: { id: string }) => m.id === held.id)).toMatchObject({ body: null, placeholder: 'held' });
      const own = await t.http().get(`/api/rooms/${w.roomId}/messages`).set(bearer(w.member)).expect(200);
      expect(own.body.messages.find((m: { id: string }) => m.id === held.id)).toMatchObject({ body: 'DM me for pills', held: true });
      const released = waitFor<{ id: string; body: string; held?: true }>(reader, 'message:updated', (m) => m.id === held.id);
      await act(t, w.moderator, { action: 'dismiss', caseId: a.caseId, rule: 'Rule', reason: 'Looked fine in context' }).expect(201);
      expect(await released).toMatchObject({ body: 'DM me for pills' });
      expect((await released).held).toBeUndefined();
    });

    it('flag: delivered, and a case opens with an alert to the room’s moderators only', async () => {
      await rule({ phrases: ['meet offline'], action: 'flag', reason: 'Please keep it in the group' }).expect(201);
      const author = await joined(t, w.member, w.roomId);
      const reader = await joined(t, w.member2, w.roomId);
      const mod = await joined(t, w.moderator, w.roomId);
      const memberAlerts = collect(reader, 'moderation:alert');
      const delivered = waitFor(reader, 'message:new');
      const alert = waitFor(mod, 'moderation:alert');
      const m = await sendOk(author, w.roomId, 'we should meet offline');
      expect((await delivered).body).toBe('we should meet offline');
      expect(await alert).toMatchObject({ kind: 'automod' });
      expect((await cases())[0]).toMatchObject({ kind: 'automod', messageId: m.id });
      await sleep(200);
      expect(memberAlerts).toEqual([]);
    });

    it('rules are managed per community and refused to others; bad rules are refused', async () => {
      const list = await t.http().get(`/api/communities/${w.communityId}/automod-rules`).set(bearer(w.communityAdmin)).expect(200);
      expect(list.body.items).toEqual([expect.objectContaining({ isDefault: true, action: 'nudge' })]);
      await rule({ phrases: [], action: 'block', reason: 'x' }).expect(400);
      await rule({ phrases: ['x'], action: 'shadowban', reason: 'x' }).expect(400);
      await rule({ phrases: ['x'.repeat(101)], action: 'block', reason: 'x' }).expect(400);
      await t.http().post(`/api/communities/${w.communityId}/automod-rules`).set(bearer(w.moderator)).send({ phrases: ['x'], action: 'block', reason: 'x' }).expect(403);
      // Deleting the default labeling rule stops the nudge.
      await t.http().delete(`/api/communities/${w.communityId}/automod-rules/${list.body.items[0].id}`).set(bearer(w.communityAdmin)).expect(204);
      const s = await joined(t, w.member, w.roomId);
      expect((await send(s, w.roomId, 'you are psycho')).ok).toBe(true);
      await t.http().delete(`/api/communities/${w.communityId}/automod-rules/${list.body.items[0].id}`).set(bearer(w.communityAdmin)).expect(404);
    });
  });

  describe('crisis support that does not censor', () => {
    it('a crisis message is delivered; only its sender gets crisis:resources; moderators get a priority alert', async () => {
      const author = await joined(t, w.member, w.roomId);
      const reader = await joined(t, w.member2, w.roomId);
      const mod = await joined(t, w.moderator, w.roomId);
      const readerResources = collect(reader, 'crisis:resources');
      const delivered = waitFor(reader, 'message:new');
      const resources = waitFor(author, 'crisis:resources');
      const alert = waitFor(mod, 'moderation:alert');
      const m = await sendOk(author, w.roomId, 'some days I want to k.i.l.l myself');
      expect((await delivered).body).toBe('some days I want to k.i.l.l myself');
      const r = await resources;
      expect(r).toMatchObject({ roomId: w.roomId, messageId: m.id, personalPlan: [] });
      expect(r.resources.length).toBeGreaterThanOrEqual(1);
      expect(r.resources.length).toBeLessThanOrEqual(2);
      expect([...r.resources, ...r.more].map((x: { website: string | null }) => x.website)).toContain('https://findahelpline.com');
      for (const x of [...r.resources, ...r.more]) expect(x.lastVerifiedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(await alert).toMatchObject({ priority: 'crisis', kind: 'crisis', roomId: w.roomId });
      expect((await cases())[0]).toMatchObject({ kind: 'crisis', priority: 'crisis' });
      await sleep(200);
      expect(readerResources).toEqual([]);
    });

    it('Spanish defaults and community resources: a community’s own list is used, led by the person’s language and country', async () => {
      await t.http().put(`/api/communities/${w.communityId}/crisis-resources`).set(bearer(w.communityAdmin)).send({
        resources: [
          { name: 'Línea local', phone: '024', countries: ['ES'], languages: ['es'], lastVerifiedOn: '2026-10-01' },
          { name: 'Global', website: 'https://findahelpline.com', lastVerifiedOn: '2026-10-01' },
        ],
      }).expect(200);
      await t.http().put(`/api/communities/${w.communityId}/crisis-resources`).set(bearer(w.moderator)).send({ resources: [] }).expect(403);
      await t.http().put(`/api/communities/${w.communityId}/crisis-resources`).set(bearer(w.communityAdmin)).send({ resources: [{ name: 'x', lastVerifiedOn: 'yesterday' }] }).expect(400);
      await t.http().patch('/api/me').set(bearer(w.member)).send({ languages: ['es'] }).expect(200);
      const author = await joined(t, w.member, w.roomId);
      const resources = waitFor(author, 'crisis:resources');
      await sendOk(author, w.roomId, 'ya no puedo más, quiero morir');
      // The country is unknown on the socket path: the worldwide directory leads, the Spanish-speaking line follows.
      const r = await resources;
      expect(r.resources.map((x: { name: string }) => x.name)).toEqual(['Global', 'Línea local']);
      const now = await t.http().post('/api/support/now').set(bearer(w.member)).send({ roomId: w.roomId, country: 'ES' }).expect(200);
      expect(now.body).toMatchObject({ personalPlan: [], supportRequestId: null });
      expect(now.body.resources[0].name).toBe('Línea local');
      await t.http().post('/api/support/now').set(bearer(w.member)).send({ country: 'Spain' }).expect(400);
      await t.http().post('/api/support/now').set(bearer(w.nonMember)).send({ roomId: w.roomId }).expect(404);
      const plain = await t.http().post('/api/support/now').set(bearer(w.nonMember)).send({ country: 'US', language: 'en' }).expect(200);
      expect(plain.body.resources[0].phone).toBe('988');
    });

    it('crisis phrases are editable per community and language', async () => {
      const got = await t.http().get(`/api/communities/${w.communityId}/crisis-phrases`).set(bearer(w.communityAdmin)).expect(200);
      expect(got.body.isDefault).toBe(true);
      expect(got.body.items.map((i: { language: string }) => i.language).sort()).toEqual(['en', 'es']);
      await t.http().put(`/api/communities/${w.communityId}/crisis-phrases`).set(bearer(w.communityAdmin)).send({ items: [{ language: 'en', phrases: ['walk into the sea'] }] }).expect(200);
      await t.http().put(`/api/communities/${w.communityId}/crisis-phrases`).set(bearer(w.communityAdmin)).send({ items: [{ language: 'english', phrases: ['x'] }] }).expect(400);
      const author = await joined(t, w.member, w.roomId);
      const resources = waitFor(author, 'crisis:resources');
      await sendOk(author, w.roomId, 'I might just walk into the sea');
      await resources;
    });
  });

  describe('pile-on detection', () => {
    it('three different members whose flagged messages reply to the same person open a priority pile-on case', async () => {
      await t.http().post(`/api/communities/${w.communityId}/automod-rules`).set(bearer(w.communityAdmin)).send({ phrases: ['shut up'], action: 'flag', reason: 'Be kind' }).expect(201);
      const victim = await joined(t, w.member, w.roomId);
      const original = await sendOk(victim, w.roomId, 'I think I disagree');
      const mod = await joined(t, w.moderator, w.roomId);
      const alert = waitFor(mod, 'moderation:alert', (a: { kind: string }) => a.kind === 'pile_on');
      for (const u of [w.member2, w.member3]) await sendOk(await joined(t, u, w.roomId), w.roomId, 'oh shut up', { replyToId: original.id });
      expect((await cases()).some((c: { kind: string }) => c.kind === 'pile_on')).toBe(false);
      await sendOk(await joined(t, w.owner, w.roomId), w.roomId, `@${w.member.username} just shut up`);
      expect(await alert).toMatchObject({ priority: 'pile_on', roomId: w.roomId });
      const list = await cases();
      expect(list.find((c: { kind: string }) => c.kind === 'pile_on')).toMatchObject({ targetUserId: w.member.id, priority: 'pile_on' });
    });
  });

  describe('blocking, global and two-way', () => {
    it('the blocker gets placeholders live and in history (seq stays gap-free), no mention notifications, no presence either way; unblock restores', async () => {
      await t.http().put(`/api/me/blocks/${w.member2.id}`).set(bearer(w.member)).expect(204);
      const blocker = await joined(t, w.member, w.roomId);
      const live: Array<{ seq: number; body: string | null; placeholder?: string }> = collect(blocker, 'message:new');
      const presence = collect(blocker, 'presence');
      const blocked = await joined(t, w.member2, w.roomId);
      const m1 = await sendOk(blocked, w.roomId, `hey @${w.member.username}`);
      const other = await joined(t, w.member3, w.roomId);
      const m2 = await sendOk(other, w.roomId, 'hello all');
      for (let i = 0; i < 50 && live.length < 2; i++) await sleep(20);
      expect(live.map((m) => [m.seq, m.body, m.placeholder])).toEqual([
        [m1.seq, null, 'blocked'],
        [m2.seq, 'hello all', undefined],
      ]);
      expect(presence.map((p: { userId: string }) => p.userId)).not.toContain(w.member2.id);
      expect(await notificationsOf(t, w.member, 'mention')).toEqual([]);
      const h = await t.http().get(`/api/rooms/${w.roomId}/messages`).set(bearer(w.member)).expect(200);
      expect(h.body.messages.map((m: { seq: number }) => m.seq)).toEqual([m1.seq, m2.seq]);
      expect(h.body.messages[0]).toMatchObject({ body: null, placeholder: 'blocked' });
      const p = await emitAck(blocked, 'room:presence', { roomId: w.roomId });
      expect(p.ok && p.data.online.map((u: { userId: string }) => u.userId)).not.toContain(w.member.id);
      // Others see everything as usual.
      const seen = await t.http().get(`/api/rooms/${w.roomId}/messages`).set(bearer(w.member3)).expect(200);
      expect(seen.body.messages[0].body).toBe(`hey @${w.member.username}`);
      await t.http().delete(`/api/me/blocks/${w.member2.id}`).set(bearer(w.member)).expect(204);
      const back = await t.http().get(`/api/rooms/${w.roomId}/messages`).set(bearer(w.member)).expect(200);
      expect(back.body.messages[0].body).toBe(`hey @${w.member.username}`);
    });

    it('the blocked person cannot start a direct conversation with the blocker', async () => {
      await db(t).query(`UPDATE users SET dm_policy = 'anyone' WHERE id = $1`, [w.member.id]);
      await t.http().put(`/api/me/blocks/${w.member2.id}`).set(bearer(w.member)).expect(204);
      const res = await t.http().post('/api/rooms/direct').set(bearer(w.member2)).send({ userId: w.member.id });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('DM_NOT_ALLOWED');
    });
  });

  describe('no one left unanswered', () => {
    it('a group message nobody answered within the window appears in the moderators’ feed until someone replies', async () => {
      await t.http().patch(`/api/communities/${w.communityId}/moderation-settings`).set(bearer(w.communityAdmin)).send({ needsResponseMinutes: 5 }).expect(200);
      await t.http().patch(`/api/communities/${w.communityId}/moderation-settings`).set(bearer(w.communityAdmin)).send({ needsResponseMinutes: 0 }).expect(400);
      const s = await joined(t, w.member, w.roomId);
      const m = await sendOk(s, w.roomId, 'is anyone around tonight?');
      const feed = () => t.http().get(`/api/moderation/needs-response?roomId=${w.roomId}`).set(bearer(w.moderator)).expect(200);
      expect((await feed()).body.items).toEqual([]);
      await db(t).query(`UPDATE messages SET created_at = now() - interval '6 minutes' WHERE id = $1`, [m.id]);
      expect((await feed()).body.items).toEqual([expect.objectContaining({ messageId: m.id, roomId: w.roomId, authorId: w.member.id, waitingMinutes: 6 })]);
      await t.http().get(`/api/moderation/needs-response?roomId=${w.roomId}`).set(bearer(w.member2)).expect(403);
      await sendOk(await joined(t, w.member2, w.roomId), w.roomId, 'I am here');
      expect((await feed()).body.items).toEqual([]);
    });
  });
});
