import { canAdminister, canModerate, canRemove, canSeeGroup, canSeeMembers, GroupActor } from './group-access';

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
});
