import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { SuggestionView } from '../dto/peers.view';
import { TODAY_SQL } from '../peer-role.service';
import { AvailabilityWindow, localMinuteOfWeek, minutesUntilAvailable } from './availability';
import { MatchCriteria, PeerCandidate, primaryLanguage, rankPeers, WEIGHTS } from './scoring';
import { median, MIN_SAMPLES, waitEstimateMinutes } from './wait-estimate';

/** How many candidates the SQL pre-ranking hands to the exact scoring in process. */
export const CANDIDATE_LIMIT = 300;
const SAMPLE_DAYS = 30;

export interface RankInput extends MatchCriteria {
  requesterId: string;
  excludedPeerIds: readonly string[];
}

interface CandidateRow {
  user_id: string;
  username: string;
  display_name: string;
  bio: string;
  languages: string[];
  theme_ids: string[];
  availability: AvailabilityWindow[];
  time_zone: string;
  active_sessions: number;
  max_sessions: number;
  pronouns: string | null;
  age_band: string | null;
}

/**
 * Ranked suggestions for a request. SQL narrows with the partial GIN indexes
 * (peers accepting requests, speaking the language or sharing a theme, or the
 * peer asked for) and drops everyone who cannot take it now (unverified or
 * expired, paused, at their caseload cap, blocked either way); it pre-ranks by
 * the index-friendly part of the score and hands the best CANDIDATE_LIMIT to
 * `rankPeers`, which scores them exactly in process (availability needs each
 * peer's local time).
 */
