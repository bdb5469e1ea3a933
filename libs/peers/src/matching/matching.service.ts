import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { SuggestionView } from '../dto/peers.view';
import { TODAY_SQL } from '../peer-role.service';
import { AvailabilityWindow, localMinuteOfWeek, minutesUntilAvailable } from './availability';
import { MatchCriteria, PeerCandidate, primaryLanguage, rankPeers, WEIGHTS } from './scoring';
import { median, MIN_SAMPLES, waitEstimateMinutes } from './wait-estimate';

/** How many rows leave the database: the SQL order already follows the score, this is slack for ties. */
const fetchLimit = (limit: number) => Math.max(limit * 4, 20);
const SAMPLE_DAYS = 30;
const ZONES_TTL_MS = 60_000;

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
  samples: number[];
}

/** A candidate with the minutes its recent acceptances took. */
export type RankedCandidate = PeerCandidate & { acceptanceMinutes: number[] };

/**
 * Ranked suggestions for a request. SQL narrows with the partial GIN indexes
 * (peers accepting requests who speak the language, share a theme, or were
 * asked for) and drops everyone who cannot take it now (unverified or expired,
 * paused, at their caseload cap, blocked either way, declined or re-matched
 * away). It orders the survivors by the same WEIGHTS as `scorePeer` ("available
 * now" is one range test: each time zone's local minute of the week is computed
 * here and joined in), so only a few rows leave the database; `rankPeers` then
 * scores those exactly in process and says why.
 */
@Injectable()
export class MatchingService {
  private zones: { at: number; list: string[] } = { at: 0, list: [] };

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The distinct time zones of peer profiles (cached for a minute). */
  private async knownZones(em: EntityManager): Promise<string[]> {
    if (Date.now() - this.zones.at > ZONES_TTL_MS) {
      const rows: Array<{ time_zone: string }> = await em.query(`SELECT DISTINCT time_zone FROM peer_profiles`);
      this.zones = { at: Date.now(), list: rows.map((r) => r.time_zone) };
    }
    return this.zones.list;
  }

