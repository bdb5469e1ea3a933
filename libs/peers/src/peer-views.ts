import type { EntityManager } from 'typeorm';
import { AvailabilityWindow, isWithin, localMinuteOfWeek } from './matching/availability';
import type { PeerProfileView, PersonRefView, ThemeRefView, TrainingRecordView } from './dto/peers.view';

/** Row shapes and their mapping to views, shared by the services. */
export interface ProfileRow {
  user_id: string;
  bio: string;
  languages: string[];
  theme_ids: string[];
  availability: AvailabilityWindow[];
  time_zone: string;
  accepting_requests: boolean;
  max_sessions: number;
  active_sessions: number;
  pronouns: string | null;
  age_band: string | null;
  verified_until: string | null;
  paused_until: Date | null;
  debrief_session_id: string | null;
  valid: boolean;
}

export const PROFILE_COLUMNS = `p.user_id, p.bio, p.languages, p.theme_ids, p.availability, p.time_zone, p.accepting_requests, p.max_sessions,
  p.active_sessions, p.pronouns, p.age_band, to_char(p.verified_until, 'YYYY-MM-DD') AS verified_until, p.paused_until, p.debrief_session_id,
  COALESCE(p.verified_until >= (now() AT TIME ZONE 'UTC')::date, false) AS valid`;

export interface RecordRow {
  id: string;
  user_id: string;
  course: string;
  provider: string;
  completed_on: string;
  expires_on: string;
  evidence_ref: string | null;
  status: string;
  reason: string | null;
  decided_at: Date | null;
  created_at: Date;
  expired: boolean;
}

export const RECORD_COLUMNS = `r.id, r.user_id, r.course, r.provider, to_char(r.completed_on, 'YYYY-MM-DD') AS completed_on,
  to_char(r.expires_on, 'YYYY-MM-DD') AS expires_on, r.evidence_ref, r.status, r.reason, r.decided_at, r.created_at,
  r.expires_on < (now() AT TIME ZONE 'UTC')::date AS expired`;

export const toRecordView = (r: RecordRow): TrainingRecordView => ({
  id: r.id,
  course: r.course,
  provider: r.provider,
  completedOn: r.completed_on,
  expiresOn: r.expires_on,
  evidenceRef: r.evidence_ref,
  status: r.status,
  reason: r.reason,
  decidedAt: r.decided_at?.toISOString() ?? null,
  expired: r.expired,
  createdAt: r.created_at.toISOString(),
});

export function toProfileView(p: ProfileRow, themeNames: ReadonlyMap<string, string>, now = new Date()): PeerProfileView {
  const paused = p.paused_until && p.paused_until.getTime() > now.getTime() ? p.paused_until : null;
  return {
    userId: p.user_id,
    bio: p.bio,
    languages: p.languages,
    themes: p.theme_ids.filter((id) => themeNames.has(id)).map((id) => ({ id, name: themeNames.get(id)! })),
    availability: p.availability,
    timeZone: p.time_zone,
    acceptingRequests: p.accepting_requests,
    maxSessions: p.max_sessions,
    activeSessions: p.active_sessions,
    pronouns: p.pronouns,
    ageBand: p.age_band,
    verified: p.valid,
    verifiedUntil: p.verified_until,
    pausedUntil: paused?.toISOString() ?? null,
    debriefSessionId: p.debrief_session_id,
    availableNow: p.valid && p.accepting_requests && !paused && isWithin(p.availability, localMinuteOfWeek(p.time_zone, now)),
  };
}

/** Read-only read of the themes lib's table, for names in views. */
export async function themeNamesOf(em: EntityManager, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows: Array<{ id: string; name: string }> = await em.query(`SELECT id, name FROM themes WHERE id = ANY($1::uuid[])`, [unique]);
  return new Map(rows.map((r) => [r.id, r.name]));
}

export const themeRefs = (ids: readonly string[], names: ReadonlyMap<string, string>): ThemeRefView[] =>
  ids.filter((id) => names.has(id)).map((id) => ({ id, name: names.get(id)! }));

/** Read-only read of the users lib's table, for names in views. */
export async function peopleOf(em: EntityManager, ids: ReadonlyArray<string | null>): Promise<Map<string, PersonRefView>> {
  const unique = [...new Set(ids.filter((x): x is string => !!x))];
  if (!unique.length) return new Map();
  const rows: Array<{ id: string; username: string; display_name: string }> = await em.query(
    `SELECT id, username, display_name FROM users WHERE id = ANY($1::uuid[])`,
    [unique],
  );
  return new Map(rows.map((r) => [r.id, { id: r.id, username: r.username, displayName: r.display_name }]));
}

export const languageKeysOf = (languages: readonly string[]) => [...new Set(languages.map((l) => l.toLowerCase().split('-')[0]))];
