import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Peer support (libs/peers): peer profiles, training records, support requests
 * and 1:1 sessions. Matching narrows candidates with partial GIN indexes on the
 * profiles of peers who accept requests; the per-peer load (`active_sessions`)
 * and validity (`verified_until`) are kept on the profile row, which is also the
 * row an accept locks, so the caseload cap holds under concurrency.
 */
export class Peers1764700000000 implements MigrationInterface {
  name = 'Peers1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE peer_profiles (
        -- The columns matching reads come first (fixed width, then the arrays), the wide text and JSON last:
        -- PostgreSQL decodes a row only up to the last column a query needs.
        user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        accepting_requests boolean NOT NULL DEFAULT false,
        max_sessions smallint NOT NULL DEFAULT 3 CHECK (max_sessions BETWEEN 1 AND 20),
        active_sessions integer NOT NULL DEFAULT 0 CHECK (active_sessions >= 0),
        verified_until date,
        paused_until timestamptz,
        -- Primary language subtags ("pt-BR" → "pt"), for matching.
        language_keys text[] NOT NULL DEFAULT '{}',
        theme_ids uuid[] NOT NULL DEFAULT '{}',
        -- The weekly windows as minutes of the (local) week, so "available now" is one range test in SQL.
        availability_minutes int4multirange NOT NULL DEFAULT '{}',
        time_zone varchar(64) NOT NULL DEFAULT 'UTC',
        pronouns varchar(32),
        age_band varchar(8),
        languages text[] NOT NULL DEFAULT '{}',
        availability jsonb NOT NULL DEFAULT '[]',
        bio varchar(500) NOT NULL DEFAULT '',
        debrief_session_id uuid,
        applied_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX peer_profiles_languages_idx ON peer_profiles USING gin (language_keys) WHERE accepting_requests`);
    await q.query(`CREATE INDEX peer_profiles_themes_idx ON peer_profiles USING gin (theme_ids) WHERE accepting_requests`);
    await q.query(`CREATE INDEX peer_profiles_verified_idx ON peer_profiles (verified_until)`);

    await q.query(`
      CREATE TABLE peer_training_records (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        course varchar(200) NOT NULL,
        provider varchar(200) NOT NULL,
        completed_on date NOT NULL,
        expires_on date NOT NULL,
        evidence_ref varchar(500),
        status varchar(16) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'verified', 'rejected', 'revoked')),
        decided_by uuid REFERENCES users(id) ON DELETE SET NULL,
        decided_at timestamptz,
        reason varchar(1000),
        notified_30_at timestamptz,
        notified_7_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (expires_on > completed_on)
      )`);
    await q.query(`CREATE INDEX peer_training_records_user_idx ON peer_training_records (user_id, status, expires_on)`);
    await q.query(`CREATE INDEX peer_training_records_pending_idx ON peer_training_records (created_at, id) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX peer_training_records_expiry_idx ON peer_training_records (expires_on) WHERE status = 'verified'`);

    await q.query(`
      CREATE TABLE support_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        requester_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        community_id uuid REFERENCES communities(id) ON DELETE SET NULL,
        theme_ids uuid[] NOT NULL DEFAULT '{}',
        language varchar(16) NOT NULL,
        note varchar(1000),
        preferred_peer_id uuid REFERENCES users(id) ON DELETE SET NULL,
        same_peer_as_last_time boolean NOT NULL DEFAULT false,
        pref_pronouns varchar(32),
        pref_age_bands text[] NOT NULL DEFAULT '{}',
        choice varchar(16) NOT NULL DEFAULT 'first_available' CHECK (choice IN ('first_available', 'peer')),
        target_peer_id uuid REFERENCES users(id) ON DELETE SET NULL,
        excluded_peer_ids uuid[] NOT NULL DEFAULT '{}',
        origin varchar(16) NOT NULL DEFAULT 'new' CHECK (origin IN ('new', 'rematch', 'handover')),
        previous_session_id uuid,
        status varchar(16) NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'accepted', 'cancelled')),
        accepted_by uuid REFERENCES users(id) ON DELETE SET NULL,
        accepted_at timestamptz,
        cancelled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX support_requests_waiting_idx ON support_requests (created_at, id) WHERE status = 'waiting'`);
    await q.query(`CREATE INDEX support_requests_requester_idx ON support_requests (requester_id, created_at DESC)`);
    await q.query(`CREATE INDEX support_requests_accepted_idx ON support_requests (accepted_by, accepted_at DESC) WHERE status = 'accepted'`);
    await q.query(`CREATE INDEX support_requests_community_idx ON support_requests (community_id, created_at DESC)`);

    await q.query(`
      CREATE TABLE support_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_id uuid UNIQUE REFERENCES support_requests(id) ON DELETE SET NULL,
        requester_id uuid REFERENCES users(id) ON DELETE SET NULL,
        peer_id uuid REFERENCES users(id) ON DELETE SET NULL,
        room_id uuid NOT NULL UNIQUE REFERENCES rooms(id) ON DELETE CASCADE,
        community_id uuid REFERENCES communities(id) ON DELETE SET NULL,
        status varchar(16) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'ended')),
        started_at timestamptz NOT NULL DEFAULT now(),
        ended_at timestamptz,
        ended_by uuid REFERENCES users(id) ON DELETE SET NULL,
        end_reason varchar(16) CHECK (end_reason IN ('ended', 'rematch', 'handover')),
        crisis_alert boolean NOT NULL DEFAULT false,
        handover_to_peer_id uuid REFERENCES users(id) ON DELETE SET NULL,
        handover_proposed_at timestamptz,
        requester_contact_attempts integer NOT NULL DEFAULT 0,
        peer_contact_attempts integer NOT NULL DEFAULT 0,
        feedback_rating smallint CHECK (feedback_rating BETWEEN 1 AND 5),
        feedback_note varchar(1000),
        feedback_at timestamptz
      )`);
    await q.query(`CREATE INDEX support_sessions_peer_idx ON support_sessions (peer_id, started_at DESC)`);
    await q.query(`CREATE INDEX support_sessions_requester_idx ON support_sessions (requester_id, started_at DESC)`);
    await q.query(`CREATE INDEX support_sessions_community_idx ON support_sessions (community_id, started_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE support_sessions`);
    await q.query(`DROP TABLE support_requests`);
    await q.query(`DROP TABLE peer_training_records`);
    await q.query(`DROP TABLE peer_profiles`);
  }
}
