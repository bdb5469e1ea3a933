import { DataSource } from 'typeorm';
import { PersonalDataRegistry } from '@hearth/common';
import { createTestApp, TestApp } from './support/test-app';
import { bearer, PASSWORD } from './support/users';
import { connect, emitAck, waitFor } from './support/sockets';
import { allValues, PersonColumn, personColumns, primaryKey, q, seedEverything, whereFor, World } from './support/personal-data';

/*
 * Personal data is complete by construction: every table with a column that
 * refers to a person (the rule is in test/support/personal-data.ts) must be
 * covered by a registered PersonalDataContributor. Tables added by other libs
 * (moderation, peers, …) are found in the catalog and must be registered by
 * their lib, or this test fails.
 */

/**
 * Columns whose rows are deliberately not in the person's export: the row is
 * another person's record that merely names them (exporting it would reveal the
 * other person's act), or it is an act of theirs recorded about someone else.
 * Each is still erased or anonymised on deletion (checked below).
 */
const NOT_EXPORTED: Record<string, string> = {
  'user_blocks.blocked_id': 'who blocked me is the blocker’s private choice',
  'community_admins.appointed_by': 'an appointment is the appointee’s record (communities exports which communities, not whom)',
  'audit_log.actor_id': 'what I did to others is their audit trail (my own audit rows are exported by subject)',
};

/**
 * Append-only logs keep the person's id after deletion (it then leads to no one):
 * every other person column must hold no row of theirs. Add an append-only log here.
 */
const KEEPS_ANONYMOUS_ID = ['audit_log'];

/** The areas Hearth had when this test was written: the fixture must give the person rows in each. */
const SEEDED_TABLES = [
  'users', 'auth_sessions', 'themes', 'user_themes', 'communities', 'community_admins', 'groups', 'group_members', 'group_join_requests', 'group_invites',
  'rooms', 'room_members', 'messages', 'message_reactions', 'user_blocks', 'notifications', 'notification_preferences', 'audit_log',
  'recovery_plans', 'recovery_goals', 'recovery_goal_steps', 'recovery_indicators', 'recovery_check_ins', 'safety_plans',
  'recovery_shares', 'recovery_share_reads', 'recovery_share_comments',
];

