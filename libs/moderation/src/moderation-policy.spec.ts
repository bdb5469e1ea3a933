import { refusal, TargetStanding } from './moderation-policy';

const actor = (over: Partial<{ groupRole: 'owner' | 'moderator' | 'member' | null; communityAdmin: boolean; platformAdmin: boolean; roomModerator: boolean }> = {}) => ({
  groupRole: null,
  communityAdmin: false,
  platformAdmin: false,
  roomModerator: false,
  ...over,
});
const target = (over: Partial<TargetStanding> = {}): TargetStanding => ({ self: false, groupRole: 'member', communityAdmin: false, platformAdmin: false, ...over });
const group = { groupId: 'g', communityWide: false, account: false };

describe('moderation policy', () => {
  it('a group moderator may mute a member of their room but not outside it', () => {
    expect(refusal('mute', group, actor({ groupRole: 'moderator', roomModerator: true }), target())).toBeNull();
    expect(refusal('mute', group, actor({ groupRole: 'member' }), target())).toMatch(/do not moderate/);
  });

  it('nobody moderates themselves, and only platform admins act on community admins', () => {
    expect(refusal('warn', group, actor({ communityAdmin: true, roomModerator: true }), target({ self: true }))).toMatch(/yourself/);
    expect(refusal('warn', group, actor({ communityAdmin: true, roomModerator: true }), target({ communityAdmin: true }))).toMatch(/Community admins/);
    expect(refusal('warn', group, actor({ platformAdmin: true, roomModerator: true }), target({ communityAdmin: true }))).toBeNull();
  });

  it('a moderator cannot act on another moderator or an owner; an admin can', () => {
    const mod = actor({ groupRole: 'moderator', roomModerator: true });
    expect(refusal('ban', group, mod, target({ groupRole: 'moderator' }))).toMatch(/cannot act/);
    expect(refusal('ban', group, mod, target({ groupRole: 'owner' }))).toMatch(/cannot act/);
    expect(refusal('ban', group, actor({ communityAdmin: true, roomModerator: true }), target({ groupRole: 'owner' }))).toBeNull();
  });

  it('community suspension needs a community admin; account suspension a platform admin', () => {
    const community = { groupId: null, communityWide: true, account: false };
    const account = { groupId: null, communityWide: false, account: true };
    expect(refusal('suspend', community, actor({ groupRole: 'owner', roomModerator: true }), target())).toMatch(/community’s admins/);
    expect(refusal('suspend', community, actor({ communityAdmin: true }), target())).toBeNull();
    expect(refusal('suspend', account, actor({ communityAdmin: true }), target())).toMatch(/platform admins/);
    expect(refusal('suspend', account, actor({ platformAdmin: true }), target())).toBeNull();
  });

  it('remove and ban apply to group rooms only', () => {
    expect(refusal('remove', { groupId: null, communityWide: false, account: false }, actor({ platformAdmin: true, roomModerator: true }), target())).toMatch(/group rooms/);
  });
});
