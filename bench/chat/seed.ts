import { Client } from 'pg';
import { signAccessToken } from '../lib/env';

/*
 * Seeds the benchmark population straight into Hearth's tables (after its
 * migrations ran): active users, one live auth session each, group rooms
 * (group_id NULL) of `roomSize` members. Tokens are real HS256 access tokens
 * for those sessions, so the server verifies and looks them up for real.
 */

export interface SeededUser {
  id: string;
  username: string;
  sessionId: string;
  token: string;
}

export interface Seeded {
  users: SeededUser[];
  /** rooms[r] = room id; its members are users r*roomSize … r*roomSize+roomSize-1. */
  rooms: string[];
  roomSize: number;
}

export async function seed(databaseUrl: string, jwtSecret: string, userCount: number, roomCount: number, roomSize: number): Promise<Seeded> {
  if (roomCount * roomSize > userCount) throw new Error('more room members than users');
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query('BEGIN');
    const users = await db.query<{ id: string; username: string; n: number }>(
      `INSERT INTO users (username, display_name, password_hash, status)
       SELECT 'bench_' || g, 'Bench user ' || g, 'not-a-real-hash', 'active' FROM generate_series(1, $1::int) g
       RETURNING id, username, substring(username from 7)::int AS n`,
      [userCount],
    );
    const byN = users.rows.sort((a, b) => a.n - b.n);
    const sessions = await db.query<{ id: string; user_id: string }>(
      `INSERT INTO auth_sessions (user_id, token_hash, expires_at)
       SELECT u, repeat('0', 64), now() + interval '1 day' FROM unnest($1::uuid[]) u
       RETURNING id, user_id`,
      [byN.map((u) => u.id)],
    );
    const sessionOf = new Map(sessions.rows.map((s) => [s.user_id, s.id]));
    const rooms = await db.query<{ id: string }>(
      `INSERT INTO rooms (kind, group_id) SELECT 'group', NULL FROM generate_series(1, $1::int) RETURNING id`,
      [roomCount],
    );
    const roomIds = rooms.rows.map((r) => r.id);
    const memberRoom: string[] = [];
    const memberUser: string[] = [];
    roomIds.forEach((roomId, r) => {
      for (let m = 0; m < roomSize; m++) {
        memberRoom.push(roomId);
        memberUser.push(byN[r * roomSize + m].id);
      }
    });
    await db.query(`INSERT INTO room_members (room_id, user_id) SELECT * FROM unnest($1::uuid[], $2::uuid[])`, [memberRoom, memberUser]);
    await db.query('COMMIT');
    return {
      users: byN.map((u) => {
        const sessionId = sessionOf.get(u.id)!;
        return { id: u.id, username: u.username, sessionId, token: signAccessToken(jwtSecret, { sub: u.id, sid: sessionId, name: u.username }) };
      }),
      rooms: roomIds,
      roomSize,
    };
  } catch (err) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await db.end();
  }
}

/**
 * `--moderation-phrases` (issue 8): puts the bench rooms in one community's groups
 * and gives that community `automod` phrase rules (spread over the four actions)
 * and `crisis` crisis phrases, so every send runs the moderation rules against a
 * realistic rule set. The phrases are chosen not to occur in bench messages: the
 * cost measured is matching, not opening cases.
 */
export async function seedModeration(databaseUrl: string, roomIds: readonly string[], automod: number, crisis: number): Promise<void> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query('BEGIN');
    const [community] = (
      await db.query<{ id: string }>(`INSERT INTO communities (name, slug, description) VALUES ('Bench community', 'bench-community', 'benchmark') RETURNING id`)
    ).rows;
    await db.query(
      `WITH g AS (
         INSERT INTO groups (community_id, room_id, name, description, visibility, join_policy)
         SELECT $1, r, 'Bench group ' || n, 'benchmark', 'public', 'open' FROM unnest($2::uuid[]) WITH ORDINALITY AS x(r, n)
         RETURNING id, room_id)
       UPDATE rooms SET group_id = g.id FROM g WHERE rooms.id = g.room_id`,
      [community.id, roomIds],
    );
    await db.query(`INSERT INTO moderation_settings (community_id) VALUES ($1)`, [community.id]);
    const actions = ['block', 'hold', 'flag', 'nudge'];
    const word = (i: number) => `zq${i.toString(36)}vx`;
    for (let a = 0; a < actions.length; a++) {
      const phrases = Array.from({ length: Math.ceil(automod / actions.length) }, (_, i) => `${word(a * 10000 + i)} ${word(i)}`).slice(0, automod - a * Math.ceil(automod / actions.length));
      if (phrases.length) {
        await db.query(`INSERT INTO automod_rules (community_id, phrases, action, reason) VALUES ($1, $2, $3, 'bench rule')`, [community.id, phrases, actions[a]]);
      }
    }
    const crisisPhrases = Array.from({ length: crisis }, (_, i) => `${word(50000 + i)} ${word(60000 + i)} ${word(70000 + i)}`);
    await db.query(`INSERT INTO crisis_phrase_sets (community_id, language, phrases) VALUES ($1, 'en', $2)`, [community.id, crisisPhrases]);
    await db.query('COMMIT');
  } catch (err) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await db.end();
  }
}
