import { TrainingRecordsService } from '@hearth/peers';
import { createTestApp, TestApp } from './support/test-app';
import { bearer, registerAdmin, registerUser, TestUser } from './support/users';
import { appointCommunityAdmin, count, createCommunity, createGroup, createTheme, db } from './support/groups';
import { ALWAYS, apply, askForSupport, day, makePeer, record, startSession } from './support/peers';

describe('peer workers: application, verification, expiry, admin views', () => {
  let t: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await registerAdmin(t);
  });
  afterAll(() => t.close());

  const me = async (u: TestUser) => (await t.http().get('/api/me').set(bearer(u)).expect(200)).body;

  describe('application and verification', () => {
    it('a member applies with a profile and training records; nothing changes until an admin verifies', async () => {
      const u = await registerUser(t, 'applicant');
      const theme = await createTheme(t, u);
      const res = await t
        .http()
        .post('/api/peers/applications')
        .set(bearer(u))
        .send({
          bio: 'Ten years living with voices; trained listener.',
          languages: ['en', 'pt-BR'],
          themeIds: [theme.id],
          availability: [{ day: 1, from: '18:00', to: '21:00' }],
          timeZone: 'Europe/Lisbon',
          maxSessions: 2,
          pronouns: 'they/them',
          ageBand: '25-34',
          trainingRecords: [record(), record({ course: 'Suicide prevention (ASIST)', provider: 'LivingWorks', evidenceRef: 'cert-123' })],
        })
        .expect(201);
      expect(res.body.profile).toMatchObject({
        userId: u.id,
        languages: ['en', 'pt-br'],
        themes: [{ id: theme.id, name: theme.name }],
        timeZone: 'Europe/Lisbon',
        maxSessions: 2,
        acceptingRequests: false,
        verified: false,
        verifiedUntil: null,
      });
      expect(res.body.trainingRecords.map((r: { status: string }) => r.status)).toEqual(['pending', 'pending']);
      expect((await me(u)).role).toBe('member');
      // Not a peer yet: the queue and the "accepting" switch are refused.
      expect((await t.http().get('/api/peers/me/requests').set(bearer(u)).expect(403)).body.code).toBe('PEER_NOT_VERIFIED');
      expect((await t.http().patch('/api/me/peer-profile').set(bearer(u)).send({ acceptingRequests: true }).expect(403)).body.code).toBe('PEER_NOT_VERIFIED');
      // A second application is refused; records are added with their own route.
      await t.http().post('/api/peers/applications').set(bearer(u)).send({ bio: 'again', languages: ['en'], themeIds: [], trainingRecords: [record()] }).expect(409);
      const more = await t.http().post('/api/peers/me/training-records').set(bearer(u)).send(record({ course: 'Renewal' })).expect(201);
      expect(more.body.status).toBe('pending');
    });

    it('admins see pending applications; rejection carries a reason the applicant sees; verification grants the role, audited', async () => {
      const u = await registerUser(t, 'applicant');
      const app = await apply(t, u, {}, [record({ course: 'Weekend workshop' }), record({ course: 'Certified peer specialist' })]);
      const [weak, strong] = app.trainingRecords;

      const list = await t.http().get('/api/admin/peer-applications').set(bearer(admin)).expect(200);
      const mine = list.body.items.find((i: { user: { id: string } }) => i.user.id === u.id);
      expect(mine.trainingRecords).toHaveLength(2);
      expect(mine.user).toEqual({ id: u.id, username: u.username, displayName: u.username });
      await t.http().get('/api/admin/peer-applications').set(bearer(u)).expect(403);

      await t.http().post(`/api/admin/training-records/${weak.id}/reject`).set(bearer(admin)).send({}).expect(400);
      const rejected = await t.http().post(`/api/admin/training-records/${weak.id}/reject`).set(bearer(admin)).send({ reason: 'A weekend workshop is not a recognised peer-support training' }).expect(200);
      expect(rejected.body).toMatchObject({ status: 'rejected', reason: 'A weekend workshop is not a recognised peer-support training' });
      expect((await me(u)).role).toBe('member');

      const mineNow = await t.http().get('/api/peers/me/application').set(bearer(u)).expect(200);
      expect(mineNow.body.trainingRecords.find((r: { id: string }) => r.id === weak.id)).toMatchObject({
        status: 'rejected',
        reason: 'A weekend workshop is not a recognised peer-support training',
      });

      await t.http().post(`/api/admin/training-records/${strong.id}/verify`).set(bearer(u)).expect(403);
      await t.http().post(`/api/admin/training-records/${strong.id}/verify`).set(bearer(admin)).expect(200);
      expect((await me(u)).role).toBe('peer');
      await t.http().post(`/api/admin/training-records/${strong.id}/verify`).set(bearer(admin)).expect(409);
      await t.http().post(`/api/admin/training-records/${weak.id}/verify`).set(bearer(admin)).expect(409);

      const audit: Array<{ action: string; actor_id: string; reason: string | null }> = await db(t).query(
        `SELECT action, actor_id, reason FROM audit_log WHERE subject_user_id = $1 ORDER BY created_at, action`,
        [u.id],
      );
      expect(audit.map((a) => a.action).sort()).toEqual(['peer.role.granted', 'peer.training.rejected', 'peer.training.verified']);
      expect(audit.every((a) => a.actor_id === admin.id)).toBe(true);
      const kinds: Array<{ kind: string }> = await db(t).query(`SELECT kind FROM notifications WHERE user_id = $1 ORDER BY created_at`, [u.id]);
      expect(kinds.map((k) => k.kind)).toEqual(expect.arrayContaining(['training_decision', 'peer_role']));
      // Now a peer: the switch works.
      await t.http().patch('/api/me/peer-profile').set(bearer(u)).send({ acceptingRequests: true }).expect(200);
      await t.http().get('/api/peers/me/requests').set(bearer(u)).expect(200);
    });
  });

  describe('expiry ends peer powers', () => {
    it('when the last verified record has expired, the next request finds the role gone (audited once), and peer actions are refused', async () => {
      const peer = await makePeer(t, admin, { languages: ['sv'] });
      expect((await me(peer)).role).toBe('peer');
      // Time passes: the record's last valid day was yesterday.
      await db(t).query(`UPDATE peer_training_records SET expires_on = now()::date - 1 WHERE user_id = $1`, [peer.id]);
      const login = await t.http().post('/api/auth/login').send({ username: peer.username, password: peer.password }).expect(200);
      expect(login.body.user.role).toBe('member');
      const [a, b] = await Promise.all([me(peer), me(peer)]);
      expect([a.role, b.role]).toEqual(['member', 'member']);
      expect((await t.http().get('/api/peers/me/requests').set(bearer(peer)).expect(403)).body.code).toBe('PEER_NOT_VERIFIED');
      expect(await count(t, `SELECT count(*) FROM audit_log WHERE subject_user_id = $1 AND action = 'peer.role.revoked' AND reason = 'training_expired'`, [peer.id])).toBe(1);
      // Never suggested any more.
      const m = await registerUser(t, 'member');
      const req = await askForSupport(t, m, { language: 'sv' });
      expect(req.suggestions.map((s) => s.peer.id)).not.toContain(peer.id);
      await t.http().post('/api/support-requests').set(bearer(await registerUser(t, 'm'))).send({ themeIds: [], language: 'sv', preferredPeerId: peer.id }).expect(400);
    });

    it('a peer with an active session whose training lapses cannot accept more work (checked at the action, not only at login)', async () => {
      const peer = await makePeer(t, admin, { languages: ['fi'], maxSessions: 5 });
      const m1 = await registerUser(t, 'm');
      await startSession(t, m1, peer, { language: 'fi' });
      const m2 = await registerUser(t, 'm');
      const req = await askForSupport(t, m2, { language: 'fi', preferredPeerId: peer.id });
      await db(t).query(`UPDATE peer_training_records SET expires_on = now()::date - 1 WHERE user_id = $1`, [peer.id]);
      expect((await t.http().post(`/api/support-requests/${req.id}/accept`).set(bearer(peer)).expect(403)).body.code).toBe('PEER_NOT_VERIFIED');
      expect(await count(t, `SELECT count(*) FROM support_sessions WHERE peer_id = $1`, [peer.id])).toBe(1);
    });

    it('a peer whose training lapsed is not made a group moderator (the groups path checks too)', async () => {
      const peer = await makePeer(t, admin);
      const community = await createCommunity(t, admin);
      const theme = await createTheme(t, admin);
      const group = await createGroup(t, admin, community.id, [theme.id], { visibility: 'public', joinPolicy: 'open' });
      await db(t).query(`UPDATE peer_training_records SET expires_on = now()::date - 1 WHERE user_id = $1`, [peer.id]);
      await t.http().patch(`/api/groups/${group.id}/members/${peer.id}`).set(bearer(admin)).send({ role: 'moderator' }).expect(404);
      expect(await count(t, `SELECT count(*) FROM group_members WHERE group_id = $1 AND user_id = $2`, [group.id, peer.id])).toBe(0);
      const [{ role }] = await db(t).query(`SELECT role FROM users WHERE id = $1`, [peer.id]);
      expect(role).toBe('member');
    });

    it('revoking the last verified record ends the role at once, with the reason audited', async () => {
      const peer = await makePeer(t, admin);
      const [rec] = (await t.http().get('/api/peers/me/application').set(bearer(peer)).expect(200)).body.trainingRecords;
      await t.http().post(`/api/admin/training-records/${rec.id}/revoke`).set(bearer(admin)).send({ reason: 'Certificate could not be confirmed with the provider' }).expect(200);
      expect((await me(peer)).role).toBe('member');
      const rows: Array<{ action: string; reason: string }> = await db(t).query(
        `SELECT action, reason FROM audit_log WHERE subject_user_id = $1 AND action IN ('peer.training.revoked', 'peer.role.revoked') ORDER BY action`,
        [peer.id],
      );
      expect(rows).toEqual([
        { action: 'peer.role.revoked', reason: 'training_revoked' },
        { action: 'peer.training.revoked', reason: 'Certificate could not be confirmed with the provider' },
      ]);
    });

    it('the daily job warns 30 and 7 days before expiry, once each, and ends lapsed roles', async () => {
      const soon = await makePeer(t, admin);
      const verySoon = await makePeer(t, admin);
      const lapsed = await makePeer(t, admin);
      await db(t).query(`UPDATE peer_training_records SET expires_on = now()::date + 25 WHERE user_id = $1`, [soon.id]);
      await db(t).query(`UPDATE peer_training_records SET expires_on = now()::date + 5 WHERE user_id = $1`, [verySoon.id]);
      await db(t).query(`UPDATE peer_training_records SET expires_on = now()::date - 2 WHERE user_id = $1`, [lapsed.id]);
      const job = t.app.get(TrainingRecordsService);
      const first = await job.runExpiryJob();
      expect(first.warned30).toBeGreaterThanOrEqual(1);
      expect(first.warned7).toBeGreaterThanOrEqual(1);
      expect(first.revoked).toBeGreaterThanOrEqual(1);
      const notes = async (u: TestUser) =>
        (await db(t).query(`SELECT data FROM notifications WHERE user_id = $1 AND kind = 'training_expiry'`, [u.id])) as Array<{ data: { daysLeft: number } }>;
      expect((await notes(soon)).map((n) => n.data.daysLeft)).toEqual([25]);
      expect((await notes(verySoon)).map((n) => n.data.daysLeft)).toEqual([5]);
      const [{ role }] = await db(t).query(`SELECT role FROM users WHERE id = $1`, [lapsed.id]);
      expect(role).toBe('member');
      // Idempotent: nothing twice.
      await job.runExpiryJob();
      expect(await notes(soon)).toHaveLength(1);
      expect(await notes(verySoon)).toHaveLength(1);
      expect(await count(t, `SELECT count(*) FROM audit_log WHERE subject_user_id = $1 AND action = 'peer.role.revoked'`, [lapsed.id])).toBe(1);
      // Later, the 25-day record reaches the 7-day mark and is warned again.
      await db(t).query(`UPDATE peer_training_records SET expires_on = now()::date + 7 WHERE user_id = $1`, [soon.id]);
      await job.runExpiryJob();
      expect((await notes(soon)).map((n) => n.data.daysLeft).sort()).toEqual([25, 7].sort());
    });
  });

  describe('admin views', () => {
    it('platform admins see peers with verification state, expiry and load; members are refused', async () => {
      const peer = await makePeer(t, admin, { maxSessions: 4 });
      const m = await registerUser(t, 'm');
      await startSession(t, m, peer);
      const pending = await registerUser(t, 'pending');
      await apply(t, pending);
      const res = await t.http().get('/api/admin/peers').set(bearer(admin)).expect(200);
      const row = res.body.items.find((i: { user: { id: string } }) => i.user.id === peer.id);
      expect(row).toMatchObject({ role: 'peer', verificationState: 'verified', verifiedUntil: day(365), activeSessions: 1, maxSessions: 4, acceptingRequests: true });
      expect(row.daysToExpiry).toBeGreaterThanOrEqual(364);
      expect(res.body.items.find((i: { user: { id: string } }) => i.user.id === pending.id)).toMatchObject({ verificationState: 'pending', pendingRecords: 1 });
      await t.http().get('/api/admin/peers').set(bearer(peer)).expect(403);
    });

    it('community figures: waiting, median wait and acceptance, sessions per week, feedback aggregates without any note', async () => {
      const community = await createCommunity(t, admin);
      const cadmin = await registerUser(t, 'cadmin');
      await appointCommunityAdmin(t, admin, community.id, cadmin);
      const peer = await makePeer(t, admin, { languages: ['nl'] });
      const m1 = await registerUser(t, 'm');
      const s1 = await startSession(t, m1, peer, { language: 'nl', communityId: community.id });
      await t.http().post(`/api/support-sessions/${s1.sessionId}/feedback`).set(bearer(m1)).send({ rating: 4, note: 'SECRET-NOTE kind and patient' }).expect(201);
      const m2 = await registerUser(t, 'm');
      await askForSupport(t, m2, { language: 'nl', communityId: community.id });

      const res = await t.http().get(`/api/communities/${community.id}/support-stats`).set(bearer(cadmin)).expect(200);
      expect(res.body).toMatchObject({ communityId: community.id, waitingRequests: 1, feedback: { count: 1, averageRating: 4, distribution: { '4': 1 } } });
      expect(res.body.sessionsPerWeek).toHaveLength(8);
      expect(res.body.sessionsPerWeek[7].sessions).toBe(1);
      expect(typeof res.body.medianAcceptanceMinutes).toBe('number');
      expect(JSON.stringify(res.body)).not.toContain('SECRET-NOTE');
      const platform = await t.http().get('/api/admin/support-stats').set(bearer(admin)).expect(200);
      expect(JSON.stringify(platform.body)).not.toContain('SECRET-NOTE');
      await t.http().get(`/api/communities/${community.id}/support-stats`).set(bearer(peer)).expect(403);
      await t.http().get('/api/admin/support-stats').set(bearer(cadmin)).expect(403);
      await t.http().get(`/api/communities/00000000-0000-4000-8000-000000000000/support-stats`).set(bearer(admin)).expect(404);
    });
  });

  describe('bad input is refused clearly and writes nothing', () => {
    it('applications: expired or impossible records, bad dates, time zones, availability and unknown themes', async () => {
      const u = await registerUser(t, 'bad');
      const send = (body: Record<string, unknown>) =>
        t.http().post('/api/peers/applications').set(bearer(u)).send({ bio: 'b', languages: ['en'], themeIds: [], trainingRecords: [record()], ...body });
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ trainingRecords: [record({ expiresOn: day(-1) })] }, 'trainingRecords.0.expiresOn'],
        [{ trainingRecords: [record({ completedOn: day(10) })] }, 'trainingRecords.0.completedOn'],
        [{ trainingRecords: [record({ completedOn: '2025-02-30' })] }, 'trainingRecords.0.completedOn'],
        [{ trainingRecords: [record({ expiresOn: 'next year' })] }, 'trainingRecords.0.expiresOn'],
        [{ trainingRecords: [record({ completedOn: day(-10), expiresOn: day(-20) })] }, 'trainingRecords.0.expiresOn'],
        [{ trainingRecords: [] }, 'trainingRecords'],
        [{ timeZone: 'Mars/Olympus' }, 'availability'],
        [{ availability: [{ day: 1, from: '21:00', to: '18:00' }] }, 'availability'],
        [{ availability: [{ day: 7, from: '08:00', to: '09:00' }] }, 'availability.0.day'],
        [{ availability: [{ day: 1, from: '8am', to: '09:00' }] }, 'availability.0.from'],
        [{ maxSessions: 0 }, 'maxSessions'],
        [{ maxSessions: 21 }, 'maxSessions'],
        [{ ageBand: '12-17' }, 'ageBand'],
        [{ languages: [] }, 'languages'],
        [{ themeIds: ['00000000-0000-4000-8000-000000000000'] }, 'themeIds'],
        [{ bio: 'x'.repeat(501) }, 'bio'],
        [{ role: 'admin' }, 'role'],
      ];
      for (const [body, field] of cases) {
        const res = await send(body);
        expect({ body, status: res.status, code: res.body.code }).toEqual({ body, status: 400, code: 'VALIDATION_FAILED' });
        expect(JSON.stringify(res.body.details ?? res.body.message)).toContain(field.split('.')[0]);
      }
      expect(await count(t, `SELECT count(*) FROM peer_profiles WHERE user_id = $1`, [u.id])).toBe(0);
      expect(await count(t, `SELECT count(*) FROM peer_training_records WHERE user_id = $1`, [u.id])).toBe(0);
    });

    it('an expired record cannot be verified; unknown records are 404', async () => {
      const u = await registerUser(t, 'exp');
      const app = await apply(t, u);
      await db(t).query(`UPDATE peer_training_records SET expires_on = now()::date - 1 WHERE user_id = $1`, [u.id]);
      const res = await t.http().post(`/api/admin/training-records/${app.trainingRecords[0].id}/verify`).set(bearer(admin)).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect((await me(u)).role).toBe('member');
      await t.http().post('/api/admin/training-records/00000000-0000-4000-8000-000000000000/verify').set(bearer(admin)).expect(404);
      await t.http().post('/api/admin/training-records/not-a-uuid/verify').set(bearer(admin)).expect(400);
      // An admin never verifies their own training.
      const own = await apply(t, admin);
      expect((await t.http().post(`/api/admin/training-records/${own.trainingRecords[0].id}/verify`).set(bearer(admin)).expect(403)).body.message).toMatch(/own training record/);
    });

    it('support requests: unknown peers, a request to oneself, out-of-range preferences, a second waiting request', async () => {
      const peer = await makePeer(t, admin, { availability: ALWAYS });
      const m = await registerUser(t, 'm');
      const post = (u: TestUser, body: Record<string, unknown>) => t.http().post('/api/support-requests').set(bearer(u)).send({ themeIds: [], language: 'en', ...body });
      const bad: Array<[TestUser, Record<string, unknown>, number, string]> = [
        [m, { preferredPeerId: '00000000-0000-4000-8000-000000000000' }, 400, 'VALIDATION_FAILED'],
        [m, { preferredPeerId: admin.id }, 400, 'VALIDATION_FAILED'],
        [peer, { preferredPeerId: peer.id }, 400, 'VALIDATION_FAILED'],
        [m, { preferredAgeBands: ['12-17'] }, 400, 'VALIDATION_FAILED'],
        [m, { preferredAgeBands: ['25-34', '25-34'] }, 400, 'VALIDATION_FAILED'],
        [m, { preferredPronouns: 'x'.repeat(33) }, 400, 'VALIDATION_FAILED'],
        [m, { suggestions: 0 }, 400, 'VALIDATION_FAILED'],
        [m, { suggestions: 21 }, 400, 'VALIDATION_FAILED'],
        [m, { language: 'not a language' }, 400, 'VALIDATION_FAILED'],
        [m, { themeIds: ['00000000-0000-4000-8000-000000000000'] }, 400, 'VALIDATION_FAILED'],
        [m, { communityId: '00000000-0000-4000-8000-000000000000' }, 400, 'VALIDATION_FAILED'],
        [m, { note: 'x'.repeat(1001) }, 400, 'VALIDATION_FAILED'],
        [m, { samePeerAsLastTime: 'yes' }, 400, 'VALIDATION_FAILED'],
        [m, { country: 'Germany' }, 400, 'VALIDATION_FAILED'],
      ];
      for (const [u, body, status, code] of bad) {
        const res = await post(u, body);
        expect({ body, status: res.status, code: res.body.code }).toEqual({ body, status, code });
      }
      expect(await count(t, `SELECT count(*) FROM support_requests WHERE requester_id = ANY($1::uuid[])`, [[m.id, peer.id]])).toBe(0);

      const req = await askForSupport(t, m);
      expect((await post(m, {})).status).toBe(409);
      const choose = (body: Record<string, unknown>) => t.http().post(`/api/support-requests/${req.id}/choose`).set(bearer(m)).send(body);
      expect((await choose({})).status).toBe(400);
      expect((await choose({ peerId: peer.id, firstAvailable: true })).status).toBe(400);
      expect((await choose({ firstAvailable: false })).status).toBe(400);
      expect((await choose({ peerId: m.id })).status).toBe(400);
      expect((await choose({ peerId: '00000000-0000-4000-8000-000000000000' })).status).toBe(400);
      expect((await choose({ peerId: peer.id })).status).toBe(200);
      // Someone else's request does not exist for them.
      await t.http().post(`/api/support-requests/${req.id}/choose`).set(bearer(peer)).send({ firstAvailable: true }).expect(404);
      await t.http().get(`/api/support-requests/${req.id}`).set(bearer(peer)).expect(404);
      await t.http().delete(`/api/support-requests/${req.id}`).set(bearer(peer)).expect(404);
      await t.http().post(`/api/support-requests/00000000-0000-4000-8000-000000000000/accept`).set(bearer(peer)).expect(404);
      await t.http().delete(`/api/support-requests/${req.id}`).set(bearer(m)).expect(204);
      await t.http().post(`/api/support-requests/${req.id}/accept`).set(bearer(peer)).expect(404);
      await t.http().post(`/api/support-requests/${req.id}/choose`).set(bearer(m)).send({ firstAvailable: true }).expect(409);
    });
  });
});

