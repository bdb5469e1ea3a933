import { compareScored, PeerCandidate, rankPeers, scorePeer, WEIGHTS } from './scoring';
import { isWithin, localMinuteOfWeek, minutesUntilAvailable, toMinuteRanges } from './availability';
import { median, waitEstimateMinutes } from './wait-estimate';

const MON_19H = 1 * 1440 + 19 * 60;
const base = (over: Partial<PeerCandidate>): PeerCandidate => ({
  userId: over.userId ?? 'id-' + (over.username ?? 'x'),
  username: 'x',
  displayName: 'X',
  languages: ['en'],
  themeIds: [],
  availability: [],
  localMinuteOfWeek: MON_19H,
  activeSessions: 0,
  maxSessions: 3,
  pronouns: null,
  ageBand: null,
  ...over,
});
const evening = [{ day: 1, from: '18:00', to: '22:00' }];

describe('scorePeer / rankPeers (the matching order)', () => {
  const criteria = { themeIds: ['work', 'voices', 'sleep'], language: 'es' };

  it('ranks shared themes, then language, then availability now, then free capacity', () => {
    const themes2 = base({ username: 'themes2', languages: ['en'], themeIds: ['work', 'voices'] }); // 40 + 15
    const spanish = base({ username: 'spanish', languages: ['es'] }); // 30 + 15
    const availableOnly = base({ username: 'avail', availability: evening }); // 25 + 15
    const busy = base({ username: 'busy', activeSessions: 2 }); // 5
    const ranked = rankPeers([busy, availableOnly, spanish, themes2], criteria, 10).map((s) => s.peer.username);
    expect(ranked).toEqual(['themes2', 'spanish', 'avail', 'busy']);
  });

  it('counts at most three shared themes', () => {
    const s = scorePeer(base({ themeIds: ['a', 'b', 'c', 'd', 'e'], languages: [] }), { themeIds: ['a', 'b', 'c', 'd', 'e'], language: 'fr' });
    expect(s.score).toBe(WEIGHTS.perSharedTheme * 3 + WEIGHTS.freeCapacity);
  });

  it('a requested peer outranks everyone; continuity outranks a better topical match', () => {
    const great = base({ username: 'great', languages: ['es'], themeIds: ['work'], availability: evening });
    const last = base({ username: 'last', languages: ['es'] });
    const asked = base({ username: 'asked', languages: [] });
    const ranked = rankPeers([great, last, asked], { ...criteria, preferredPeerId: asked.userId, lastPeerId: last.userId }, 3);
    expect(ranked.map((s) => s.peer.username)).toEqual(['asked', 'last', 'great']);
    expect(ranked[1].reasons).toContain('you talked before');
  });

  it('pronouns and age-band preferences add to the score', () => {
    const a = base({ username: 'a', pronouns: 'she/her', ageBand: '25-34' });
    const b = base({ username: 'b', pronouns: 'he/him', ageBand: '45-54' });
    const ranked = rankPeers([b, a], { ...criteria, prefPronouns: 'She/Her', prefAgeBands: ['25-34'] }, 2);
    expect(ranked[0].peer.username).toBe('a');
    expect(ranked[0].score - ranked[1].score).toBe(WEIGHTS.pronouns + WEIGHTS.ageBand);
  });

  it('says why, in words', () => {
    const s = scorePeer(base({ languages: ['es-MX'], themeIds: ['work', 'voices'], availability: evening }), criteria, new Map([['work', 'work'], ['voices', 'voices']]));
    expect(s.reasons).toEqual(['speaks Spanish', 'shares: work, voices', 'available now', 'has time for you']);
  });

  it('breaks ties by load, then id, deterministically', () => {
    const x = scorePeer(base({ username: 'x', userId: 'b', maxSessions: 4, activeSessions: 2 }), criteria);
    const y = scorePeer(base({ username: 'y', userId: 'a', maxSessions: 2, activeSessions: 1 }), criteria);
    const z = scorePeer(base({ username: 'z', userId: 'c', maxSessions: 6, activeSessions: 3 }), criteria);
    expect(x.score).toBe(y.score);
    expect(z.score).toBe(y.score);
    expect([z, x, y].sort(compareScored).map((s) => s.peer.userId)).toEqual(['a', 'b', 'c']);
  });
});

describe('availability', () => {
  it('is inside a window by local minute of week, end exclusive', () => {
    expect(isWithin(evening, MON_19H)).toBe(true);
    expect(isWithin(evening, 1 * 1440 + 22 * 60)).toBe(false);
    expect(minutesUntilAvailable(evening, 1 * 1440 + 17 * 60)).toBe(60);
    expect(minutesUntilAvailable(evening, 1 * 1440 + 23 * 60)).toBe(7 * 1440 - 5 * 60);
    expect(minutesUntilAvailable([], 0)).toBeNull();
  });

  it('is stored as local minutes of the week for the SQL pre-ranking', () => {
    expect(toMinuteRanges([{ day: 1, from: '18:00', to: '22:00' }, { day: 6, from: '00:00', to: '24:00' }])).toBe('{[2520,2760),[8640,10080)}');
    expect(toMinuteRanges([])).toBe('{}');
  });

  it('reads the local time in the peer’s time zone', () => {
    const at = new Date('2026-11-30T18:30:00Z'); // a Monday
    expect(localMinuteOfWeek('UTC', at)).toBe(1 * 1440 + 18 * 60 + 30);
    expect(localMinuteOfWeek('Asia/Tokyo', at)).toBe(2 * 1440 + 3 * 60 + 30);
    expect(localMinuteOfWeek('America/New_York', at)).toBe(1 * 1440 + 13 * 60 + 30);
  });
});

describe('wait estimates', () => {
  it('uses the peer’s own median with enough samples, else the pool, else none', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(waitEstimateMinutes({ peerSamples: [2, 4, 6], poolSamples: [30, 30, 30], minutesUntilAvailable: 0 })).toBe(4);
    expect(waitEstimateMinutes({ peerSamples: [2], poolSamples: [10, 20, 30], minutesUntilAvailable: 0 })).toBe(20);
    expect(waitEstimateMinutes({ peerSamples: [], poolSamples: [1], minutesUntilAvailable: 0 })).toBeNull();
    expect(waitEstimateMinutes({ peerSamples: [10, 10, 10], poolSamples: [], minutesUntilAvailable: 60 })).toBe(70);
  });
});
