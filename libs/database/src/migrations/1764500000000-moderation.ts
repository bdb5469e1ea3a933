import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Moderation and safety (issue 8): reports collapsing into cases, the actions
 * ladder (its audit rows live in the append-only audit_log), appeals, automod
 * and crisis configuration per community, pile-on signals, and `messages.held_at`
 * for messages an automod `hold` keeps to their author and moderators.
 * Person ids carry no foreign keys here on purpose (like audit_log): a case or
 * action outlives the account, whose id is then an anonymous id; the personal-data
 * contributor erases what is the person's own (reports, appeals, notes).
 */
export class Moderation1764500000000 implements MigrationInterface {
  name = 'Moderation1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE messages ADD COLUMN held_at timestamptz`);

    await q.query(`
      CREATE TABLE moderation_cases (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind varchar(16) NOT NULL CHECK (kind IN ('report','concern','automod','hold','crisis','pile_on')),
        -- 3 crisis or concern, 2 pile-on, 1 everything else; the queue orders by priority, then age
        priority smallint NOT NULL DEFAULT 1 CHECK (priority BETWEEN 1 AND 3),
        status varchar(16) NOT NULL DEFAULT 'open' CHECK (status IN ('open','resolved')),
        -- what the case is about, so reports on one message or person in one room collapse into one open case
        subject_key varchar(120) NOT NULL,
        community_id uuid,
        room_id uuid REFERENCES rooms(id) ON DELETE CASCADE,
        message_id uuid REFERENCES messages(id) ON DELETE SET NULL,
        target_user_id uuid,
        report_count integer NOT NULL DEFAULT 0,
        needs_second_review boolean NOT NULL DEFAULT false,
        claimed_by uuid,
        claimed_at timestamptz,
        resolved_by uuid,
        resolved_at timestamptz,
        outcome varchar(16),
        action_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX moderation_cases_open_key ON moderation_cases (subject_key) WHERE status = 'open'`);
    await q.query(`CREATE INDEX moderation_cases_queue_idx ON moderation_cases (status, priority DESC, created_at, id)`);
    await q.query(`CREATE INDEX moderation_cases_room_idx ON moderation_cases (room_id, status)`);
    await q.query(`CREATE INDEX moderation_cases_target_idx ON moderation_cases (target_user_id)`);

    await q.query(`
      CREATE TABLE moderation_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES moderation_cases(id) ON DELETE CASCADE,
        reporter_id uuid NOT NULL,
        room_id uuid NOT NULL,
        message_id uuid,
        target_user_id uuid NOT NULL,
        reason varchar(16) NOT NULL CHECK (reason IN ('harassment','gossip','labeling','spam','concern','other')),
        note varchar(1000),
        -- the target has blocked the reporter: a second moderator looks before anything happens
        second_review boolean NOT NULL DEFAULT false,
        status varchar(16) NOT NULL DEFAULT 'open' CHECK (status IN ('open','resolved')),
        outcome varchar(16),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX moderation_reports_reporter_idx ON moderation_reports (reporter_id, created_at DESC)`);
    await q.query(`CREATE INDEX moderation_reports_pair_idx ON moderation_reports (reporter_id, target_user_id, created_at)`);
    await q.query(`CREATE INDEX moderation_reports_case_idx ON moderation_reports (case_id)`);
    await q.query(`CREATE INDEX moderation_reports_target_idx ON moderation_reports (target_user_id)`);

    await q.query(`
      CREATE TABLE moderation_case_notes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES moderation_cases(id) ON DELETE CASCADE,
        author_id uuid,
        body varchar(2000) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX moderation_case_notes_case_idx ON moderation_case_notes (case_id, created_at)`);
    await q.query(`CREATE INDEX moderation_case_notes_author_idx ON moderation_case_notes (author_id)`);

