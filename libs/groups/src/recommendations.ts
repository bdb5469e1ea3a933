import type { JoinPolicy } from './entities/group.entity';

/** What the ranking knows about a candidate group, relative to the person asking. */
export interface RecommendationCandidate {
  id: string;
  joinPolicy: Exclude<JoinPolicy, 'invite'>;
  /** Names of the person's themes that the group shares, sorted. */
  sharedThemes: string[];
  /** Languages both the person and the group list. */
  sharedLanguages: string[];
  memberCount: number;
  maxMembers: number | null;
  lastMessageAt: Date | null;
  createdAt: Date;
}

const DAY = 24 * 60 * 60 * 1000;
/** A group with no message for this long (and not new) is not suggested: nobody would answer. */
export const STALE_AFTER_DAYS = 90;

export function daysSince(d: Date, now: Date): number {
  return (now.getTime() - d.getTime()) / DAY;
}

export function isStale(c: RecommendationCandidate, now: Date): boolean {
  const last = c.lastMessageAt ?? c.createdAt;
  return daysSince(last, now) > STALE_AFTER_DAYS;
}

function activityPhrase(c: RecommendationCandidate, now: Date): string | null {
  if (c.lastMessageAt) {
    const d = daysSince(c.lastMessageAt, now);
    if (d <= 1) return 'active today';
    if (d <= 7) return 'active this week';
    if (d <= 30) return 'active this month';
    return null;
  }
  return daysSince(c.createdAt, now) <= 14 ? 'a new group' : null;
}

/** One line a person can read: why this group is suggested to them. */
export function recommendationReason(c: RecommendationCandidate, now: Date): string {
  const parts: string[] = [];
  if (c.sharedThemes.length) parts.push(`shares your themes: ${c.sharedThemes.join(', ')}`);
  if (c.sharedLanguages.length) parts.push(`talks in ${c.sharedLanguages.join(', ')}`);
  const activity = activityPhrase(c, now);
  if (activity) parts.push(activity);
  if (!c.sharedThemes.length) parts.push(c.joinPolicy === 'open' ? 'open to newcomers' : 'welcomes requests to join');
  return parts.join('; ');
}

/**
 * Shared themes dominate; then activity, language, openness and a little for groups
 * that are neither empty nor crowded (a welcoming size for a newcomer).
 */
export function recommendationScore(c: RecommendationCandidate, now: Date): number {
  let score = 10 * c.sharedThemes.length;
  score += c.sharedLanguages.length ? 2 : 0;
  const last = c.lastMessageAt ?? c.createdAt;
  const days = daysSince(last, now);
  score += days <= 7 ? 4 : days <= 30 ? 2 : 0;
  score += c.joinPolicy === 'open' ? 1.5 : 0;
  if (c.memberCount >= 3 && c.memberCount <= 50) score += 1;
  if (c.maxMembers && c.memberCount / c.maxMembers > 0.9) score -= 1;
  return score;
}

export function rankRecommendations<T extends RecommendationCandidate>(candidates: T[], now: Date, limit: number): Array<T & { reason: string }> {
  return candidates
    .filter((c) => !isStale(c, now) && (c.maxMembers === null || c.memberCount < c.maxMembers))
    .map((c) => ({ c, score: recommendationScore(c, now), last: (c.lastMessageAt ?? c.createdAt).getTime() }))
    .sort((a, b) => b.score - a.score || b.last - a.last || a.c.id.localeCompare(b.c.id))
    .slice(0, limit)
    .map(({ c }) => ({ ...c, reason: recommendationReason(c, now) }));
}