  async candidates(input: RankInput, limit: number, em: EntityManager = this.dataSource.manager): Promise<RankedCandidate[]> {
    const now = new Date();
    const minuteByZone = new Map<string, number>();
    const minuteOf = (tz: string) => {
      let m = minuteByZone.get(tz);
      if (m === undefined) {
        m = localMinuteOfWeek(tz, now);
        minuteByZone.set(tz, m);
      }
      return m;
    };
    const zones = await this.knownZones(em);
    const specific = [input.preferredPeerId, input.lastPeerId].filter((x): x is string => !!x);
    const themes = [...new Set(input.themeIds)];
    const params: unknown[] = [
      primaryLanguage(input.language),
      themes,
      specific,
      input.requesterId,
      input.excludedPeerIds,
      zones,
      zones.map(minuteOf),
      input.preferredPeerId ?? null,
      input.lastPeerId ?? null,
      input.prefPronouns?.trim().toLowerCase() || null,
      input.prefAgeBands ?? [],
      fetchLimit(limit),
    ];
    const themeTerms = themes.map((id) => {
      params.push(id);
      return `(p.theme_ids && ARRAY[$${params.length}::uuid])::int`;
    });
    const W = WEIGHTS;
    const rows: CandidateRow[] = await em.query(
      `WITH blocked AS (
         -- Read-only read of the users lib's blocks: nobody is matched with someone who blocked them or whom they blocked.
         SELECT blocked_id AS id FROM user_blocks WHERE blocker_id = $4
         UNION SELECT blocker_id FROM user_blocks WHERE blocked_id = $4
       ), ranked AS (
         -- Narrow and score only the columns the score needs; wide columns are read for the winners alone.
         SELECT p.user_id, p.active_sessions,
                (CASE WHEN p.user_id = $8 THEN ${W.preferred} ELSE 0 END)
              + (CASE WHEN p.user_id = $9 THEN ${W.continuity} ELSE 0 END)
              + (CASE WHEN p.language_keys && ARRAY[$1::text] THEN ${W.language} ELSE 0 END)
              + ${W.perSharedTheme} * LEAST(${W.maxSharedThemes}, ${themeTerms.length ? themeTerms.join(' + ') : '0'})
              + (CASE WHEN p.availability_minutes @> z.minute THEN ${W.availableNow} ELSE 0 END)
              + ${W.freeCapacity} * GREATEST(0, 1 - p.active_sessions::float8 / p.max_sessions)
              + (CASE WHEN lower(btrim(p.pronouns)) = $10 THEN ${W.pronouns} ELSE 0 END)
              + (CASE WHEN p.age_band = ANY($11::text[]) THEN ${W.ageBand} ELSE 0 END) AS score
           FROM peer_profiles p
           LEFT JOIN unnest($6::text[], $7::int[]) AS z(zone, minute) ON z.zone = p.time_zone
          WHERE p.accepting_requests
            AND (p.language_keys && ARRAY[$1::text] OR p.theme_ids && $2::uuid[] OR p.user_id = ANY($3::uuid[]))
            AND p.verified_until >= ${TODAY_SQL}
            AND (p.paused_until IS NULL OR p.paused_until <= now())
            AND p.active_sessions < p.max_sessions
            AND p.user_id <> $4 AND NOT (p.user_id = ANY($5::uuid[]))
            AND p.user_id NOT IN (SELECT id FROM blocked)
          ORDER BY score DESC, p.active_sessions, p.user_id
          LIMIT $12
       )
       SELECT p.user_id, u.username, u.display_name, p.bio, p.languages, p.theme_ids, p.availability, p.time_zone,
              p.active_sessions, p.max_sessions, p.pronouns, p.age_band,
              -- Minutes to acceptance of this peer's last 20 acceptances (30 days), for the wait estimates: same round trip.
              ARRAY(SELECT EXTRACT(EPOCH FROM q.accepted_at - q.created_at)::float8 / 60
                      FROM support_requests q
                     WHERE q.status = 'accepted' AND q.accepted_by = r.user_id AND q.accepted_at > now() - interval '${SAMPLE_DAYS} days'
                     ORDER BY q.accepted_at DESC LIMIT 20) AS samples
         FROM ranked r JOIN peer_profiles p ON p.user_id = r.user_id JOIN users u ON u.id = r.user_id
        -- A suspended peer among the winners is dropped here; fetchLimit leaves slack for it.
        WHERE u.status = 'active'
        ORDER BY r.score DESC, r.active_sessions, r.user_id`,
      params,
    );
    return rows.map((r) => ({
      userId: r.user_id,
      username: r.username,
      displayName: r.display_name,
      bio: r.bio,
      languages: r.languages,
      themeIds: r.theme_ids,
      availability: r.availability,
      localMinuteOfWeek: minuteOf(r.time_zone),
      activeSessions: r.active_sessions,
      maxSessions: r.max_sessions,
      pronouns: r.pronouns,
      ageBand: r.age_band,
      acceptanceMinutes: r.samples.map(Number),
    }));
  }

  /** The best `limit` suggestions with reasons and honest wait estimates, plus the estimate for "first available". */
  async suggest(
    input: RankInput,
    limit: number,
    themeNames: ReadonlyMap<string, string>,
    em: EntityManager = this.dataSource.manager,
  ): Promise<{ suggestions: SuggestionView[]; firstAvailableWaitMinutes: number | null }> {
    const candidates = await this.candidates(input, limit, em);
    const ranked = rankPeers(candidates, input, limit, themeNames);
    const byPeer = new Map(candidates.map((c) => [c.userId, c.acceptanceMinutes]));
    // The pool: the matching candidates' recent acceptances.
    const pool = candidates.flatMap((c) => c.acceptanceMinutes).slice(0, 200);
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
        peerSamples: byPeer.get(s.peer.userId) ?? [],
        poolSamples: pool,
        minutesUntilAvailable: minutesUntilAvailable(s.peer.availability, s.peer.localMinuteOfWeek),
      }),
    }));
    const soonest = candidates.reduce<number | null>((best, c) => {
      const m = minutesUntilAvailable(c.availability, c.localMinuteOfWeek);
      return m === null ? best : best === null ? m : Math.min(best, m);
    }, null);
    const firstAvailableWaitMinutes =
      candidates.length && pool.length >= MIN_SAMPLES ? Math.max(1, Math.round((median(pool) ?? 0) + (soonest ?? 0))) : null;
    return { suggestions, firstAvailableWaitMinutes };
  }
}