@Injectable()
export class MatchingService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async candidates(input: RankInput, em: EntityManager = this.dataSource.manager): Promise<PeerCandidate[]> {
    const specific = [input.preferredPeerId, input.lastPeerId].filter((x): x is string => !!x);
    const rows: CandidateRow[] = await em.query(
      `SELECT p.user_id, u.username, u.display_name, p.bio, p.languages, p.theme_ids, p.availability, p.time_zone,
              p.active_sessions, p.max_sessions, p.pronouns, p.age_band
         FROM peer_profiles p JOIN users u ON u.id = p.user_id
        WHERE p.accepting_requests
          AND (p.language_keys && ARRAY[$1::text] OR p.theme_ids && $2::uuid[] OR p.user_id = ANY($3::uuid[]))
          AND p.verified_until >= ${TODAY_SQL}
          AND (p.paused_until IS NULL OR p.paused_until <= now())
          AND p.active_sessions < p.max_sessions
          AND u.status = 'active'
          AND p.user_id <> $4 AND NOT (p.user_id = ANY($5::uuid[]))
          -- Read-only read of the users lib's blocks: nobody is matched with someone who blocked them or whom they blocked.
          AND NOT EXISTS (SELECT 1 FROM user_blocks b
                           WHERE (b.blocker_id = $4 AND b.blocked_id = p.user_id) OR (b.blocker_id = p.user_id AND b.blocked_id = $4))
        ORDER BY (p.user_id = ANY($3::uuid[])) DESC,
                 (CASE WHEN p.language_keys && ARRAY[$1::text] THEN ${WEIGHTS.language} ELSE 0 END)
                 + ${WEIGHTS.perSharedTheme} * LEAST(${WEIGHTS.maxSharedThemes}, cardinality(ARRAY(SELECT unnest(p.theme_ids) INTERSECT SELECT unnest($2::uuid[]))))
                 + ${WEIGHTS.freeCapacity} * (1 - p.active_sessions::float / p.max_sessions) DESC,
                 p.active_sessions, p.user_id
        LIMIT ${CANDIDATE_LIMIT}`,
      [primaryLanguage(input.language), input.themeIds, specific, input.requesterId, input.excludedPeerIds],
    );
    const now = new Date();
    const minuteByZone = new Map<string, number>();
    return rows.map((r) => {
      let minute = minuteByZone.get(r.time_zone);
      if (minute === undefined) {
        minute = localMinuteOfWeek(r.time_zone, now);
        minuteByZone.set(r.time_zone, minute);
      }
      return {
        userId: r.user_id,
        username: r.username,
        displayName: r.display_name,
        bio: r.bio,
        languages: r.languages,
        themeIds: r.theme_ids,
        availability: r.availability,
        localMinuteOfWeek: minute,
        activeSessions: r.active_sessions,
        maxSessions: r.max_sessions,
        pronouns: r.pronouns,
        ageBand: r.age_band,
      };
    });
  }

  /** The best `limit` suggestions with reasons and honest wait estimates, plus the estimate for "first available". */
  async suggest(
    input: RankInput,
    limit: number,
    themeNames: ReadonlyMap<string, string>,
    em: EntityManager = this.dataSource.manager,
  ): Promise<{ suggestions: SuggestionView[]; firstAvailableWaitMinutes: number | null }> {
    const candidates = await this.candidates(input, em);
    const ranked = rankPeers(candidates, input, limit, themeNames);
    const samples = await this.acceptanceSamples(em, ranked.map((r) => r.peer.userId), candidates.map((c) => c.userId));
    const suggestions = ranked.map((s) => ({
      peer: {
        id: s.peer.userId,
        username: s.peer.username,
        displayName: s.peer.displayName,
        bio: s.peer.bio ?? '',
        languages: [...s.peer.languages],
        pronouns: s.peer.pronouns,
      },
      score: s.score,
      reasons: s.reasons,
      availableNow: s.availableNow,
      waitEstimateMinutes: waitEstimateMinutes({
        peerSamples: samples.byPeer.get(s.peer.userId) ?? [],
        poolSamples: samples.pool,
        minutesUntilAvailable: minutesUntilAvailable(s.peer.availability, s.peer.localMinuteOfWeek),
      }),
    }));
    const soonest = candidates.reduce<number | null>((best, c) => {
      const m = minutesUntilAvailable(c.availability, c.localMinuteOfWeek);
      return m === null ? best : best === null ? m : Math.min(best, m);
    }, null);
    const firstAvailableWaitMinutes =
      candidates.length && samples.pool.length >= MIN_SAMPLES ? Math.max(1, Math.round((median(samples.pool) ?? 0) + (soonest ?? 0))) : null;
    return { suggestions, firstAvailableWaitMinutes };
  }

  /** Minutes to acceptance of recent requests: per suggested peer (their last 20) and across the candidates (last 100). */
  private async acceptanceSamples(em: EntityManager, suggested: string[], pool: string[]): Promise<{ byPeer: Map<string, number[]>; pool: number[] }> {
    const byPeer = new Map<string, number[]>();
    if (!pool.length) return { byPeer, pool: [] };
    const rows: Array<{ accepted_by: string; minutes: number; suggested: boolean }> = await em.query(
      `SELECT s.accepted_by, s.minutes, s.accepted_by = ANY($1::uuid[]) AS suggested FROM (
         SELECT r.accepted_by, EXTRACT(EPOCH FROM r.accepted_at - r.created_at) / 60.0 AS minutes,
                row_number() OVER (PARTITION BY r.accepted_by ORDER BY r.accepted_at DESC) AS n, r.accepted_at
           FROM support_requests r
          WHERE r.status = 'accepted' AND r.accepted_by = ANY($2::uuid[]) AND r.accepted_at > now() - interval '${SAMPLE_DAYS} days'
       ) s WHERE s.n <= 20 ORDER BY s.accepted_at DESC`,
      [suggested, pool],
    );
    const all: number[] = [];
    for (const r of rows) {
      const m = Number(r.minutes);
      if (all.length < 100) all.push(m);
      if (r.suggested) byPeer.set(r.accepted_by, [...(byPeer.get(r.accepted_by) ?? []), m]);
    }
    return { byPeer, pool: all };
  }
}
