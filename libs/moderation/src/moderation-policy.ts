import type { ModeratorStanding } from './moderation-scope';

export const ACTIONS = ['dismiss', 'nudge', 'warn', 'hide', 'mute', 'remove', 'ban', 'suspend'] as const;
export type ActionKind = (typeof ACTIONS)[number];

/** Actions that restrict or mark the person: they are shown in their restrictions and can be appealed once. */
export const APPEALABLE: ReadonlySet<ActionKind> = new Set(['warn', 'hide', 'mute', 'remove', 'ban', 'suspend']);

export const MIN_DURATION_MINUTES = 1;
export const MAX_DURATION_MINUTES = 30 * 24 * 60;

const RANK = { member: 1, moderator: 2, owner: 3 } as const;

/** The person acted on, as far as the rules care. */
export interface TargetStanding {
  self: boolean;
  groupRole: 'owner' | 'moderator' | 'member' | null;
  communityAdmin: boolean;
  platformAdmin: boolean;
}

/**
 * Why the caller may not take this action, or null when they may (pure, unit-tested).
 * `roomModerator`: the caller moderates the room in question.
 */
export function refusal(
  action: ActionKind,
  scope: { groupId: string | null; communityWide: boolean; account: boolean },
  actor: ModeratorStanding & { roomModerator: boolean },
  target: TargetStanding | null,
): string | null {
  if (scope.account) {
    if (!actor.platformAdmin) return 'Only platform admins suspend accounts';
  } else if (scope.communityWide) {
    if (!actor.communityAdmin && !actor.platformAdmin) return 'Only the community’s admins suspend someone from the community';
  } else if (!actor.roomModerator) {
    return 'You do not moderate this room';
  }
  if ((action === 'remove' || action === 'ban') && !scope.groupId) return `${action} applies to group rooms only`;
  if (!target) return null;
  if (target.self) return 'You cannot moderate yourself';
  if (target.platformAdmin && !actor.platformAdmin) return 'Platform admins are answerable to other platform admins';
  if (target.communityAdmin && !actor.platformAdmin) return 'Community admins are answerable to platform admins';
  // Group moderators and owners act only on people below them; admins on anyone in scope.
  if (!actor.communityAdmin && !actor.platformAdmin && target.groupRole && actor.groupRole && RANK[target.groupRole] >= RANK[actor.groupRole]) {
    return `A ${actor.groupRole} cannot act on a ${target.groupRole}`;
  }
  return null;
}