describe('peer support personal data', () => {
  let t: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await registerAdmin(t);
  });
  afterAll(() => t.close());

  it('exports a person’s peer-support data and erases it, anonymising their side of shared sessions', async () => {
    const { PersonalDataRegistry } = require('@hearth/common') as typeof import('@hearth/common');
    const contributor = t.app.get(PersonalDataRegistry).all().find((c) => c.section === 'peerSupport')!;
    expect(contributor.tables).toEqual(expect.arrayContaining(['peer_profiles', 'peer_training_records', 'support_requests', 'support_sessions']));
    const peer = await makePeer(t, admin);
    const m = await registerUser(t, 'm');
    const s = await startSession(t, m, peer, { note: 'MEMBER-NOTE' });
    await t.http().post(`/api/support-sessions/${s.sessionId}/feedback`).set(bearer(m)).send({ rating: 5, note: 'FEEDBACK-NOTE' }).expect(201);

    const rows = async (userId: string) => {
      const out: Array<{ kind: string; row: Record<string, unknown> }> = [];
      for await (const r of contributor.export(userId, db(t).manager)) out.push(r as { kind: string; row: Record<string, unknown> });
      return out;
    };
    const memberExport = await rows(m.id);
    expect(memberExport.map((r) => r.kind).sort()).toEqual(['support_request', 'support_session']);
    expect(JSON.stringify(memberExport)).toContain('MEMBER-NOTE');
    expect(JSON.stringify(memberExport)).toContain('FEEDBACK-NOTE');
    const peerExport = await rows(peer.id);
    expect(peerExport.map((r) => r.kind).sort()).toEqual(['peer_profile', 'support_session', 'training_record']);
    expect(JSON.stringify(peerExport)).not.toContain('MEMBER-NOTE');

    await db(t).transaction((em) => contributor.erase(m.id, { messages: 'erase' }, em));
    expect(await count(t, `SELECT count(*) FROM support_requests WHERE requester_id = $1`, [m.id])).toBe(0);
    const [session] = await db(t).query(`SELECT requester_id, peer_id, feedback_note, feedback_rating FROM support_sessions WHERE id = $1`, [s.sessionId]);
    expect(session).toEqual({ requester_id: null, peer_id: peer.id, feedback_note: null, feedback_rating: 5 });
    await db(t).transaction((em) => contributor.erase(peer.id, { messages: 'erase' }, em));
    expect(await count(t, `SELECT count(*) FROM peer_profiles WHERE user_id = $1`, [peer.id])).toBe(0);
    expect(await count(t, `SELECT count(*) FROM peer_training_records WHERE user_id = $1`, [peer.id])).toBe(0);
    expect(await count(t, `SELECT count(*) FROM support_sessions WHERE id = $1 AND peer_id IS NULL`, [s.sessionId])).toBe(1);
  });
});
