import { MigrationInterface, QueryRunner } from 'typeorm';

export class Chat1764300001000 implements MigrationInterface {
  name = 'Chat1764300001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rooms (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind varchar(16) NOT NULL CHECK (kind IN ('group','direct','support')),
        group_id uuid,
        -- the highest seq handed out; bumped under this row's lock in the same transaction as the insert
        last_seq bigint NOT NULL DEFAULT 0,
        -- for direct rooms: the two user ids in sorted order, so a pair has one room
        direct_key varchar(73),
        read_only boolean NOT NULL DEFAULT false,
        last_message_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX rooms_group_key ON rooms (group_id) WHERE group_id IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX rooms_direct_key ON rooms (direct_key) WHERE direct_key IS NOT NULL`);
    await q.query(`
      CREATE TABLE room_members (
        room_id uuid NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        last_read_seq bigint NOT NULL DEFAULT 0,
        muted_until timestamptz,
        joined_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (room_id, user_id)
      )`);
    await q.query(`CREATE INDEX room_members_user_idx ON room_members (user_id)`);
    await q.query(`
      CREATE TABLE messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        room_id uuid NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
        seq bigint NOT NULL,
        author_id uuid REFERENCES users(id) ON DELETE SET NULL,
        client_msg_id varchar(64) NOT NULL,
        body text,
        reply_to_id uuid REFERENCES messages(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        edited_at timestamptz,
        deleted_at timestamptz,
        hidden_at timestamptz,
        CONSTRAINT messages_room_seq_key UNIQUE (room_id, seq),
        CONSTRAINT messages_body_length CHECK (body IS NULL OR char_length(body) <= 4000)
      )`);
    await q.query(`CREATE UNIQUE INDEX messages_client_msg_key ON messages (room_id, author_id, client_msg_id)`);
    await q.query(`CREATE INDEX messages_author_idx ON messages (author_id)`);
    await q.query(`
      CREATE TABLE message_reactions (
        message_id uuid NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        emoji varchar(32) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (message_id, user_id, emoji)
      )`);
    await q.query(`
      CREATE TABLE user_blocks (
        blocker_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        blocked_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (blocker_id, blocked_id),
        CHECK (blocker_id <> blocked_id)
      )`);
    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        kind varchar(32) NOT NULL,
        data jsonb NOT NULL DEFAULT '{}',
        read_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC)`);
    // @socket.io/postgres-adapter keeps payloads over NOTIFY's 8000-byte limit here (SOCKET_ADAPTER=postgres).
    await q.query(`
      CREATE TABLE IF NOT EXISTS socket_io_attachments (
        id bigserial UNIQUE,
        created_at timestamptz DEFAULT now(),
        payload bytea
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['socket_io_attachments', 'notifications', 'user_blocks', 'message_reactions', 'messages', 'room_members', 'rooms']) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
