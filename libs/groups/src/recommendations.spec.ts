import { rankRecommendations, RecommendationCandidate, recommendationReason } from './recommendations';

const now = new Date('2026-03-01T12:00:00Z');
const daysAgo = (n: number) => new Date(now.getTime() - n * 24 * 3600 * 1000);
const candidate = (over: Partial<RecommendationCandidate> = {}): RecommendationCandidate => ({
  id: over.id ?? 'g',
  joinPolicy: 'open',
  sharedThemes: [],
  sharedLanguages: [],
  memberCount: 5,
  maxMembers: null,
  lastMessageAt: daysAgo(2),
  createdAt: daysAgo(100),
  ...over,
});

describe('recommendationReason', () => {
  it('names the shared themes first', () => {
    expect(recommendationReason(candidate({ sharedThemes: ['grief', 'sleep'] }), now)).toBe('shares your themes: grief, sleep; active this week');
  });

  it('mentions a shared language and recent activity', () => {
    expect(recommendationReason(candidate({ sharedThemes: ['grief'], sharedLanguages: ['pt'], lastMessageAt: daysAgo(0.5) }), now)).toBe(
      'shares your themes: grief; talks in pt; active today',
    );
  });

  it('tells a newcomer without themes that the group is active and open', () => {
    expect(recommendationReason(candidate(), now)).toBe('active this week; open to newcomers');
    expect(recommendationReason(candidate({ joinPolicy: 'approval', lastMessageAt: daysAgo(20) }), now)).toBe('active this month; welcomes requests to join');
  });

  it('calls a group without messages yet but created recently new', () => {
    expect(recommendationReason(candidate({ lastMessageAt: null, createdAt: daysAgo(3) }), now)).toBe('a new group; open to newcomers');
  });
});

describe('rankRecommendations', () => {
  it('puts groups sharing more themes first, then the more active', () => {
    const ranked = rankRecommendations(
      [
        candidate({ id: 'none-active', lastMessageAt: daysAgo(0.1) }),
        candidate({ id: 'one', sharedThemes: ['grief'], lastMessageAt: daysAgo(20) }),
        candidate({ id: 'two', sharedThemes: ['grief', 'sleep'], lastMessageAt: daysAgo(25) }),
        candidate({ id: 'one-active', sharedThemes: ['sleep'], lastMessageAt: daysAgo(1) }),
      ],
      now,
      10,
    );
    expect(ranked.map((r) => r.id)).toEqual(['two', 'one-active', 'one', 'none-active']);
    expect(ranked[0].reason).toMatch(/^shares your themes: grief, sleep/);
  });

  it('leaves out full and long-silent groups', () => {
    const ranked = rankRecommendations(
      [
        candidate({ id: 'full', memberCount: 10, maxMembers: 10 }),
        candidate({ id: 'silent', lastMessageAt: daysAgo(200) }),
        candidate({ id: 'never-talked-old', lastMessageAt: null, createdAt: daysAgo(120) }),
        candidate({ id: 'ok' }),
      ],
      now,
      10,
    );
    expect(ranked.map((r) => r.id)).toEqual(['ok']);
  });

  it('prefers open groups for newcomers and honours the limit', () => {
    const ranked = rankRecommendations(
      [candidate({ id: 'approval', joinPolicy: 'approval' }), candidate({ id: 'open' }), candidate({ id: 'open2', lastMessageAt: daysAgo(40) })],
      now,
      2,
    );
    expect(ranked.map((r) => r.id)).toEqual(['open', 'approval']);
  });
});
