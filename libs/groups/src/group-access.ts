import type { AppError } from '@hearth/common';
import type { GroupRole } from './entities/group-member.entity';
import type { GroupVisibility, JoinPolicy } from './entities/group.entity';
import { groupErrors } from './groups.errors';

/** Who is acting on a group, as far as the rules care. */
export interface GroupActor {
  role: GroupRole | null;
  /** Admin of the community the group belongs to (not of any other). */
  communityAdmin: boolean;
  platformAdmin: boolean;
}

/** What every access decision about one group needs (see `GroupAccess`). */
export interface GroupContext {
  id: string;
  roomId: string;
  communityId: string;
  name: string;
  visibility: GroupVisibility;
  joinPolicy: JoinPolicy;
  maxMembers: number | null;
  archivedAt: Date | null;
  communityArchivedAt: Date | null;
  actor: GroupActor;
}

/**
 * What a caller wants to do with a group:
 * - `view`: see it (private groups: members and staff only);
 * - `see-members`: see who is in it (members and staff);
 * - `post`: take part as a member (its room, its life);
 * - `moderate`: join requests, invites, removing members;
 * - `administer`: settings, roles, archiving.
 */
export type GroupPermission = 'view' | 'see-members' | 'post' | 'moderate' | 'administer';

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

/** Archived groups (or groups of an archived community) are read-only. */
export function groupWriteError(g: Pick<GroupContext, 'archivedAt' | 'communityArchivedAt'>): AppError | null {
  if (g.communityArchivedAt) return groupErrors.communityArchived();
  if (g.archivedAt) return groupErrors.groupArchived();
  return null;
}

/**
 * The group access rules in one place: null when allowed, else the error to throw.
 * A group the caller may not see does not exist, as far as they can tell, whatever they asked.
 * `doing` finishes the refusal ("can archive it") for moderate and administer.
 */
export function groupAccessError(g: Pick<GroupContext, 'visibility' | 'actor'>, permission: GroupPermission, doing = 'can do that'): AppError | null {
  const a = g.actor;
  if (!canSeeGroup(g.visibility, a)) return groupErrors.groupNotFound();
  switch (permission) {
    case 'view':
      return null;
    case 'see-members':
      return canSeeMembers(a) ? null : groupErrors.membersOnly();
    case 'post':
      return a.role !== null ? null : groupErrors.notAMember();
    case 'moderate':
      return canModerate(a) ? null : groupErrors.onlyModerators(doing);
    case 'administer':
      return canAdminister(a) ? null : groupErrors.onlyAdministrators(doing);
    default:
      return assertUnreachable(permission);
  }
}

function assertUnreachable(x: never): never {
  throw new Error(`Unhandled group permission: ${String(x)}`);
}
