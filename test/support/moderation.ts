import { randomBytes } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import type { TestApp } from './test-app';
import { bearer, registerAdmin, registerUser, TestUser } from './users';
import { appointCommunityAdmin, castGroup, createCast, db, joinGroup, Cast } from './groups';
import { AckResult, connect, emitAck } from './sockets';

/**
 * The people of a moderation scenario: one community with two admins (so one can
 * decide the other's appeals), a group run by `owner` with a `moderator`, three
 * members, an outsider, and a second group with its own moderator.
 */
export interface ModWorld extends Cast {
  secondAdmin: TestUser;
  member2: TestUser;
  member3: TestUser;
  otherModerator: TestUser;
  groupId: string;
  roomId: string;
  otherGroupId: string;
  otherRoomId: string;
}

export async function modWorld(t: TestApp, platformAdmin?: TestUser): Promise<ModWorld> {
  const cast = await createCast(t, platformAdmin ?? (await registerAdmin(t)));
  const [secondAdmin, member2, member3, otherModerator] = await Promise.all(['cadmin2', 'm2', 'm3', 'omod'].map((p) => registerUser(t, p)));
  await appointCommunityAdmin(t, cast.platformAdmin, cast.communityId, secondAdmin);
  const group = await castGroup(t, cast);
  await joinGroup(t, member2, group.id);
  await joinGroup(t, member3, group.id);
  const other = await castGroup(t, cast);
  const ds = db(t);
  // The other group: its own moderator; the cast's moderator is only a member there.
  await ds.query(`INSERT INTO group_members (group_id, user_id, role) VALUES ($1, $2, 'moderator')`, [other.id, otherModerator.id]);
  await ds.query(`INSERT INTO room_members (room_id, user_id) VALUES ($1, $2)`, [other.roomId, otherModerator.id]);
  await ds.query(`UPDATE group_members SET role = 'member' WHERE group_id = $1 AND user_id = $2`, [other.id, cast.moderator.id]);
  await ds.query(`UPDATE group_members SET role = 'member' WHERE group_id = $1 AND user_id = $2`, [other.id, cast.owner.id]);
  return { ...cast, secondAdmin, member2, member3, otherModerator, groupId: group.id, roomId: group.roomId, otherGroupId: other.id, otherRoomId: other.roomId };
}

export async function joined(t: TestApp, user: TestUser, roomId: string): Promise<Socket> {
  const s = await connect(t.url, user.accessToken);
  const res = await emitAck(s, 'room:join', { roomId });
  if (!res.ok) throw new Error(`join failed: ${JSON.stringify(res)}`);
  return s;
}

export function send(s: Socket, roomId: string, body: string, extra: Record<string, unknown> = {}): Promise<AckResult> {
  return emitAck(s, 'message:send', { roomId, clientMsgId: randomBytes(6).toString('hex'), body, ...extra });
}

export async function sendOk(s: Socket, roomId: string, body: string, extra: Record<string, unknown> = {}): Promise<any> {
  const res = await send(s, roomId, body, extra);
  if (!res.ok) throw new Error(`send failed: ${JSON.stringify(res)}`);
  return res.data;
}

export const act = (t: TestApp, user: TestUser, body: Record<string, unknown>) => t.http().post('/api/moderation/actions').set(bearer(user)).send(body);
export const report = (t: TestApp, user: TestUser, body: Record<string, unknown>) => t.http().post('/api/reports').set(bearer(user)).send(body);

export async function notificationsOf(t: TestApp, user: TestUser, kind?: string): Promise<Array<{ kind: string; data: Record<string, unknown> }>> {
  return db(t).query(`SELECT kind, data FROM notifications WHERE user_id = $1 ${kind ? 'AND kind = $2' : ''} ORDER BY created_at`, kind ? [user.id, kind] : [user.id]);
}
