import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The append-only audit log. The database itself refuses to change or remove a
 * row (a trigger on UPDATE and DELETE, and TRUNCATE), so no code path, bug or
 * hand-run statement can rewrite history. Person ids are kept without foreign
 * keys: once an account is deleted its id is an anonymous id.
 */
export class Audit1764400000000 implements MigrationInterface {
  name = 'Audit1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_log (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        action varchar(64) NOT NULL,
        actor_id uuid,
        subject_user_id uuid,
        community_id uuid,
        room_id uuid,
        target_type varchar(32),
        target_id uuid,
        rule text,
        reason text,
        until timestamptz,
        details jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX audit_log_community_idx ON audit_log (community_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX audit_log_created_idx ON audit_log (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX audit_log_subject_idx ON audit_log (subject_user_id, created_at DESC)`);
    await q.query(`CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, created_at DESC)`);
    await q.query(`
      CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only()`);
    await q.query(`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_log`);
    await q.query(`DROP FUNCTION audit_log_is_append_only()`);
  }
}
