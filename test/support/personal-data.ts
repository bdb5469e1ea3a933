import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { TestApp } from './test-app';
import { bearer, makeAdmin, registerUser, TestUser } from './users';
import { appointCommunityAdmin, createCommunity, createGroup, createTheme, joinGroup } from './groups';
import { giveSupportRelationship, registerPeer } from './recovery';

export interface PersonColumn {
  table: string;
  column: string;
  /** `fk`: a foreign key to users(id); `name`: no foreign key, matched by the naming rule. */
  why: 'fk' | 'name';
  /** How a row is matched to a person: equality, or (direct_key) the id appearing inside the value. */
  match: 'eq' | 'contains';
}

/**
 * THE RULE for "a column that refers to a person", read from PostgreSQL's catalog:
 *  1. every column of a foreign key that references users(id);
 *  2. without a foreign key, a uuid/text column of a public table named
 *     `user_id`, `*_user_id`, `*_by`, `*_peer_id`, or one of
 *     actor_id, author_id, owner_id, peer_id, reader_id, reporter_id, requester_id,
 *     assignee_id, moderator_id, recipient_id, sender_id, blocker_id, blocked_id;
 *  3. `direct_key` (a direct room's key: both people's ids inside one text value).
 * Infrastructure tables (TypeORM's `migrations`, the socket.io adapter's
 * `socket_io_attachments`) hold no person data and are left out.
 */
export const NAMED_PERSON_COLUMN = `^(user_id|.+_user_id|.+_by|.+_peer_id|actor_id|author_id|owner_id|peer_id|reader_id|reporter_id|requester_id|assignee_id|moderator_id|recipient_id|sender_id|blocker_id|blocked_id)$`;
const INFRASTRUCTURE = ['migrations', 'socket_io_attachments', 'typeorm_metadata'];

export async function personColumns(ds: DataSource): Promise<PersonColumn[]> {
  const fks: Array<{ table: string; column: string }> = await ds.query(
    `SELECT c.conrelid::regclass::text AS table, a.attname AS column
       FROM pg_constraint c
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
      WHERE c.contype = 'f' AND c.confrelid = 'public.users'::regclass`,
  );
  const named: Array<{ table: string; column: string }> = await ds.query(
    `SELECT table_name AS table, column_name AS column FROM information_schema.columns
      WHERE table_schema = 'public' AND data_type IN ('uuid', 'text', 'character varying')
        AND (column_name ~ $1 OR column_name = 'direct_key')`,
    [NAMED_PERSON_COLUMN],
  );
  const out = new Map<string, PersonColumn>();
  for (const r of fks) out.set(`${r.table}.${r.column}`, { ...r, why: 'fk', match: 'eq' });
  for (const r of named) {
    const key = `${r.table}.${r.column}`;
    if (!out.has(key)) out.set(key, { ...r, why: 'name', match: r.column === 'direct_key' ? 'contains' : 'eq' });
  }
  return [...out.values()].filter((c) => !INFRASTRUCTURE.includes(c.table)).sort((a, b) => `${a.table}.${a.column}`.localeCompare(`${b.table}.${b.column}`));
}

export const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

export function whereFor(c: PersonColumn): string {
  return c.match === 'contains' ? `${q(c.column)}::text LIKE '%' || $1 || '%'` : `${q(c.column)}::text = $1`;
}

/** Primary-key columns of a table, in key order. */
export async function primaryKey(ds: DataSource, table: string): Promise<string[]> {
  const rows: Array<{ attname: string }> = await ds.query(
    `SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
      WHERE i.indrelid = $1::regclass AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)`,
    [table],
  );
  return rows.map((r) => r.attname);
}

export interface World {
  person: TestUser;
  /** Someone in the person's group who replies to them and is DMed by them. */
  friend: TestUser;
  /** A peer worker the person shares with. */
  peer: TestUser;
  /** Someone who shares with the person (the person is a peer worker too). */
  sharer: TestUser;
  groupId: string;
  roomId: string;
  directRoomId: string;
  personMessageIds: string[];
  directMessageId: string;
  friendReplyId: string;
  /** What the person wrote: [bio, statement, goal, indicator, check-in note, safety-plan sign, group message, direct message, comment as a peer]. */
  texts: string[];
}

