import { randomBytes } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import type { TestApp } from './test-app';
import { bearer, registerAdmin, registerUser, TestUser } from './users';
import { appointCommunityAdmin, db, joinGroup } from './groups';
import { createWorld } from './world';
import { AckResult, connect, emitAck } from './sockets';

/**
 * The people of a moderation scenario, on the shared test world: one community with two
 * admins (so one can decide the other's appeals), a group run by `owner` with a
 * `moderator`, three members, an outsider (`nonMember`), and a second group of the
 * same community with its own moderator (`otherModerator`).
 */
export interface ModWorld {
  platformAdmin: TestUser;
  communityAdmin: TestUser;
  secondAdmin: TestUser;
  otherCommunityAdmin: TestUser;
  owner: TestUser;
  moderator: TestUser;
  member: TestUser;
  member2: TestUser;
  member3: TestUser;
  nonMember: TestUser;
  otherModerator: TestUser;
  communityId: string;
  otherCommunityId: string;
  groupId: string;
  roomId: string;
  otherGroupId: string;
  otherRoomId: string;
}

export async function modWorld(t: TestApp, platformAdmin?: TestUser): Promise<ModWorld> {
  const w = await createWorld(t, { platformAdmin: platformAdmin ?? (await registerAdmin(t)) });
  const [secondAdmin, member3, otherModerator] = await Promise.all(['cadmin2', 'm3', 'omod'].map((p) => registerUser(t, p)));
  await appointCommunityAdmin(t, w.platformAdmin, w.community.id, secondAdmin);
  await joinGroup(t, member3, w.group.id);
  const other = await w.addGroup();
  const ds = db(t);
  // The other group: its own moderator; the world's moderator and owner are only members there.
  await ds.query(`INSERT INTO group_members (group_id, user_id, role) VALUES ($1, $2, 'moderator')`, [other.id, otherModerator.id]);
  await ds.query(`INSERT INTO room_members (room_id, user_id) VALUES ($1, $2)`, [other.roomId, otherModerator.id]);
  await ds.query(`UPDATE group_members SET role = 'member' WHERE group_id = $1 AND user_id = ANY($2::uuid[])`, [other.id, [w.moderator.id, w.owner.id]]);
  return {
    platformAdmin: w.platformAdmin,
    communityAdmin: w.communityAdmin,
    secondAdmin,
    otherCommunityAdmin: w.otherCommunityAdmin,
    owner: w.owner,
    moderator: w.moderator,
    member: w.member,
    member2: w.secondMember,
    member3,
    nonMember: w.outsider,
    otherModerator,
    communityId: w.community.id,
    otherCommunityId: w.otherCommunity.id,
    groupId: w.group.id,
    roomId: w.group.roomId,
    otherGroupId: other.id,
    otherRoomId: other.roomId,
  };
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