    await q.query(`
      CREATE TABLE moderation_actions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        action varchar(16) NOT NULL CHECK (action IN ('dismiss','nudge','warn','hide','mute','remove','ban','suspend')),
        -- null once the moderator's account is deleted (the audit log keeps their anonymous id)
        actor_id uuid,
        target_user_id uuid,
        community_id uuid,
        group_id uuid,
        room_id uuid,
        message_id uuid,
        case_id uuid,
        rule varchar(500) NOT NULL,
        reason varchar(1000) NOT NULL,
        until timestamptz,
        -- a granted appeal (or an admin) lifts a restriction; the audit log keeps both facts
        lifted_at timestamptz,
        lifted_by uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX moderation_actions_target_idx ON moderation_actions (target_user_id, created_at DESC)`);
    await q.query(`CREATE INDEX moderation_actions_group_ban_idx ON moderation_actions (group_id, target_user_id) WHERE action = 'ban' AND lifted_at IS NULL`);
    await q.query(`CREATE INDEX moderation_actions_community_idx ON moderation_actions (community_id, target_user_id) WHERE action = 'suspend' AND lifted_at IS NULL`);
    await q.query(`CREATE INDEX moderation_actions_actor_idx ON moderation_actions (actor_id)`);

    await q.query(`
      CREATE TABLE moderation_appeals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        action_id uuid NOT NULL UNIQUE REFERENCES moderation_actions(id),
        user_id uuid NOT NULL,
        statement varchar(2000) NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','granted','denied')),
        decided_by uuid,
        decision_reason varchar(1000),
        decided_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX moderation_appeals_user_idx ON moderation_appeals (user_id)`);
    await q.query(`CREATE INDEX moderation_appeals_status_idx ON moderation_appeals (status, created_at)`);

    await q.query(`
      CREATE TABLE moderation_settings (
        community_id uuid PRIMARY KEY REFERENCES communities(id) ON DELETE CASCADE,
        needs_response_minutes integer NOT NULL DEFAULT 15 CHECK (needs_response_minutes BETWEEN 1 AND 1440),
        pile_on_window_minutes integer NOT NULL DEFAULT 10 CHECK (pile_on_window_minutes BETWEEN 1 AND 1440),
        pile_on_threshold integer NOT NULL DEFAULT 3 CHECK (pile_on_threshold BETWEEN 2 AND 50),
        -- bumped whenever automod rules or crisis phrases change: instances rebuild their matcher when they see a new version
        rules_version integer NOT NULL DEFAULT 1,
        updated_by uuid,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE automod_rules (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        community_id uuid NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
        phrases text[] NOT NULL,
        action varchar(8) NOT NULL CHECK (action IN ('block','hold','flag','nudge')),
        rule varchar(500),
        reason varchar(500) NOT NULL,
        -- the default labeling list, editable like any rule
        is_default boolean NOT NULL DEFAULT false,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX automod_rules_community_idx ON automod_rules (community_id)`);

    await q.query(`
      CREATE TABLE crisis_phrase_sets (
        community_id uuid NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
        language varchar(16) NOT NULL,
        phrases text[] NOT NULL,
        updated_by uuid,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (community_id, language)
      )`);
    await q.query(`
      CREATE TABLE crisis_resource_sets (
        community_id uuid PRIMARY KEY REFERENCES communities(id) ON DELETE CASCADE,
        resources jsonb NOT NULL,
        updated_by uuid,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE pile_on_signals (
        room_id uuid NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
        target_user_id uuid NOT NULL,
        author_id uuid NOT NULL,
        message_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (message_id, target_user_id)
      )`);
    await q.query(`CREATE INDEX pile_on_signals_window_idx ON pile_on_signals (room_id, target_user_id, created_at)`);
    await q.query(`CREATE INDEX pile_on_signals_author_idx ON pile_on_signals (author_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['pile_on_signals', 'crisis_resource_sets', 'crisis_phrase_sets', 'automod_rules', 'moderation_settings', 'moderation_appeals', 'moderation_actions', 'moderation_case_notes', 'moderation_reports', 'moderation_cases']) {
      await q.query(`DROP TABLE ${t}`);
    }
    await q.query(`ALTER TABLE messages DROP COLUMN held_at`);
  }
}
