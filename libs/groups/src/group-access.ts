import type { GroupRole } from './entities/group-member.entity';
import type { GroupVisibility } from './entities/group.entity';

/** Who is acting on a group, as far as the rules care. */
export interface GroupActor {
  role: GroupRole | null;
  /** Admin of the community the group belongs to (not of any other). */
  communityAdmin: boolean;
  platformAdmin: boolean;
}

const RANK: Record<GroupRole, number> = { member: 1, moderator: 2, owner: 3 };

/** Community admins of the group's community and platform admins. */
export const isStaff = (a: GroupActor) => a.communityAdmin || a.platformAdmin;

/** Private groups exist only for their members and staff; everyone else gets 404. */
export const canSeeGroup = (visibility: GroupVisibility, a: GroupActor) => visibility === 'public' || a.role !== null || isStaff(a);

/** Member lists are for members and staff only: being in a group about voices or grief is nobody else's business. */
export const canSeeMembers = (a: GroupActor) => a.role !== null || isStaff(a);

/** Handle join requests and invites, remove members. */
export const canModerate = (a: GroupActor) => isStaff(a) || a.role === 'owner' || a.role === 'moderator';

/** Change settings and roles, archive. */
export const canAdminister = (a: GroupActor) => isStaff(a) || a.role === 'owner';

/** Staff may remove anyone; owners and moderators only people below them. */
export function canRemove(a: GroupActor, target: GroupRole): boolean {
  if (isStaff(a)) return true;
  if (!a.role || a.role === 'member') return false;
  return RANK[target] < RANK[a.role];
}
