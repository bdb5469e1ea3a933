import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The person's own recovery plan (statement, goals and steps, indicators they
 * define and their check-ins), their safety plan, consented shares with a peer
 * worker (with the peer's reads and comments), and per-kind notification
 * preferences. Every row names its person in `user_id` (or `owner_id` /
 * `peer_id` / `reader_id` / `author_id`) so ownership is checked in one place
 * and the personal-data contributors find everything.
 */
export class Recovery1764600000000 implements MigrationInterface {
  name = 'Recovery1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE recovery_plans (
        user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        statement text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE recovery_goals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        title varchar(200) NOT NULL,
        why text NOT NULL DEFAULT '',
        status varchar(16) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'achieved', 'let_go')),
        target_date date,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX recovery_goals_user_idx ON recovery_goals (user_id, created_at, id)`);
    await q.query(`
      CREATE TABLE recovery_goal_steps (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        goal_id uuid NOT NULL REFERENCES recovery_goals(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        text varchar(300) NOT NULL,
        done boolean NOT NULL DEFAULT false,
        done_at timestamptz,
        position int NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX recovery_goal_steps_goal_idx ON recovery_goal_steps (goal_id, position, id)`);
    await q.query(`CREATE INDEX recovery_goal_steps_user_idx ON recovery_goal_steps (user_id)`);
    await q.query(`
      CREATE TABLE recovery_indicators (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        name varchar(100) NOT NULL,
        scale_min int NOT NULL,
        scale_max int NOT NULL,
        min_label varchar(60),
        max_label varchar(60),
        domain varchar(40),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (scale_min < scale_max)
      )`);
    await q.query(`CREATE INDEX recovery_indicators_user_idx ON recovery_indicators (user_id, created_at, id)`);
    await q.query(`
      CREATE TABLE recovery_check_ins (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        indicator_id uuid NOT NULL REFERENCES recovery_indicators(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        value int NOT NULL,
        note text,
        at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX recovery_check_ins_indicator_idx ON recovery_check_ins (indicator_id, at, id)`);
    await q.query(`CREATE INDEX recovery_check_ins_user_idx ON recovery_check_ins (user_id)`);
    await q.query(`
      CREATE TABLE safety_plans (
        user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        warning_signs text[] NOT NULL DEFAULT '{}',
        coping_strategies text[] NOT NULL DEFAULT '{}',
        distractions text[] NOT NULL DEFAULT '{}',
        people_i_can_ask text[] NOT NULL DEFAULT '{}',
        services text[] NOT NULL DEFAULT '{}',
        safer_space text[] NOT NULL DEFAULT '{}',
        what_matters text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE recovery_shares (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        peer_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        include_statement boolean NOT NULL DEFAULT false,
        include_safety_plan boolean NOT NULL DEFAULT false,
        goal_ids uuid[] NOT NULL DEFAULT '{}',
        indicator_ids uuid[] NOT NULL DEFAULT '{}',
        until timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (owner_id <> peer_id)
      )`);
    await q.query(`CREATE INDEX recovery_shares_owner_idx ON recovery_shares (owner_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX recovery_shares_peer_idx ON recovery_shares (peer_id, created_at DESC, id DESC)`);
    await q.query(`
      CREATE TABLE recovery_share_reads (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        share_id uuid NOT NULL REFERENCES recovery_shares(id) ON DELETE CASCADE,
        reader_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        read_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX recovery_share_reads_share_idx ON recovery_share_reads (share_id, read_at DESC)`);
    await q.query(`CREATE INDEX recovery_share_reads_reader_idx ON recovery_share_reads (reader_id)`);
    await q.query(`
      CREATE TABLE recovery_share_comments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        share_id uuid NOT NULL REFERENCES recovery_shares(id) ON DELETE CASCADE,
        author_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        part varchar(16) NOT NULL CHECK (part IN ('statement', 'goal', 'indicator', 'safety_plan')),
        part_id uuid,
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX recovery_share_comments_share_idx ON recovery_share_comments (share_id, created_at, id)`);
    await q.query(`CREATE INDEX recovery_share_comments_author_idx ON recovery_share_comments (author_id)`);
    await q.query(`
      CREATE TABLE notification_preferences (
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        kind varchar(32) NOT NULL,
        in_app boolean NOT NULL DEFAULT true,
        live boolean NOT NULL DEFAULT true,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, kind)
      )`);
    await q.query(`CREATE INDEX notifications_read_at_idx ON notifications (read_at) WHERE read_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX notifications_read_at_idx`);
    for (const t of ['notification_preferences', 'recovery_share_comments', 'recovery_share_reads', 'recovery_shares', 'safety_plans', 'recovery_check_ins', 'recovery_indicators', 'recovery_goal_steps', 'recovery_goals', 'recovery_plans']) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
