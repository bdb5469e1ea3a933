import { ErrorCode } from '@hearth/common';
import { canAdminister, canModerate, canRemove, canSeeGroup, canSeeMembers, GroupActor, groupAccessError, GroupPermission, groupWriteError } from './group-access';

const actor = (over: Partial<GroupActor> = {}): GroupActor => ({ role: null, communityAdmin: false, platformAdmin: false, ...over });
const outsider = actor();
const member = actor({ role: 'member' });
const moderator = actor({ role: 'moderator' });
const owner = actor({ role: 'owner' });
const communityAdmin = actor({ communityAdmin: true });
const platformAdmin = actor({ platformAdmin: true });

describe('group access rules', () => {
  it('hides private groups from everyone but members and staff', () => {
    expect(canSeeGroup('private', outsider)).toBe(false);
    for (const a of [member, moderator, owner, communityAdmin, platformAdmin]) expect(canSeeGroup('private', a)).toBe(true);
    expect(canSeeGroup('public', outsider)).toBe(true);
  });

  it('shows member lists to members and staff only', () => {
    expect(canSeeMembers(outsider)).toBe(false);
    for (const a of [member, moderator, owner, communityAdmin, platformAdmin]) expect(canSeeMembers(a)).toBe(true);
  });

  it('lets moderators, owners and staff moderate, but only owners and staff administer', () => {
    expect([outsider, member, moderator, owner, communityAdmin, platformAdmin].map(canModerate)).toEqual([false, false, true, true, true, true]);
    expect([outsider, member, moderator, owner, communityAdmin, platformAdmin].map(canAdminister)).toEqual([false, false, false, true, true, true]);
  });

  it('lets people remove only those below them; staff anyone', () => {
    expect(canRemove(moderator, 'member')).toBe(true);
    expect(canRemove(moderator, 'moderator')).toBe(false);
    expect(canRemove(moderator, 'owner')).toBe(false);
    expect(canRemove(owner, 'moderator')).toBe(true);
    expect(canRemove(owner, 'owner')).toBe(false);
    expect(canRemove(member, 'member')).toBe(false);
    expect(canRemove(outsider, 'member')).toBe(false);
    expect(canRemove(communityAdmin, 'owner')).toBe(true);
    expect(canRemove(platformAdmin, 'owner')).toBe(true);
  });

  describe('groupAccessError: the rules in one switch', () => {
    const everyone = { outsider, member, moderator, owner, communityAdmin, platformAdmin };
    const codes = (visibility: 'public' | 'private', permission: GroupPermission) =>
      Object.fromEntries(Object.entries(everyone).map(([who, a]) => [who, groupAccessError({ visibility, actor: a }, permission)?.code ?? 'ok']));

    it('a private group is NOT_FOUND for an outsider whatever they ask', () => {
      for (const p of ['view', 'see-members', 'post', 'moderate', 'administer'] as const) {
        expect(groupAccessError({ visibility: 'private', actor: outsider }, p)?.code).toBe(ErrorCode.NOT_FOUND);
      }
    });

    it('view, see-members and post in a public group', () => {
      expect(codes('public', 'view')).toEqual({ outsider: 'ok', member: 'ok', moderator: 'ok', owner: 'ok', communityAdmin: 'ok', platformAdmin: 'ok' });
      expect(codes('public', 'see-members')).toEqual({ outsider: 'NOT_A_MEMBER', member: 'ok', moderator: 'ok', owner: 'ok', communityAdmin: 'ok', platformAdmin: 'ok' });
      expect(codes('public', 'post')).toEqual({ outsider: 'NOT_A_MEMBER', member: 'ok', moderator: 'ok', owner: 'ok', communityAdmin: 'NOT_A_MEMBER', platformAdmin: 'NOT_A_MEMBER' });
    });

    it('moderate and administer follow canModerate and canAdminister, with the refusal finishing the sentence', () => {
      expect(codes('private', 'moderate')).toEqual({ outsider: 'NOT_FOUND', member: 'FORBIDDEN', moderator: 'ok', owner: 'ok', communityAdmin: 'ok', platformAdmin: 'ok' });
      expect(codes('public', 'administer')).toEqual({ outsider: 'FORBIDDEN', member: 'FORBIDDEN', moderator: 'FORBIDDEN', owner: 'ok', communityAdmin: 'ok', platformAdmin: 'ok' });
      expect(groupAccessError({ visibility: 'public', actor: member }, 'administer', 'can archive it')?.message).toBe('Only the group’s owners and community admins can archive it');
      expect(groupAccessError({ visibility: 'public', actor: member }, 'moderate', 'see invite links')?.message).toBe(
        'Only the group’s moderators, owners and community admins see invite links',
      );
    });

    it('an archived group or community is read-only, the community first', () => {
      const at = new Date();
      expect(groupWriteError({ archivedAt: null, communityArchivedAt: null })).toBeNull();
      expect(groupWriteError({ archivedAt: at, communityArchivedAt: null })?.code).toBe(ErrorCode.GROUP_ARCHIVED);
      expect(groupWriteError({ archivedAt: at, communityArchivedAt: at })?.code).toBe(ErrorCode.COMMUNITY_ARCHIVED);
    });
  });
});
