import type { TestApp } from './test-app';
import { db } from './groups';
import { bearer, registerUser, TestUser } from './users';

export const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

export const record = (over: Record<string, unknown> = {}) => ({
  course: 'Intentional Peer Support core',
  provider: 'IPS',
  completedOn: day(-100),
  expiresOn: day(365),
  ...over,
});

/** Availability covering every minute of the week (so "available now" is always true). */
export const ALWAYS = Array.from({ length: 7 }, (_, d) => ({ day: d, from: '00:00', to: '24:00' }));

function expectStatus(res: { status: number; body: unknown }, status: number, what: string): void {
  if (res.status !== status) throw new Error(`${what}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
}

export async function apply(t: TestApp, user: TestUser, profile: Record<string, unknown> = {}, records = [record()]) {
  const res = await t
    .http()
    .post('/api/peers/applications')
    .set(bearer(user))
    .send({ bio: 'I have been there.', languages: ['en'], themeIds: [], trainingRecords: records, ...profile });
  expectStatus(res, 201, 'apply');
  return res.body as { profile: { userId: string }; trainingRecords: Array<{ id: string; status: string }> };
}

/** A verified peer through the real flow: apply, an admin verifies, then accepting requests. */
export async function makePeer(t: TestApp, admin: TestUser, profile: Record<string, unknown> = {}, prefix = 'peer'): Promise<TestUser> {
  const user = await registerUser(t, prefix);
  const app = await apply(t, user, { availability: ALWAYS, timeZone: 'UTC', ...profile });
  for (const r of app.trainingRecords) {
    expectStatus(await t.http().post(`/api/admin/training-records/${r.id}/verify`).set(bearer(admin)), 200, 'verify');
  }
  expectStatus(await t.http().patch('/api/me/peer-profile').set(bearer(user)).send({ acceptingRequests: true }), 200, 'accepting');
  return user;
}

/** Gives an existing account valid peer training directly in the database (fixtures outside the peers suites). */
export async function grantPeerInDb(t: TestApp, userId: string): Promise<void> {
  const ds = db(t);
  await ds.query(`INSERT INTO peer_profiles (user_id, verified_until) VALUES ($1, now()::date + 365) ON CONFLICT DO NOTHING`, [userId]);
  await ds.query(
    `INSERT INTO peer_training_records (user_id, course, provider, completed_on, expires_on, status) VALUES ($1, 'Peer support', 'Test', now()::date - 30, now()::date + 365, 'verified')`,
    [userId],
  );
  await ds.query(`UPDATE users SET role = 'peer' WHERE id = $1`, [userId]);
}

export async function askForSupport(t: TestApp, member: TestUser, body: Record<string, unknown> = {}) {
  const res = await t.http().post('/api/support-requests').set(bearer(member)).send({ themeIds: [], language: 'en', ...body });
  expectStatus(res, 201, 'support request');
  return res.body as { id: string; suggestions: Array<{ peer: { id: string }; score: number; reasons: string[]; waitEstimateMinutes: number | null }> } & Record<string, any>;
}

export async function startSession(t: TestApp, member: TestUser, peer: TestUser, body: Record<string, unknown> = {}) {
  const req = await askForSupport(t, member, { preferredPeerId: peer.id, ...body });
  const res = await t.http().post(`/api/support-requests/${req.id}/accept`).set(bearer(peer));
  expectStatus(res, 200, 'accept');
  return { requestId: req.id, sessionId: res.body.sessionId as string, roomId: res.body.roomId as string };
}
