import { createTestApp, TestApp } from './support/test-app';
import { bearer, registerAdmin, registerUser, TestUser } from './support/users';
import { appointCommunityAdmin, count, createCommunity, createGroup, createTheme, db, setRole, joinGroup } from './support/groups';
import { closeAllSockets, collect, connect, emitAck, sleep, waitFor } from './support/sockets';
import { ALWAYS, askForSupport, makePeer, startSession } from './support/peers';

describe('1:1 peer support: matching, accepting, sessions, safety', () => {
  let t: TestApp;
  let admin: TestUser;
  let themes: { work: string; voices: string; sleep: string };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await registerAdmin(t);
    const [work, voices, sleepTheme] = await Promise.all(['work', 'voices', 'sleep'].map((n) => createTheme(t, admin, `${n} ${Date.now()}`)));
    themes = { work: work.id, voices: voices.id, sleep: sleepTheme.id };
  });
  afterEach(() => closeAllSockets());
  afterAll(() => t.close());

  const backdate = (requestId: string, minutes: number) =>
    db(t).query(`UPDATE support_requests SET created_at = now() - make_interval(mins => $2) WHERE id = $1`, [requestId, minutes]);
  const queueOf = async (peer: TestUser) => (await t.http().get('/api/peers/me/requests').set(bearer(peer)).expect(200)).body.items as Array<Record<string, any>>;

  describe('matching', () => {
    it('ranks by shared themes, language, availability now and load, says why, and leaves out away or unavailable peers', async () => {
      const both = await makePeer(t, admin, { languages: ['es'], themeIds: [themes.work, themes.voices] }, 'both');
      const themeOnly = await makePeer(t, admin, { languages: ['de'], themeIds: [themes.work] }, 'theme');
      const notNow = await makePeer(t, admin, { languages: ['es'], availability: [] }, 'notnow');
      const away = await makePeer(t, admin, { languages: ['es'], themeIds: [themes.work, themes.voices] }, 'away');
      await t.http().patch('/api/me/peer-profile').set(bearer(away)).send({ acceptingRequests: false }).expect(200);
      const stranger = await makePeer(t, admin, { languages: ['ja'] }, 'stranger');

      const m = await registerUser(t, 'm');
      const req = await askForSupport(t, m, { themeIds: [themes.work, themes.voices], language: 'es' });
      const ids = req.suggestions.map((s) => s.peer.id);
      expect(ids).toEqual([both.id, themeOnly.id, notNow.id]);
      expect(ids).not.toContain(away.id);
      expect(ids).not.toContain(stranger.id);
      expect(req.suggestions[0].reasons).toEqual(expect.arrayContaining(['speaks Spanish', expect.stringMatching(/^shares: work .*, voices /), 'available now']));
      expect(req.suggestions[0].score).toBeGreaterThan(req.suggestions[1].score);
      // Honest: no history yet, so no estimate.
      expect(req.suggestions.every((s) => s.waitEstimateMinutes === null)).toBe(true);
      expect(req.waitEstimateMinutes).toBeNull();
      expect(req.crisisResources.resources.length).toBeGreaterThan(0);
    });

    it('wait estimates come from recent acceptance times of the matching peers', async () => {
      const peer = await makePeer(t, admin, { languages: ['it'] });
      const past = await registerUser(t, 'past');
      for (const minutes of [4, 6, 8]) {
        await db(t).query(
          `INSERT INTO support_requests (requester_id, language, status, accepted_by, created_at, accepted_at)
           VALUES ($1, 'it', 'accepted', $2, now() - interval '1 day' - make_interval(mins => $3), now() - interval '1 day')`,
          [past.id, peer.id, minutes],
        );
      }
      const req = await askForSupport(t, await registerUser(t, 'm'), { language: 'it' });
      expect(req.suggestions[0]).toMatchObject({ peer: { id: peer.id }, waitEstimateMinutes: 6 });
      expect(req.waitEstimateMinutes).toBe(6);
    });

    it('continuity and preferences: the same peer as last time, pronouns and age band', async () => {
      const last = await makePeer(t, admin, { languages: ['pl'] }, 'last');
      const better = await makePeer(t, admin, { languages: ['pl'], themeIds: [themes.sleep], pronouns: 'she/her', ageBand: '25-34' }, 'better');
      const m = await registerUser(t, 'm');
      const s = await startSession(t, m, last, { language: 'pl' });
      await t.http().post(`/api/support-sessions/${s.sessionId}/end`).set(bearer(m)).expect(200);
      const plain = await askForSupport(t, m, { language: 'pl', themeIds: [themes.sleep], preferredPronouns: 'she/her', preferredAgeBands: ['25-34'] });
      expect(plain.suggestions.map((x) => x.peer.id)).toEqual([better.id, last.id]);
      expect(plain.suggestions[0].reasons).toEqual(expect.arrayContaining(['pronouns: she/her', 'age band 25-34']));
      await t.http().delete(`/api/support-requests/${plain.id}`).set(bearer(m)).expect(204);
      const again = await askForSupport(t, m, { language: 'pl', themeIds: [themes.sleep], samePeerAsLastTime: true });
      expect(again.suggestions[0]).toMatchObject({ peer: { id: last.id }, reasons: expect.arrayContaining(['you talked before']) });
    });

    it('blocks are honoured both ways: never suggested, never in the queue, never accepted', async () => {
      const blockedByMember = await makePeer(t, admin, { languages: ['cs'] }, 'p1');
      const blockerPeer = await makePeer(t, admin, { languages: ['cs'] }, 'p2');
      const fine = await makePeer(t, admin, { languages: ['cs'] }, 'p3');
      const m = await registerUser(t, 'm');
      await t.http().put(`/api/me/blocks/${blockedByMember.id}`).set(bearer(m)).expect(204);
      await t.http().put(`/api/me/blocks/${m.id}`).set(bearer(blockerPeer)).expect(204);

      await t.http().post('/api/support-requests').set(bearer(m)).send({ themeIds: [], language: 'cs', preferredPeerId: blockedByMember.id }).expect(400);
      await t.http().post('/api/support-requests').set(bearer(m)).send({ themeIds: [], language: 'cs', preferredPeerId: blockerPeer.id }).expect(400);
      const req = await askForSupport(t, m, { language: 'cs' });
      expect(req.suggestions.map((s) => s.peer.id)).toEqual([fine.id]);
      await backdate(req.id, 60); // widened to everyone: still not to them
      for (const p of [blockedByMember, blockerPeer]) {
        expect((await queueOf(p)).map((i) => i.requestId)).not.toContain(req.id);
        await t.http().post(`/api/support-requests/${req.id}/accept`).set(bearer(p)).expect(404);
      }
      expect((await queueOf(fine)).map((i) => i.requestId)).toContain(req.id);
    });
  });

  describe('accepting', () => {
    it('of many peers accepting at the same moment exactly one wins; the others get 409 ALREADY_ACCEPTED', async () => {
      const peers = await Promise.all(Array.from({ length: 20 }, (_, i) => makePeer(t, admin, { languages: ['ko'] }, `race${i}`)));
      const m = await registerUser(t, 'm');
      const req = await askForSupport(t, m, { language: 'ko' });
      const results = await Promise.all(peers.map((p) => t.http().post(`/api/support-requests/${req.id}/accept`).set(bearer(p))));
      const winners = results.filter((r) => r.status === 200);
      expect(winners).toHaveLength(1);
      expect(results.filter((r) => r.status === 409).map((r) => r.body.code)).toEqual(Array(19).fill('ALREADY_ACCEPTED'));
      expect(await count(t, `SELECT count(*) FROM support_sessions WHERE request_id = $1`, [req.id])).toBe(1);
      expect(await count(t, `SELECT count(*) FROM room_members WHERE room_id = $1`, [winners[0].body.roomId])).toBe(2);
      expect(await count(t, `SELECT sum(active_sessions) FROM peer_profiles WHERE user_id = ANY($1::uuid[])`, [peers.map((p) => p.id)])).toBe(1);
      const view = await t.http().get(`/api/support-requests/${req.id}`).set(bearer(m)).expect(200);
      expect(view.body).toMatchObject({ status: 'accepted', sessionId: winners[0].body.sessionId, roomId: winners[0].body.roomId, suggestions: [] });
    });

    it('the caseload cap is enforced on accept, also under concurrency; ending a session frees a place', async () => {
      const peer = await makePeer(t, admin, { languages: ['hu'], maxSessions: 1 });
      const [m1, m2, m3] = await Promise.all([registerUser(t, 'm'), registerUser(t, 'm'), registerUser(t, 'm')]);
      const [r1, r2] = [await askForSupport(t, m1, { language: 'hu' }), await askForSupport(t, m2, { language: 'hu' })];
      const both = await Promise.all([r1, r2].map((r) => t.http().post(`/api/support-requests/${r.id}/accept`).set(bearer(peer))));
      expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(both.find((r) => r.status === 409)!.body.code).toBe('CASELOAD_FULL');
      // At the cap: no longer suggested.
      const r3 = await askForSupport(t, m3, { language: 'hu' });
      expect(r3.suggestions.map((s) => s.peer.id)).not.toContain(peer.id);
      const won = both.find((r) => r.status === 200)!;
      await t.http().post(`/api/support-sessions/${won.body.sessionId}/end`).set(bearer(peer)).expect(200);
      await t.http().post(`/api/support-requests/${r3.id}/accept`).set(bearer(peer)).expect(200);
    });

    it('the queue is oldest first with waiting times; declining takes a request out of it; the chosen peer declining sends it to first available', async () => {
      const peer = await makePeer(t, admin, { languages: ['ro'] });
      const other = await makePeer(t, admin, { languages: ['ro'] });
      const [m1, m2] = await Promise.all([registerUser(t, 'm'), registerUser(t, 'm')]);
      const older = await askForSupport(t, m1, { language: 'ro' });
      await backdate(older.id, 3);
      const chosen = await askForSupport(t, m2, { language: 'ro', preferredPeerId: peer.id });
      // Other suites' widened requests may be in any queue: look at this test's two.
      const ours = async (p: TestUser) => (await queueOf(p)).filter((i) => [older.id, chosen.id].includes(i.requestId));
      const q = await ours(peer);
      expect(q.map((i) => i.requestId)).toEqual([older.id, chosen.id]);
      expect(q[0]).toMatchObject({ waitingMinutes: 3, chosenYou: false, requester: { id: m1.id } });
      expect(q[1]).toMatchObject({ chosenYou: true });
      expect((await queueOf(peer))[0].waitingMinutes).toBeGreaterThanOrEqual(3);
      expect((await ours(other)).map((i) => i.requestId)).toEqual([older.id]);
      await t.http().post(`/api/support-requests/${chosen.id}/decline`).set(bearer(peer)).expect(204);
      expect((await ours(peer)).map((i) => i.requestId)).toEqual([older.id]);
      expect((await ours(other)).map((i) => i.requestId)).toEqual([older.id, chosen.id]);
      await t.http().post(`/api/support-requests/${chosen.id}/accept`).set(bearer(peer)).expect(404);
      await t.http().post(`/api/support-requests/${chosen.id}/accept`).set(bearer(other)).expect(200);
    });

    it('unaccepted requests widen to every available peer after the configured minutes', async () => {
      const speaker = await makePeer(t, admin, { languages: ['el'] });
      const outsider = await makePeer(t, admin, { languages: ['tr'] });
      const chosen = await makePeer(t, admin, { languages: ['tr'] });
      const m = await registerUser(t, 'm');
      const req = await askForSupport(t, m, { language: 'el' });
      expect((await queueOf(speaker)).map((i) => i.requestId)).toContain(req.id);
      expect((await queueOf(outsider)).map((i) => i.requestId)).not.toContain(req.id);
      await t.http().post(`/api/support-requests/${req.id}/accept`).set(bearer(outsider)).expect(404);
      const m2 = await registerUser(t, 'm');
      const targeted = await askForSupport(t, m2, { language: 'el', preferredPeerId: chosen.id });
      expect((await queueOf(speaker)).map((i) => i.requestId)).not.toContain(targeted.id);

      await backdate(req.id, 11); // PEER_WIDEN_AFTER_MINUTES defaults to 10
      await backdate(targeted.id, 11);
      const widened = await queueOf(outsider);
      expect(widened.find((i) => i.requestId === req.id)).toMatchObject({ widened: true });
      expect(widened.map((i) => i.requestId)).toContain(targeted.id);
      // Away peers do not get widened requests.
      await t.http().patch('/api/me/peer-profile').set(bearer(outsider)).send({ acceptingRequests: false }).expect(200);
      expect((await queueOf(outsider)).map((i) => i.requestId)).not.toContain(req.id);
    });

    it('the waiting member privately receives crisis resources, and can cancel at any time', async () => {
      const m = await registerUser(t, 'm');
      const other = await registerUser(t, 'other');
      const [sm, so] = await Promise.all([connect(t.url, m.accessToken), connect(t.url, other.accessToken)]);
      const seen = collect(so, 'crisis:resources');
      const got = waitFor(sm, 'crisis:resources');
      const req = await askForSupport(t, m, { language: 'en', country: 'GB' });
      const pushed = await got;
      expect(pushed).toMatchObject({ requestId: req.id, roomId: null, messageId: null, personalPlan: [], resources: expect.arrayContaining([expect.objectContaining({ name: 'Samaritans' })]) });
      expect(req.crisisResources.resources).toEqual(pushed.resources);
      await t.http().delete(`/api/support-requests/${req.id}`).set(bearer(m)).expect(204);
      await t.http().delete(`/api/support-requests/${req.id}`).set(bearer(m)).expect(204);
      expect((await t.http().get(`/api/support-requests/${req.id}`).set(bearer(m)).expect(200)).body.status).toBe('cancelled');
      await sleep(100);
      expect(seen).toHaveLength(0);
    });
  });

  describe('sessions', () => {
    it('acceptance creates a private support room: the two can read it; a third member, a moderator and an admin cannot', async () => {
      const peer = await makePeer(t, admin);
      const m = await registerUser(t, 'm');
      const sm = await connect(t.url, m.accessToken);
      const matched = waitFor(sm, 'support:session');
      const s = await startSession(t, m, peer);
      expect(await matched).toMatchObject({ sessionId: s.sessionId, roomId: s.roomId, status: 'active' });
      const room = await t.http().get('/api/me/rooms').set(bearer(m)).expect(200);
      expect(room.body.find((r: { roomId: string }) => r.roomId === s.roomId)).toMatchObject({ kind: 'support', others: [{ id: peer.id }] });
      const sp = await connect(t.url, peer.accessToken);
      expect((await emitAck(sp, 'room:join', { roomId: s.roomId })).ok).toBe(true);
      expect((await emitAck(sm, 'room:join', { roomId: s.roomId })).ok).toBe(true);
      expect((await emitAck(sm, 'message:send', { roomId: s.roomId, clientMsgId: 'p1', body: 'hello, thank you for taking this' })).ok).toBe(true);

      // A group moderator and a community admin, a third member and a platform admin.
      const community = await createCommunity(t, admin);
      const cadmin = await registerUser(t, 'cadmin');
      await appointCommunityAdmin(t, admin, community.id, cadmin);
      const theme = await createTheme(t, cadmin);
      const group = await createGroup(t, cadmin, community.id, [theme.id], { visibility: 'public', joinPolicy: 'open' });
      const moderator = await registerUser(t, 'mod');
      await joinGroup(t, moderator, group.id);
      await setRole(t, cadmin, group.id, moderator, 'moderator');
      const third = await registerUser(t, 'third');
      for (const outsider of [third, moderator, cadmin, admin]) {
        const res = await t.http().get(`/api/rooms/${s.roomId}/messages`).set(bearer(outsider));
        expect({ who: outsider.username, status: res.status }).toEqual({ who: outsider.username, status: 404 });
        await t.http().get(`/api/support-sessions/${s.sessionId}`).set(bearer(outsider)).expect(404);
        const so = await connect(t.url, outsider.accessToken);
        expect(await emitAck(so, 'room:join', { roomId: s.roomId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
        expect(await emitAck(so, 'message:send', { roomId: s.roomId, clientMsgId: 'x', body: 'let me in' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      }
      for (const u of [m, peer]) {
        const h = await t.http().get(`/api/rooms/${s.roomId}/messages`).set(bearer(u)).expect(200);
        expect(h.body.messages.map((x: { body: string }) => x.body)).toEqual(['hello, thank you for taking this']);
      }
      expect(await count(t, `SELECT count(*) FROM room_members WHERE room_id = $1`, [s.roomId])).toBe(2);
    });

    it('a participant reporting a message shares that message and its context with the reviewers only; the room stays closed to them', async () => {
      const peer = await makePeer(t, admin);
      const m = await registerUser(t, 'm');
      const s = await startSession(t, m, peer);
      const [sm, sp] = await Promise.all([connect(t.url, m.accessToken), connect(t.url, peer.accessToken)]);
      expect((await emitAck(sm, 'message:send', { roomId: s.roomId, clientMsgId: 'r1', body: 'thanks for being here' })).ok).toBe(true);
      const bad = await emitAck(sp, 'message:send', { roomId: s.roomId, clientMsgId: 'r2', body: 'you are being ridiculous, everyone can see it' });
      expect(bad.ok).toBe(true);
      const messageId = (bad as { data: { id: string } }).data.id;
      // Nobody else can report what they cannot read.
      await t.http().post('/api/reports').set(bearer(admin)).send({ messageId, reason: 'harassment' }).expect(404);
      const report = await t.http().post('/api/reports').set(bearer(m)).send({ messageId, reason: 'harassment' }).expect(201);
      const detail = await t.http().get(`/api/moderation/cases/${report.body.caseId}`).set(bearer(admin)).expect(200);
      expect(detail.body.context.map((x: { id: string }) => x.id)).toContain(messageId);
      await t.http().get(`/api/rooms/${s.roomId}/messages`).set(bearer(admin)).expect(404);
      await t.http().get(`/api/support-sessions/${s.sessionId}`).set(bearer(admin)).expect(404);
    });

    it('either side can end it: the history stays theirs, read-only; the load drops; ending twice is a conflict', async () => {
      const peer = await makePeer(t, admin);
      const m = await registerUser(t, 'm');
      const s = await startSession(t, m, peer);
      const sp = await connect(t.url, peer.accessToken);
      const ended = waitFor(sp, 'support:session', (e: { status: string }) => e.status === 'ended');
      const res = await t.http().post(`/api/support-sessions/${s.sessionId}/end`).set(bearer(m)).expect(200);
      expect(res.body).toMatchObject({ status: 'ended', endReason: 'ended', yourRole: 'member', peer: { id: peer.id }, member: { id: m.id } });
      expect(await ended).toMatchObject({ sessionId: s.sessionId, endReason: 'ended' });
      expect(await emitAck(sp, 'message:send', { roomId: s.roomId, clientMsgId: 'late', body: 'one more thing' })).toMatchObject({ ok: false, error: { code: 'ROOM_READ_ONLY' } });
      await t.http().get(`/api/rooms/${s.roomId}/messages`).set(bearer(peer)).expect(200);
      await t.http().post(`/api/support-sessions/${s.sessionId}/end`).set(bearer(peer)).expect(409);
      expect((await t.http().get('/api/me/peer-profile').set(bearer(peer)).expect(200)).body.activeSessions).toBe(0);
      const notes: Array<{ kind: string; data: Record<string, unknown> }> = await db(t).query(`SELECT kind, data FROM notifications WHERE user_id = $1 AND kind = 'session_ended'`, [peer.id]);
      expect(notes).toEqual([{ kind: 'session_ended', data: { sessionId: s.sessionId, roomId: s.roomId } }]);
      const mine = await t.http().get('/api/me/support-sessions').set(bearer(peer)).expect(200);
      expect(mine.body.items.map((x: { id: string }) => x.id)).toContain(s.sessionId);
    });

    it('no-fault re-match: the member gets a new request without the first peer, who is told only that it ended', async () => {
      const first = await makePeer(t, admin, { languages: ['bg'] }, 'first');
      const second = await makePeer(t, admin, { languages: ['bg'] }, 'second');
      const m = await registerUser(t, 'm');
      const s = await startSession(t, m, first, { language: 'bg', themeIds: [themes.sleep] });
      await t.http().post(`/api/support-sessions/${s.sessionId}/rematch`).set(bearer(first)).expect(403);
      const sf = await connect(t.url, first.accessToken);
      const ended = waitFor(sf, 'support:session', (e: { status: string }) => e.status === 'ended');
      const next = await t.http().post(`/api/support-sessions/${s.sessionId}/rematch`).set(bearer(m)).expect(201);
      expect(next.body).toMatchObject({ status: 'waiting', origin: 'rematch', language: 'bg', themeIds: [themes.sleep] });
      const suggested = next.body.suggestions.map((x: { peer: { id: string } }) => x.peer.id);
      expect(suggested[0]).toBe(second.id);
      expect(suggested).not.toContain(first.id);
      expect(await ended).toMatchObject({ endReason: 'ended' });
      expect((await t.http().get(`/api/support-sessions/${s.sessionId}`).set(bearer(first)).expect(200)).body).toMatchObject({ endReason: 'ended', nextRequestId: null });
      expect((await t.http().get(`/api/support-sessions/${s.sessionId}`).set(bearer(m)).expect(200)).body).toMatchObject({ endReason: 'rematch', nextRequestId: next.body.id });
      await backdate(next.body.id, 60);
      expect((await queueOf(first)).map((i) => i.requestId)).not.toContain(next.body.id);
      await t.http().post(`/api/support-requests/${next.body.id}/accept`).set(bearer(first)).expect(404);
      await t.http().post(`/api/support-requests/${next.body.id}/accept`).set(bearer(second)).expect(200);
      const firstNotes: Array<{ data: Record<string, unknown> }> = await db(t).query(`SELECT data FROM notifications WHERE user_id = $1 AND kind = 'session_ended'`, [first.id]);
      expect(JSON.stringify(firstNotes)).not.toMatch(/rematch/);
    });

    it('handover: the peer proposes, the member consents, the new peer takes over in a new private room', async () => {
      const from = await makePeer(t, admin, { languages: ['hr'] }, 'from');
      const to = await makePeer(t, admin, { languages: ['hr'] }, 'to');
      const m = await registerUser(t, 'm');
      const s = await startSession(t, m, from, { language: 'hr' });
      await t.http().post(`/api/support-sessions/${s.sessionId}/handover`).set(bearer(m)).send({ peerId: to.id }).expect(403);
      await t.http().post(`/api/support-sessions/${s.sessionId}/handover`).set(bearer(from)).send({ peerId: m.id }).expect(400);
      await t.http().post(`/api/support-sessions/${s.sessionId}/handover`).set(bearer(from)).send({ peerId: '00000000-0000-4000-8000-000000000000' }).expect(400);
      await t.http().post(`/api/support-sessions/${s.sessionId}/handover/consent`).set(bearer(m)).send({ consent: true }).expect(409);
      const proposed = await t.http().post(`/api/support-sessions/${s.sessionId}/handover`).set(bearer(from)).send({ peerId: to.id }).expect(200);
      expect(proposed.body.handover).toMatchObject({ toPeer: { id: to.id } });
      expect(await count(t, `SELECT count(*) FROM notifications WHERE user_id = $1 AND kind = 'handover_proposed'`, [m.id])).toBe(1);
      await t.http().post(`/api/support-sessions/${s.sessionId}/handover/consent`).set(bearer(from)).send({ consent: true }).expect(403);
      // The member says no first: nothing changes.
      await t.http().post(`/api/support-sessions/${s.sessionId}/handover/consent`).set(bearer(m)).send({ consent: false }).expect(200);
      expect((await t.http().get(`/api/support-sessions/${s.sessionId}`).set(bearer(m)).expect(200)).body).toMatchObject({ status: 'active', handover: null });
      await t.http().post(`/api/support-sessions/${s.sessionId}/handover`).set(bearer(from)).send({ peerId: to.id }).expect(200);
      const consented = await t.http().post(`/api/support-sessions/${s.sessionId}/handover/consent`).set(bearer(m)).send({ consent: true }).expect(200);
      expect(consented.body).toMatchObject({ status: 'ended', endReason: 'handover' });
      const q = await queueOf(to);
      const item = q.find((i) => i.requestId === consented.body.nextRequestId);
      expect(item).toMatchObject({ chosenYou: true, origin: 'handover' });
      await t.http().post(`/api/support-requests/${consented.body.nextRequestId}/accept`).set(bearer(from)).expect(404);
      const taken = await t.http().post(`/api/support-requests/${consented.body.nextRequestId}/accept`).set(bearer(to)).expect(200);
      expect(taken.body.roomId).not.toBe(s.roomId);
      await t.http().get(`/api/rooms/${s.roomId}/messages`).set(bearer(to)).expect(404);
      await t.http().get(`/api/rooms/${taken.body.roomId}/messages`).set(bearer(from)).expect(404);
    });

    it('feedback: once, by the member; the peer sees it; admins only aggregates', async () => {
      const peer = await makePeer(t, admin);
      const m = await registerUser(t, 'm');
      const s = await startSession(t, m, peer);
      await t.http().post(`/api/support-sessions/${s.sessionId}/feedback`).set(bearer(peer)).send({ rating: 5 }).expect(403);
      await t.http().post(`/api/support-sessions/${s.sessionId}/feedback`).set(bearer(m)).send({ rating: 6 }).expect(400);
      await t.http().post(`/api/support-sessions/${s.sessionId}/feedback`).set(bearer(m)).send({ rating: 0 }).expect(400);
      await t.http().post(`/api/support-sessions/${s.sessionId}/feedback`).set(bearer(m)).send({ rating: 5, note: 'Felt heard, thank you' }).expect(201);
      await t.http().post(`/api/support-sessions/${s.sessionId}/feedback`).set(bearer(m)).send({ rating: 1 }).expect(409);
      const mine = await t.http().get('/api/peers/me/feedback').set(bearer(peer)).expect(200);
      expect(mine.body.items).toEqual([expect.objectContaining({ sessionId: s.sessionId, rating: 5, note: 'Felt heard, thank you' })]);
      await t.http().post(`/api/support-sessions/${s.sessionId}/feedback`).set(bearer(admin)).send({ rating: 1 }).expect(404);
      const stats = await t.http().get('/api/admin/support-stats').set(bearer(admin)).expect(200);
      expect(stats.body.feedback.count).toBeGreaterThanOrEqual(1);
      expect(JSON.stringify(stats.body)).not.toContain('Felt heard');
      const adminPeers = await t.http().get('/api/admin/peers').set(bearer(admin)).expect(200);
      expect(JSON.stringify(adminPeers.body)).not.toContain('Felt heard');
    });
  });

  describe('safety inside sessions', () => {
    it('contact details are delivered, both get a private reminder, and repeated attempts open a case', async () => {
      const peer = await makePeer(t, admin);
      const m = await registerUser(t, 'm');
      const s = await startSession(t, m, peer);
      const [sm, sp] = await Promise.all([connect(t.url, m.accessToken), connect(t.url, peer.accessToken)]);
      await emitAck(sm, 'room:join', { roomId: s.roomId });
      await emitAck(sp, 'room:join', { roomId: s.roomId });
      const outsider = await connect(t.url, admin.accessToken);
      const leaked = collect(outsider, 'support:reminder');
      const remindM = waitFor(sm, 'support:reminder');
      const remindP = waitFor(sp, 'support:reminder');
      const delivered = waitFor(sp, 'message:new');
      const ack = await emitAck(sm, 'message:send', { roomId: s.roomId, clientMsgId: 'c1', body: 'text me on 07700 900123 if it gets bad' });
      expect(ack.ok).toBe(true);
      expect((await delivered).body).toBe('text me on 07700 900123 if it gets bad');
      const [rm, rp] = await Promise.all([remindM, remindP]);
      expect(rm).toMatchObject({ sessionId: s.sessionId, roomId: s.roomId, kind: 'off_platform_contact' });
      expect(rp.messageId).toBe(rm.messageId);
      expect(await count(t, `SELECT count(*) FROM notifications WHERE kind = 'support_reminder' AND data->>'sessionId' = $1`, [s.sessionId])).toBe(2);
      expect(await count(t, `SELECT count(*) FROM audit_log WHERE action = 'support.case.requested' AND target_id = $1`, [s.sessionId])).toBe(0);
      // Ordinary talk brings no reminder.
      expect((await emitAck(sm, 'message:send', { roomId: s.roomId, clientMsgId: 'c2', body: 'I slept 7 hours, first time in weeks' })).ok).toBe(true);
      // A second attempt by the same person opens a case (moderation's seam).
      const again = await emitAck(sm, 'message:send', { roomId: s.roomId, clientMsgId: 'c3', body: 'or add me on insta @sunny_days' });
      expect(again.ok).toBe(true);
      expect(await count(t, `SELECT count(*) FROM audit_log WHERE action = 'support.case.requested' AND target_id = $1 AND subject_user_id = $2`, [s.sessionId, m.id])).toBe(1);
      expect(await count(t, `SELECT count(*) FROM moderation_cases WHERE room_id = $1 AND target_user_id = $2 AND status = 'open'`, [s.roomId, m.id])).toBe(1);
      expect(await count(t, `SELECT count(*) FROM notifications WHERE kind = 'support_reminder' AND data->>'sessionId' = $1`, [s.sessionId])).toBe(4);
      await sleep(100);
      expect(leaked).toHaveLength(0);
    });

    it('a block during a session stops what either sends to the one who blocked', async () => {
      const peer = await makePeer(t, admin);
      const m = await registerUser(t, 'm');
      const s = await startSession(t, m, peer);
      const sm = await connect(t.url, m.accessToken);
      expect((await emitAck(sm, 'message:send', { roomId: s.roomId, clientMsgId: 'b1', body: 'hello' })).ok).toBe(true);
      await t.http().put(`/api/me/blocks/${m.id}`).set(bearer(peer)).expect(204);
      expect(await emitAck(sm, 'message:send', { roomId: s.roomId, clientMsgId: 'b2', body: 'are you there?' })).toMatchObject({ ok: false, error: { code: 'DM_NOT_ALLOWED' } });
      await t.http().post(`/api/support-sessions/${s.sessionId}/end`).set(bearer(peer)).expect(200);
    });

    it('contact details in a group room bring no support reminder', async () => {
      const community = await createCommunity(t, admin);
      const theme = await createTheme(t, admin);
      const group = await createGroup(t, admin, community.id, [theme.id], { visibility: 'public', joinPolicy: 'open' });
      const sa = await connect(t.url, admin.accessToken);
      const reminders = collect(sa, 'support:reminder');
      await emitAck(sa, 'room:join', { roomId: group.roomId });
      expect((await emitAck(sa, 'message:send', { roomId: group.roomId, clientMsgId: 'g1', body: 'the helpline is 0800 111 0 111' })).ok).toBe(true);
      await sleep(150);
      expect(reminders).toHaveLength(0);
    });

    it('after a session that raised a crisis alert the peer is offered a debrief and paused, unless they opt back in', async () => {
      const peer = await makePeer(t, admin, { languages: ['lt'], maxSessions: 5 });
      const m = await registerUser(t, 'm');
      const s = await startSession(t, m, peer, { language: 'lt' });
      // The moderation lib's crisis flow: delivered, resources to the writer only, and the session is marked.
      const sm = await connect(t.url, m.accessToken);
      const resources = waitFor(sm, 'crisis:resources');
      expect((await emitAck(sm, 'message:send', { roomId: s.roomId, clientMsgId: 'cr1', body: 'some nights I want to die' })).ok).toBe(true);
      expect(await resources).toMatchObject({ roomId: s.roomId });
      for (let i = 0; i < 50 && !(await count(t, `SELECT count(*) FROM support_sessions WHERE id = $1 AND crisis_alert`, [s.sessionId])); i++) await sleep(20);
      expect(await count(t, `SELECT count(*) FROM support_sessions WHERE id = $1 AND crisis_alert`, [s.sessionId])).toBe(1);
      // The session stays private: no case puts it in front of reviewers (the peer in it responds).
      expect(await count(t, `SELECT count(*) FROM moderation_cases WHERE room_id = $1`, [s.roomId])).toBe(0);
      const sp = await connect(t.url, peer.accessToken);
      const ended = waitFor(sp, 'support:session', (e: { status: string }) => e.status === 'ended');
      await t.http().post(`/api/support-sessions/${s.sessionId}/end`).set(bearer(m)).expect(200);
      expect(((await ended) as { pausedUntil?: string }).pausedUntil).toEqual(expect.any(String));
      const profile = await t.http().get('/api/me/peer-profile').set(bearer(peer)).expect(200);
      expect(profile.body).toMatchObject({ debriefSessionId: s.sessionId, pausedUntil: expect.any(String), availableNow: false });
      expect(await count(t, `SELECT count(*) FROM notifications WHERE user_id = $1 AND kind = 'peer_debrief'`, [peer.id])).toBe(1);
      const m2 = await registerUser(t, 'm');
      const r2 = await askForSupport(t, m2, { language: 'lt' });
      expect(r2.suggestions.map((x) => x.peer.id)).not.toContain(peer.id);
      expect((await queueOf(peer)).map((i) => i.requestId)).not.toContain(r2.id);
      expect((await t.http().post(`/api/support-requests/${r2.id}/accept`).set(bearer(peer)).expect(403)).body.code).toBe('PEER_PAUSED');
      const r3 = await askForSupport(t, await registerUser(t, 'm'), { language: 'lt', preferredPeerId: peer.id });
      expect((await t.http().post(`/api/support-requests/${r3.id}/accept`).set(bearer(peer)).expect(403)).body.code).toBe('PEER_PAUSED');
      await t.http().post('/api/me/peer-profile/resume').set(bearer(peer)).expect(200);
      await t.http().post(`/api/support-requests/${r2.id}/accept`).set(bearer(peer)).expect(200);
    });

    it('"away" takes effect at once: no suggestions, no first-available requests', async () => {
      const peer = await makePeer(t, admin, { languages: ['lv'] });
      await t.http().patch('/api/me/peer-profile').set(bearer(peer)).send({ acceptingRequests: false }).expect(200);
      const req = await askForSupport(t, await registerUser(t, 'm'), { language: 'lv' });
      expect(req.suggestions).toEqual([]);
      expect((await queueOf(peer)).map((i) => i.requestId)).not.toContain(req.id);
    });
  });
});
