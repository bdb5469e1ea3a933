import { DataSource } from 'typeorm';
import type { TestApp } from './test-app';
import { makeAdmin, registerUser, TestUser } from './users';

/** A verified peer worker (role `peer`, set directly: verification is the peers lib's flow). */
export async function registerPeer(t: TestApp, prefix = 'peer'): Promise<TestUser> {
  return makeAdmin(t, await registerUser(t, prefix), 'peer');
}

/**
 * Gives `owner` and `peer` a 1:1 support relationship. ONE place to change when
 * `hasSupportRelationship` is wired to the peers lib's support sessions: today a
 * chat room of kind `support` with both as members.
 */
export async function giveSupportRelationship(t: TestApp, owner: TestUser, peer: TestUser): Promise<void> {
  const ds = t.app.get(DataSource);
  const [{ id }] = await ds.query(`INSERT INTO rooms (kind) VALUES ('support') RETURNING id`);
  await ds.query(`INSERT INTO room_members (room_id, user_id) VALUES ($1, $2), ($1, $3)`, [id, owner.id, peer.id]);
}
