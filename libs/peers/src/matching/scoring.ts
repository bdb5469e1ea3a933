/**
 * The matching function: how a support request ranks the peers who could take it.
 * Pure (no clock, no I/O), so its order is unit-tested (scoring.spec.ts) and the
 * same code runs in the service and the benchmark. Documented in docs/peers.md.
 *
 * score = 20 × shared themes (at most 3 count)     "shares: work, voices"
 *       + 30 if the peer speaks the request's language   "speaks Spanish"
 *       + 25 if the peer is available now (weekly availability, their time zone)
 *       + 15 × free share of their caseload (1 − active / max)
 *       + 60 if the member asked for the same peer as last time and this is them
 *       + 100 if the member asked for this very peer
 *       + 10 if the member's pronouns preference matches, + 10 for the age band
 * Ties: fewer active sessions first, then id (a stable order).
 *
 * MatchingService pre-ranks in SQL with the same WEIGHTS (so only a handful of rows
 * leave the database), then this function scores them exactly and says why.
 */
import { AvailabilityWindow, isWithin } from './availability';

export const WEIGHTS = {
  perSharedTheme: 20,
  maxSharedThemes: 3,
  language: 30,
  availableNow: 25,
  freeCapacity: 15,
  continuity: 60,
  preferred: 100,
  pronouns: 10,
  ageBand: 10,
} as const;

export interface PeerCandidate {
  userId: string;
  username: string;
  displayName: string;
  languages: readonly string[];
  themeIds: readonly string[];
  availability: readonly AvailabilityWindow[];
  /** The peer's local minute of the week now (see `localMinuteOfWeek`). */
  localMinuteOfWeek: number;
  activeSessions: number;
  maxSessions: number;
  pronouns: string | null;
  ageBand: string | null;
  /** Shown with the suggestion; not scored. */
  bio?: string;
}

export interface MatchCriteria {
  themeIds: readonly string[];
  language: string;
  preferredPeerId?: string | null;
  /** The peer of the member's last session, when they asked for the same peer as last time. */
  lastPeerId?: string | null;
  prefPronouns?: string | null;
  prefAgeBands?: readonly string[];
}

export interface ScoredPeer {
  peer: PeerCandidate;
  score: number;
  reasons: string[];
  availableNow: boolean;
}

/** Language tags are compared by their primary subtag, case-insensitively ("pt-BR" speaks "pt"). */
export const primaryLanguage = (tag: string) => tag.toLowerCase().split('-')[0];

const displayNames = (() => {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' });
  } catch {
    return undefined;
  }
})();

export function languageName(tag: string): string {
  try {
    return displayNames?.of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** Scores one candidate; `themeNames` turns theme ids into words for the reasons. */
export function scorePeer(peer: PeerCandidate, c: MatchCriteria, themeNames: ReadonlyMap<string, string> = new Map()): ScoredPeer {
  const reasons: string[] = [];
  let score = 0;

  if (c.preferredPeerId && c.preferredPeerId === peer.userId) {
    score += WEIGHTS.preferred;
    reasons.push('the peer you asked for');
  }
  if (c.lastPeerId && c.lastPeerId === peer.userId) {
    score += WEIGHTS.continuity;
    reasons.push('you talked before');
  }

  const wanted = primaryLanguage(c.language);
  if (peer.languages.some((l) => primaryLanguage(l) === wanted)) {
    score += WEIGHTS.language;
    reasons.push(`speaks ${languageName(c.language)}`);
  }

  const requested = new Set(c.themeIds);
  const shared = peer.themeIds.filter((t) => requested.has(t));
  if (shared.length) {
    score += WEIGHTS.perSharedTheme * Math.min(shared.length, WEIGHTS.maxSharedThemes);
    reasons.push(`shares: ${shared.map((t) => themeNames.get(t) ?? 'a theme you chose').join(', ')}`);
  }

  const availableNow = isWithin(peer.availability, peer.localMinuteOfWeek);
  if (availableNow) {
    score += WEIGHTS.availableNow;
    reasons.push('available now');
  }

  const free = peer.maxSessions > 0 ? Math.max(0, 1 - peer.activeSessions / peer.maxSessions) : 0;
  score += WEIGHTS.freeCapacity * free;
  if (peer.activeSessions === 0) reasons.push('has time for you');

  if (c.prefPronouns && peer.pronouns && c.prefPronouns.trim().toLowerCase() === peer.pronouns.trim().toLowerCase()) {
    score += WEIGHTS.pronouns;
    reasons.push(`pronouns: ${peer.pronouns}`);
  }
  if (c.prefAgeBands?.length && peer.ageBand && c.prefAgeBands.includes(peer.ageBand)) {
    score += WEIGHTS.ageBand;
    reasons.push(`age band ${peer.ageBand}`);
  }

  return { peer, score: Math.round(score * 100) / 100, reasons, availableNow };
}

export function compareScored(a: ScoredPeer, b: ScoredPeer): number {
  return (
    b.score - a.score ||
    a.peer.activeSessions - b.peer.activeSessions ||
    (a.peer.userId < b.peer.userId ? -1 : a.peer.userId > b.peer.userId ? 1 : 0)
  );
}

/** The best `limit` candidates, best first. */
export function rankPeers(candidates: readonly PeerCandidate[], c: MatchCriteria, limit: number, themeNames?: ReadonlyMap<string, string>): ScoredPeer[] {
  return candidates.map((p) => scorePeer(p, c, themeNames)).sort(compareScored).slice(0, limit);
}