/**
 * A person with data in every area Hearth has: profile and themes, sessions,
 * a community they administer and one they created, a group they created and
 * own, an invite, a join request of theirs and one they decided, group and
 * direct messages, a reaction, blocks both ways, notifications and preferences,
 * the whole recovery plan, shares both ways (with reads and comments), and audit rows.
 */
export async function seedEverything(t: TestApp): Promise<World> {
  const ds = t.app.get(DataSource);
  const root = await makeAdmin(t, await registerUser(t, 'root'));
  const person = await registerUser(t, 'person');
  const [friend, blocker, asker] = await Promise.all([registerUser(t, 'friend'), registerUser(t, 'blocker'), registerUser(t, 'asker')]);
  const peer = await registerPeer(t, 'pdpeer');
  const sharer = await registerUser(t, 'sharer');
  const http = (u: TestUser) => ({
    post: (url: string, body: object = {}) => t.http().post(url).set(bearer(u)).send(body),
    put: (url: string, body: object = {}) => t.http().put(url).set(bearer(u)).send(body),
    patch: (url: string, body: object = {}) => t.http().patch(url).set(bearer(u)).send(body),
  });
  const ok = async (p: PromiseLike<{ status: number; body: any }>, status: number, what: string) => {
    const r = await p;
    if (r.status !== status) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  // Unique per world, so a search for them finds only this person's data.
  const tag = randomBytes(4).toString('hex');
  const texts = ['my bio is about gardens', 'recovery is walking every day', 'a goal about the allotment', 'indicator of calm', 'note: the bees were out', 'sign: skipping meals', 'hello group from me', 'just between us', 'I hear you'].map(
    (x) => `${x} ${tag}`,
  );

  // Profile, themes (one proposed, one chosen), preferences.
  const theme = await createTheme(t, person);
  await ok(http(person).patch('/api/me', { bio: texts[0], pronouns: 'they/them', themeIds: [theme.id] }), 200, 'profile');
  await ok(http(person).patch('/api/me/notification-preferences', { preferences: [{ kind: 'join_declined', live: false }] }), 200, 'prefs');

  // Communities: one created by the person (as a platform admin for a moment), one they administer.
  await ds.query(`UPDATE users SET role = 'admin' WHERE id = $1`, [person.id]);
  await createCommunity(t, person);
  await ds.query(`UPDATE users SET role = 'peer' WHERE id = $1`, [person.id]);
  const community = await createCommunity(t, root);
  await appointCommunityAdmin(t, root, community.id, person);

  // A group the person created and owns, with an invite; a join request they decide; one of their own elsewhere.
  const group = await createGroup(t, person, community.id, [theme.id], { joinPolicy: 'approval' });
  await ok(http(person).post(`/api/groups/${group.id}/invites`, {}), 201, 'invite');
  for (const u of [friend, blocker]) {
    await joinGroup(t, u, group.id);
    const [req] = await ds.query(`SELECT id FROM group_join_requests WHERE group_id = $1 AND user_id = $2 AND status = 'pending'`, [group.id, u.id]);
    await ok(http(person).post(`/api/groups/${group.id}/join-requests/${req.id}/approve`), 200, 'approve');
  }
  await joinGroup(t, asker, group.id);
  const [askReq] = await ds.query(`SELECT id FROM group_join_requests WHERE group_id = $1 AND user_id = $2`, [group.id, asker.id]);
  await ok(http(person).post(`/api/groups/${group.id}/join-requests/${askReq.id}/decline`, { reason: 'full for now' }), 200, 'decline');
  const other = await createGroup(t, root, community.id, [theme.id], { joinPolicy: 'approval' });
  await joinGroup(t, person, other.id, { message: 'may I join?' });

  // Messages: two in the group, a reply from a friend (notifies the person), a reaction, a direct conversation.
  const m1 = await ok(http(person).post(`/api/rooms/${group.roomId}/messages`, { clientMsgId: 'pd-1', body: texts[6] }), 201, 'message');
  const m2 = await ok(http(person).post(`/api/rooms/${group.roomId}/messages`, { clientMsgId: 'pd-2', body: 'second message' }), 201, 'message');
  const reply = await ok(http(friend).post(`/api/rooms/${group.roomId}/messages`, { clientMsgId: 'pd-3', body: 'welcome!', replyToId: m1.id }), 201, 'reply');
  await ok(http(person).post(`/api/messages/${reply.id}/reactions`, { emoji: '🌱' }), 200, 'reaction');
  const direct = await ok(http(person).post('/api/rooms/direct', { userId: friend.id }), 200, 'direct');
  const dm = await ok(http(person).post(`/api/rooms/${direct.roomId}/messages`, { clientMsgId: 'pd-dm', body: texts[7] }), 201, 'dm');
  await ok(http(person).post(`/api/rooms/${direct.roomId}/read`, { seq: 1 }), 200, 'read marker');

  // Blocks both ways.
  await ok(http(person).put(`/api/me/blocks/${asker.id}`), 204, 'block');
  await ok(http(blocker).put(`/api/me/blocks/${person.id}`), 204, 'blocked by');

  // Recovery: everything, and a share both ways.
  await ok(http(person).put('/api/me/recovery/plan', { statement: texts[1] }), 200, 'plan');
  const goal = await ok(http(person).post('/api/me/recovery/goals', { title: texts[2], steps: [{ text: 'buy seeds' }] }), 201, 'goal');
  const ind = await ok(http(person).post('/api/me/recovery/indicators', { name: texts[3], scaleMin: 0, scaleMax: 10 }), 201, 'indicator');
  await ok(http(person).post(`/api/me/recovery/indicators/${ind.id}/check-ins`, { value: 7, note: texts[4] }), 201, 'check-in');
  await ok(http(person).put('/api/me/safety-plan', { warningSigns: [texts[5]], copingStrategies: ['tea'], distractions: [], peopleICanAsk: ['Jo'], services: [], saferSpace: [], whatMatters: [] }), 200, 'safety plan');
  await giveSupportRelationship(t, person, peer);
  const share = await ok(http(person).post('/api/me/recovery/shares', { peerId: peer.id, parts: { statement: true, goalIds: [goal.id], indicatorIds: [ind.id], safetyPlan: true } }), 201, 'share');
  await ok(t.http().get(`/api/recovery/shared/${share.id}`).set(bearer(peer)), 200, 'peer read');
  await ok(http(peer).post(`/api/recovery/shared/${share.id}/comments`, { part: 'statement', body: 'thank you for sharing' }), 201, 'comment');
  // The person is a peer worker for someone else too: a share made to them, read and commented.
  await giveSupportRelationship(t, sharer, person);
  await ok(http(sharer).put('/api/me/recovery/plan', { statement: 'the sharer statement' }), 200, 'sharer plan');
  const incoming = await ok(http(sharer).post('/api/me/recovery/shares', { peerId: person.id, parts: { statement: true } }), 201, 'incoming share');
  await ok(t.http().get(`/api/recovery/shared/${incoming.id}`).set(bearer(person)), 200, 'person reads');
  await ok(http(person).post(`/api/recovery/shared/${incoming.id}/comments`, { part: 'statement', body: texts[8] }), 201, 'person comments');

  return {
    person,
    friend,
    peer,
    sharer,
    groupId: group.id,
    roomId: group.roomId,
    directRoomId: direct.roomId,
    personMessageIds: [m1.id, m2.id],
    directMessageId: dm.id,
    friendReplyId: reply.id,
    texts,
  };
}

/** Every primitive value in a JSON document, as strings. */
export function allValues(doc: unknown, out = new Set<string>()): Set<string> {
  if (doc === null || doc === undefined) return out;
  if (Array.isArray(doc)) doc.forEach((d) => allValues(d, out));
  else if (typeof doc === 'object') Object.values(doc as object).forEach((d) => allValues(d, out));
  else out.add(String(doc));
  return out;
}
