import type { DataSource } from 'typeorm';
import type { TestApp } from './test-app';
import { bearer, TestUser, uniqueName } from './users';

export const db = (t: TestApp): DataSource => {
  const { DataSource: DS } = require('typeorm') as typeof import('typeorm');
  return t.app.get(DS);
};

export async function count(t: TestApp, sql: string, params: unknown[] = []): Promise<number> {
  const rows: Array<{ n: number }> = await db(t).query(`SELECT (${sql})::int AS n`, params);
  return rows[0].n;
}

/** Row counts of every table this feature writes, to prove a refused request wrote nothing. */
export async function snapshot(t: TestApp): Promise<Record<string, number>> {
  const tables = ['communities', 'community_admins', 'themes', 'user_themes', 'groups', 'group_themes', 'group_members', 'group_join_requests', 'group_invites', 'rooms', 'room_members'];
  const out: Record<string, number> = {};
  for (const table of tables) out[table] = await count(t, `SELECT count(*) FROM ${table}`);
  return out;
}

function expectStatus(res: { status: number; body: unknown }, status: number, what: string): void {
  if (res.status !== status) throw new Error(`${what}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
}

export async function createCommunity(t: TestApp, admin: TestUser, extra: Record<string, unknown> = {}) {
  const slug = uniqueName('c').toLowerCase().replace(/_/g, '-');
  const res = await t
    .http()
    .post('/api/communities')
    .set(bearer(admin))
    .send({ name: `Community ${slug}`, slug, description: 'A place for peer support', ...extra });
  expectStatus(res, 201, 'create community');
  return res.body as { id: string; slug: string; name: string };
}

export async function appointCommunityAdmin(t: TestApp, admin: TestUser, communityId: string, user: TestUser): Promise<void> {
  const res = await t.http().post(`/api/communities/${communityId}/admins`).set(bearer(admin)).send({ userId: user.id });
  expectStatus(res, 201, 'appoint community admin');
}

export async function createTheme(t: TestApp, user: TestUser, name = uniqueName('theme'), description = 'a theme') {
  const res = await t.http().post('/api/themes').set(bearer(user)).send({ name, description });
  expectStatus(res, 201, 'create theme');
  return res.body as { id: string; name: string };
}

export async function createGroup(t: TestApp, user: TestUser, communityId: string, themeIds: string[], extra: Record<string, unknown> = {}) {
  const res = await t
    .http()
    .post(`/api/communities/${communityId}/groups`)
    .set(bearer(user))
    .send({ name: uniqueName('Group'), description: 'We meet to talk', themeIds, visibility: 'public', joinPolicy: 'open', ...extra });
  expectStatus(res, 201, 'create group');
  return res.body as { id: string; roomId: string; name: string };
}

export async function joinGroup(t: TestApp, user: TestUser, groupId: string, body: Record<string, unknown> = {}) {
  const res = await t.http().post(`/api/groups/${groupId}/join`).set(bearer(user)).send(body);
  expectStatus(res, 201, 'join group');
  return res.body as { status: string };
}

export async function setRole(t: TestApp, actor: TestUser, groupId: string, user: TestUser, role: 'owner' | 'moderator' | 'member') {
  const res = await t.http().patch(`/api/groups/${groupId}/members/${user.id}`).set(bearer(actor)).send({ role });
  expectStatus(res, 200, 'set role');
}

export async function isRoomMember(t: TestApp, roomId: string, userId: string): Promise<boolean> {
  return (await count(t, `SELECT count(*) FROM room_members WHERE room_id = $1 AND user_id = $2`, [roomId, userId])) === 1;
}