describe('personal data: schema coverage, export completeness, deletion', () => {
  let t: TestApp;
  let ds: DataSource;
  let columns: PersonColumn[];
  let registry: PersonalDataRegistry;

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    registry = t.app.get(PersonalDataRegistry);
    columns = await personColumns(ds);
  });
  afterAll(() => t.close());

  const rowsFor = async (c: PersonColumn, userId: string): Promise<number> => {
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM ${q(c.table)} WHERE ${whereFor(c)}`, [userId]);
    return n;
  };

  describe('schema coverage', () => {
    it('finds the person columns the rule describes (foreign keys to users, *_user_id and similar names, direct_key)', () => {
      const keys = columns.map((c) => `${c.table}.${c.column}`);
      expect(keys).toEqual(expect.arrayContaining(['messages.author_id', 'rooms.direct_key', 'audit_log.subject_user_id', 'audit_log.actor_id', 'recovery_shares.peer_id', 'users.id'].filter((k) => k !== 'users.id')));
      expect(columns.find((c) => c.table === 'rooms' && c.column === 'direct_key')?.why).toBe('name');
      expect(columns.find((c) => c.table === 'audit_log' && c.column === 'subject_user_id')?.why).toBe('name');
      expect(columns.find((c) => c.table === 'messages' && c.column === 'author_id')?.why).toBe('fk');
    });

    it('every table with a column referring to a person is covered by a registered contributor', () => {
      const covered = registry.coveredTables();
      const tables = [...new Set(columns.map((c) => c.table)), 'users'];
      const missing = tables.filter((tb) => !covered.has(tb));
      expect(missing).toEqual([]);
    });

    it('every table a contributor names exists (no typos hiding a gap)', async () => {
      const rows: Array<{ table_name: string }> = await ds.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`);
      const existing = new Set(rows.map((r) => r.table_name));
      expect([...registry.coveredTables()].filter((tb) => !existing.has(tb))).toEqual([]);
    });
  });

  describe('export completeness, table by table', () => {
    let world: World;
    let doc: { format: string; userId: string; sections: Record<string, unknown[]> };
    let values: Set<string>;

    beforeAll(async () => {
      world = await seedEverything(t);
      const res = await t.http().get('/api/me/export').set(bearer(world.person)).expect(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      doc = JSON.parse(res.text);
      values = allValues(doc);
    });

    it('the fixture gives the person rows in every area Hearth has', async () => {
      const empty: string[] = [];
      for (const table of SEEDED_TABLES) {
        const cols = columns.filter((c) => c.table === table);
        const n = table === 'users' ? 1 : (await Promise.all(cols.map((c) => rowsFor(c, world.person.id)))).reduce((a, b) => a + b, 0);
        if (!n) empty.push(table);
      }
      expect(empty).toEqual([]);
      const unseeded: string[] = [];
      for (const table of new Set(columns.map((c) => c.table))) {
        if (SEEDED_TABLES.includes(table)) continue;
        const n = (await Promise.all(columns.filter((c) => c.table === table).map((c) => rowsFor(c, world.person.id)))).reduce((a, b) => a + b, 0);
        if (!n) unseeded.push(table);
      }
      // Tables added since (moderation, peers, …) are checked below whenever the fixture gives them rows;
      // extend seedEverything() so they are: this lists the ones it does not reach yet.
      if (unseeded.length) console.warn(`personal-data fixture does not seed: ${unseeded.join(', ')}`);
    });

    it('has one section per contributor and the documented envelope', () => {
      expect(doc.format).toBe('hearth-export/1');
      expect(doc.userId).toBe(world.person.id);
      expect(Object.keys(doc.sections).sort()).toEqual(registry.all().map((c) => c.section).sort());
    });

    it('every row that refers to the person is in the export (by its key), for every table in the schema', async () => {
      const missing: string[] = [];
      for (const c of columns) {
        const key = `${c.table}.${c.column}`;
        if (NOT_EXPORTED[key]) continue;
        const pk = (await primaryKey(ds, c.table)).filter((k) => k !== c.column);
        const rows: Array<Record<string, unknown>> = await ds.query(`SELECT * FROM ${q(c.table)} WHERE ${whereFor(c)}`, [world.person.id]);
        if (!rows.length) continue;
        const sections = registry.all().filter((x) => x.tables.includes(c.table)).map((x) => x.section);
        if (!sections.some((s) => (doc.sections[s] ?? []).length > 0)) missing.push(`${key}: no rows in sections ${sections.join(', ')}`);
        for (const row of rows) {
          for (const k of pk) {
            const v = row[k];
            if (v !== null && v !== undefined && !values.has(String(v))) missing.push(`${key}: row ${k}=${String(v)} not in the export`);
          }
        }
      }
      expect(missing).toEqual([]);
    });

    it('the export contains what the person wrote, and nothing another person wrote privately', () => {
      const text = JSON.stringify(doc);
      for (const s of world.texts) expect(text).toContain(s);
      expect(text).toContain('thank you for sharing'); // a comment on the person's own share
      // (texts include the direct message and the comment the person wrote as a peer)
      // The sharer's plan content belongs to the sharer: only the share's ids are in the person's export.
      expect(text).not.toContain('the sharer statement');
      // Secrets are never exported.
      expect(text).not.toMatch(/password_hash|token_hash|\$argon2/);
    });

    it('the HTML export shows the same sections, escaped, with a policy that forbids scripts', async () => {
      await t.http().patch('/api/me').set(bearer(world.person)).send({ bio: '<script>alert(1)</script>' }).expect(200);
      const res = await t.http().get('/api/me/export.html').set(bearer(world.person)).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['content-security-policy']).toMatch(/default-src 'none'/);
      expect(res.text).not.toMatch(/<script/i);
      expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      for (const c of registry.all()) expect(res.text).toContain(`id="${c.section}"`);
      expect(res.text).toContain(world.texts[1]);
      await t.http().patch('/api/me').set(bearer(world.person)).send({ bio: world.texts[0] }).expect(200);
    });

    it('each export is audited without content', async () => {
      const rows: Array<{ action: string; details: object; reason: string | null }> = await ds.query(
        `SELECT action, details, reason FROM audit_log WHERE subject_user_id = $1 AND action = 'account.exported' ORDER BY created_at`,
        [world.person.id],
      );
      expect(rows.map((r) => r.details)).toEqual(expect.arrayContaining([{ format: 'json' }, { format: 'html' }]));
      expect(rows.every((r) => r.reason === null)).toBe(true);
    });
  });

  describe('account deletion', () => {
    const seqsGapFree = async (roomId: string) => {
      const rows: Array<{ seq: string }> = await ds.query(`SELECT seq FROM messages WHERE room_id = $1 ORDER BY seq`, [roomId]);
      const [{ last_seq }] = await ds.query(`SELECT last_seq FROM rooms WHERE id = $1`, [roomId]);
      expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: Number(last_seq) }, (_, i) => i + 1));
    };

    const nothingLeft = async (w: World) => {
      const left: string[] = [];
      for (const c of columns) {
        if (KEEPS_ANONYMOUS_ID.includes(c.table)) continue;
        const n = await rowsFor(c, w.person.id);
        if (n) left.push(`${c.table}.${c.column}: ${n}`);
      }
      expect(left).toEqual([]);
      // Nothing the person wrote about themselves survives anywhere, in any column of any table.
      const tables: Array<{ table_name: string }> = await ds.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`);
      const privateTexts = [w.person.username, ...w.texts];
      for (const { table_name } of tables) {
        for (const s of privateTexts) {
          const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM ${q(table_name)} x WHERE x::text ILIKE '%' || $1 || '%'`, [s]);
          expect([table_name, s, n]).toEqual([table_name, s, 0]);
        }
      }
    };

    it('a wrong password or a missing choice is refused and deletes nothing', async () => {
      const w = await seedEverything(t);
      const wrong = await t.http().delete('/api/me').set(bearer(w.person)).send({ password: 'not my password at all', messages: 'erase' });
      expect([wrong.status, wrong.body.code]).toEqual([401, 'INVALID_CREDENTIALS']);
      expect((await t.http().delete('/api/me').set(bearer(w.person)).send({ password: PASSWORD })).status).toBe(400);
      expect((await t.http().delete('/api/me').set(bearer(w.person)).send({ password: PASSWORD, messages: 'shred' })).status).toBe(400);
      await t.http().get('/api/me').set(bearer(w.person)).expect(200);
      expect(await rowsFor({ table: 'recovery_goals', column: 'user_id', why: 'fk', match: 'eq' }, w.person.id)).toBe(1);
    });

    it('keep: group messages stay under "former member", direct ones are erased, rooms stay gap-free, nothing personal is left, sockets end, login fails', async () => {
      const w = await seedEverything(t);
      const socket = await connect(t.url, w.person.accessToken);
      const ended = waitFor<{ reason: string }>(socket, 'session:ended');
      const disconnected = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));

      await t.http().delete('/api/me').set(bearer(w.person)).send({ password: PASSWORD, messages: 'keep' }).expect(204);

      expect((await ended).reason).toBe('account_deleted');
      expect(await disconnected).toBeTruthy();
      await t.http().get('/api/me').set(bearer(w.person)).expect(401);
      const login = await t.http().post('/api/auth/login').send({ username: w.person.username, password: PASSWORD });
      expect([login.status, login.body.code]).toEqual([401, 'INVALID_CREDENTIALS']);
      const refresh = await t.http().post('/api/auth/refresh').send({ refreshToken: w.person.refreshToken });
      expect(refresh.status).toBe(401);

      const kept = await ds.query(`SELECT id, author_id, body, deleted_at FROM messages WHERE id = ANY($1::uuid[]) ORDER BY seq`, [w.personMessageIds]);
      expect(kept.map((m: { author_id: string | null; body: string }) => [m.author_id, m.body])).toEqual([[null, w.texts[6]], [null, 'second message']]);
      const history = await t.http().get(`/api/rooms/${w.roomId}/messages?after=0`).set(bearer(w.friend)).expect(200);
      expect(history.body.messages[0]).toEqual(expect.objectContaining({ author: null, body: w.texts[6] }));
      const [dm] = await ds.query(`SELECT body, deleted_at, author_id FROM messages WHERE id = $1`, [w.directMessageId]);
      expect(dm).toEqual({ body: null, deleted_at: expect.any(Date), author_id: null });
      await seqsGapFree(w.roomId);
      await seqsGapFree(w.directRoomId);
      // The friend's reply still points at the kept message.
      const [reply] = await ds.query(`SELECT reply_to_id FROM messages WHERE id = $1`, [w.friendReplyId]);
      expect(reply.reply_to_id).toBe(w.personMessageIds[0]);

      // The kept group message is the only text of theirs left, under no name.
      await nothingLeft({ ...w, texts: w.texts.filter((x) => x !== w.texts[6]) });
      // The peer loses the share; the sharer's share to the person is gone too.
      await t.http().get('/api/recovery/shared').set(bearer(w.peer)).expect(200).then((r) => expect(r.body.items).toEqual([]));
      expect((await t.http().get('/api/me/recovery/shares').set(bearer(w.sharer)).expect(200)).body.items).toEqual([]);

      const audit = await ds.query(`SELECT action, actor_id, details FROM audit_log WHERE subject_user_id = $1 AND action = 'account.deleted'`, [w.person.id]);
      expect(audit).toEqual([{ action: 'account.deleted', actor_id: w.person.id, details: { messages: 'keep' } }]);
      // Audit rows keep only the id, which no longer leads to anyone.
      expect(await rowsFor({ table: 'users', column: 'id', why: 'fk', match: 'eq' }, w.person.id)).toBe(0);
    });

    it('erase: group messages become tombstones without bodies, each room still gap-free', async () => {
      const w = await seedEverything(t);
      await t.http().delete('/api/me').set(bearer(w.person)).send({ password: PASSWORD, messages: 'erase' }).expect(204);
      const rows = await ds.query(`SELECT body, deleted_at, author_id FROM messages WHERE id = ANY($1::uuid[])`, [w.personMessageIds]);
      expect(rows).toEqual([
        { body: null, deleted_at: expect.any(Date), author_id: null },
        { body: null, deleted_at: expect.any(Date), author_id: null },
      ]);
      const history = await t.http().get(`/api/rooms/${w.roomId}/messages?after=0`).set(bearer(w.friend)).expect(200);
      expect(history.body.messages.map((m: { seq: number; body: string | null }) => [m.seq, m.body])).toEqual([[1, null], [2, null], [3, 'welcome!']]);
      await seqsGapFree(w.roomId);
      await nothingLeft(w);
    });

    it('sends in flight while the account is deleted: others’ sends all succeed, nothing is left under the person, rooms stay gap-free', async () => {
      const w = await seedEverything(t);
      const mine = await connect(t.url, w.person.accessToken);
      const theirs = await connect(t.url, w.friend.accessToken);
      await emitAck(mine, 'room:join', { roomId: w.roomId });
      await emitAck(theirs, 'room:join', { roomId: w.roomId });
      const sends: Array<Promise<unknown>> = [];
      const friendSends: Array<Promise<{ ok: boolean }>> = [];
      for (let i = 0; i < 40; i++) {
        sends.push(emitAck(mine, 'message:send', { roomId: w.roomId, clientMsgId: `race-${i}`, body: `racing ${i}` }, 5000).catch(() => null));
        friendSends.push(emitAck(theirs, 'message:send', { roomId: w.roomId, clientMsgId: `friend-${i}`, body: `friend ${i}` }, 5000));
        if (i === 10) sends.push(t.http().delete('/api/me').set(bearer(w.person)).send({ password: PASSWORD, messages: 'keep' }).then((r) => expect(r.status).toBe(204)));
      }
      await Promise.all(sends);
      const acks = await Promise.all(friendSends);
      expect(acks.filter((a) => !a.ok)).toEqual([]);
      await seqsGapFree(w.roomId);
      expect(await rowsFor({ table: 'messages', column: 'author_id', why: 'fk', match: 'eq' }, w.person.id)).toBe(0);
      expect(await rowsFor({ table: 'users', column: 'id', why: 'fk', match: 'eq' }, w.person.id)).toBe(0);
    });
  });
});
