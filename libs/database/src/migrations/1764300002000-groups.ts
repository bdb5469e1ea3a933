import { MigrationInterface, QueryRunner } from 'typeorm';

export class Groups1764300002000 implements MigrationInterface {
  name = 'Groups1764300002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    // unaccent() is only STABLE (its dictionary could change), so it cannot back an index.
    // Pinning the dictionary makes this wrapper safe to declare IMMUTABLE.
    await q.query(`
      CREATE OR REPLACE FUNCTION hearth_fold(text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$`);

    await q.query(`
      CREATE TABLE communities (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(100) NOT NULL,
        slug varchar(64) NOT NULL,
        description varchar(2000) NOT NULL DEFAULT '',
        code_of_conduct varchar(10000) NOT NULL DEFAULT '',
        languages text[] NOT NULL DEFAULT '{}',
        members_can_create_groups boolean NOT NULL DEFAULT false,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        archived_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX communities_slug_key ON communities (lower(slug))`);
    await q.query(`
      CREATE TABLE community_admins (
        community_id uuid NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        appointed_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (community_id, user_id)
      )`);
    await q.query(`CREATE INDEX community_admins_user_idx ON community_admins (user_id)`);

    await q.query(`
      CREATE TABLE themes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(80) NOT NULL,
        -- computed in code (themeKey): lower case, no accents, no spacing or punctuation
        normalized_name varchar(160) NOT NULL,
        description varchar(500) NOT NULL DEFAULT '',
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        -- a merged theme stays as an alias, so its name still resolves to the surviving theme
        merged_into_id uuid REFERENCES themes(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (merged_into_id IS NULL OR merged_into_id <> id)
      )`);
    await q.query(`CREATE UNIQUE INDEX themes_normalized_name_key ON themes (normalized_name)`);
    await q.query(`CREATE INDEX themes_name_trgm_idx ON themes USING gin (hearth_fold(name) gin_trgm_ops)`);
    await q.query(`CREATE INDEX themes_text_trgm_idx ON themes USING gin (hearth_fold(name || ' ' || description) gin_trgm_ops)`);
    await q.query(`
      CREATE TABLE user_themes (
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        theme_id uuid NOT NULL REFERENCES themes(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, theme_id)
      )`);
    await q.query(`CREATE INDEX user_themes_theme_idx ON user_themes (theme_id)`);

    await q.query(`
      CREATE TABLE groups (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        community_id uuid NOT NULL REFERENCES communities(id),
        room_id uuid NOT NULL UNIQUE REFERENCES rooms(id),
        name varchar(100) NOT NULL,
        description varchar(2000) NOT NULL,
        rules varchar(4000),
        visibility varchar(16) NOT NULL CHECK (visibility IN ('public','private')),
        join_policy varchar(16) NOT NULL CHECK (join_policy IN ('open','approval','invite')),
        languages text[] NOT NULL DEFAULT '{}',
        max_members integer CHECK (max_members IS NULL OR max_members BETWEEN 2 AND 10000),
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        archived_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX groups_community_name_key ON groups (community_id, lower(name))`);
    await q.query(`CREATE INDEX groups_listing_idx ON groups (created_at DESC, id DESC) WHERE archived_at IS NULL`);
    await q.query(`CREATE INDEX groups_text_trgm_idx ON groups USING gin (hearth_fold(name || ' ' || description) gin_trgm_ops)`);
    await q.query(`CREATE INDEX groups_languages_idx ON groups USING gin (languages)`);
    await q.query(`
      CREATE TABLE group_themes (
        group_id uuid NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
        theme_id uuid NOT NULL REFERENCES themes(id) ON DELETE CASCADE,
        PRIMARY KEY (group_id, theme_id)
      )`);
    await q.query(`CREATE INDEX group_themes_theme_idx ON group_themes (theme_id)`);
    await q.query(`
      CREATE TABLE group_members (
        group_id uuid NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        role varchar(16) NOT NULL DEFAULT 'member' CHECK (role IN ('owner','moderator','member')),
        joined_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (group_id, user_id)
      )`);
    await q.query(`CREATE INDEX group_members_user_idx ON group_members (user_id)`);
    await q.query(`
      CREATE TABLE group_join_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        group_id uuid NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        message varchar(500),
        status varchar(16) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','approved','declined')),
        decided_by uuid REFERENCES users(id) ON DELETE SET NULL,
        decided_at timestamptz,
        -- shown to the person who asked
        decision_reason varchar(500),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX group_join_requests_pending_key ON group_join_requests (group_id, user_id) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX group_join_requests_user_idx ON group_join_requests (user_id, created_at DESC)`);
    await q.query(`
      CREATE TABLE group_invites (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        group_id uuid NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
        -- sha256 of the token; the token itself is shown once and never stored
        token_hash char(64) NOT NULL UNIQUE,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        expires_at timestamptz NOT NULL,
        max_uses integer CHECK (max_uses IS NULL OR max_uses > 0),
        uses integer NOT NULL DEFAULT 0,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX group_invites_group_idx ON group_invites (group_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['group_invites', 'group_join_requests', 'group_members', 'group_themes', 'groups', 'user_themes', 'themes', 'community_admins', 'communities']) {
      await q.query(`DROP TABLE ${t}`);
    }
    await q.query(`DROP FUNCTION hearth_fold(text)`);
  }
}
