import type { TestApp } from './test-app';
import { makeAdmin, registerAdmin, registerUser, TestUser } from './users';
import { appointCommunityAdmin, createCommunity, createGroup, createTheme, db } from './groups';

export interface WorldGroup {
  id: string;
  roomId: string;
  name: string;
}

/**
 * The one cast every suite that needs people in roles shares: around one community
 * (run by `communityAdmin`) and one group with its room, owned by `owner`, moderated
 * by `moderator`, with `member` and `secondMember` in it. `peer` is a verified peer
 * worker (platform role `peer`) who is in no group; `outsider` is in no group either;
 * `otherCommunityAdmin` runs another community, which gives no rights here.
 */
export interface World {
  platformAdmin: TestUser;
  communityAdmin: TestUser;
  otherCommunityAdmin: TestUser;
  owner: TestUser;
  moderator: TestUser;
  member: TestUser;
  secondMember: TestUser;
  peer: TestUser;
  outsider: TestUser;
  community: { id: string; slug: string; name: string };
  otherCommunity: { id: string; slug: string; name: string };
  theme: { id: string; name: string };
  group: WorldGroup;
  /** Another group in the community with the same cast in the same roles (public and open unless `extra` says otherwise). */
  addGroup(extra?: Record<string, unknown>): Promise<WorldGroup>;
}

export interface WorldOptions {
  /** Reuse this platform admin instead of registering one. */
  platformAdmin?: TestUser;
  /** Settings of the world's group (public, open by default). */
  group?: Record<string, unknown>;
}

export async function createWorld(t: TestApp, options: WorldOptions = {}): Promise<World> {
  const platformAdmin = options.platformAdmin ?? (await registerAdmin(t));
  const [community, otherCommunity] = await Promise.all([createCommunity(t, platformAdmin), createCommunity(t, platformAdmin)]);
  const [communityAdmin, otherCommunityAdmin, owner, moderator, member, secondMember, peer, outsider] = await Promise.all(
    ['cadmin', 'oadmin', 'owner', 'mod', 'member', 'second', 'peer', 'outsider'].map((p) => registerUser(t, p)),
  );
  await makeAdmin(t, peer, 'peer');
  await appointCommunityAdmin(t, platformAdmin, community.id, communityAdmin);
  await appointCommunityAdmin(t, platformAdmin, otherCommunity.id, otherCommunityAdmin);
  const theme = await createTheme(t, owner);

  /** Created by the community admin, who then steps out, so "community admin" tests staff rights, not ownership. */
  async function addGroup(extra: Record<string, unknown> = {}): Promise<WorldGroup> {
    const group = await createGroup(t, communityAdmin, community.id, [theme.id], { visibility: 'public', joinPolicy: 'open', ...extra });
    const ds = db(t);
    for (const [u, role] of [
      [owner, 'owner'],
      [moderator, 'moderator'],
      [member, 'member'],
      [secondMember, 'member'],
    ] as const) {
      await ds.query(`INSERT INTO group_members (group_id, user_id, role) VALUES ($1, $2, $3)`, [group.id, u.id, role]);
      await ds.query(`INSERT INTO room_members (room_id, user_id) VALUES ($1, $2)`, [group.roomId, u.id]);
    }
    await ds.query(`DELETE FROM group_members WHERE group_id = $1 AND user_id = $2`, [group.id, communityAdmin.id]);
    await ds.query(`DELETE FROM room_members WHERE room_id = $1 AND user_id = $2`, [group.roomId, communityAdmin.id]);
    return group;
  }

  const group = await addGroup(options.group);
  return {
    platformAdmin,
    communityAdmin,
    otherCommunityAdmin,
    owner,
    moderator,
    member,
    secondMember,
    peer,
    outsider,
    community,
    otherCommunity,
    theme,
    group,
    addGroup,
  };
}
