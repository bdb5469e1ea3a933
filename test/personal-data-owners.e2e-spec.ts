import { PersonalDataRegistry } from '@hearth/common';
import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Export and account deletion are complete by construction only if every table
 * that holds something about a person has an owner that can export and erase
 * it. This reads the live schema (after every migration) and fails when a new
 * table refers to a person and no lib has registered a contributor for it.
 */
describe('personal data: every table that refers to a person has an owner', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  /** Tables with a foreign key to users(id), or a uuid column whose name says it holds a person. */
  async function tablesReferringToPeople(): Promise<Map<string, string[]>> {
    const ds = t.app.get(DataSource);
    const rows: Array<{ table_name: string; column_name: string }> = await ds.query(`
      SELECT kcu.table_name, kcu.column_name
        FROM information_schema.table_constraints tc
        JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
        JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
       WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = 'public' AND ccu.table_name = 'users' AND ccu.column_name = 'id'
      UNION
      SELECT c.table_name, c.column_name
        FROM information_schema.columns c JOIN information_schema.tables tb ON tb.table_name = c.table_name AND tb.table_schema = c.table_schema
       WHERE c.table_schema = 'public' AND tb.table_type = 'BASE TABLE' AND c.data_type = 'uuid'
         AND (c.column_name ~ '(^|_)(user|actor|author|owner|peer|member|reporter|requester|blocker|blocked|subject_user)_id$'
              OR c.column_name ~ '_by$')
      UNION
      -- a direct room's key is the two people's ids
      SELECT 'rooms', 'direct_key'
      UNION
      SELECT 'users', 'id'`);
    const out = new Map<string, string[]>();
    for (const r of rows) out.set(r.table_name, [...(out.get(r.table_name) ?? []), r.column_name]);
    return out;
  }

  it('finds the tables it must (the check is not vacuous)', async () => {
    const tables = await tablesReferringToPeople();
    for (const known of ['users', 'auth_sessions', 'messages', 'message_reactions', 'room_members', 'rooms', 'user_blocks', 'notifications', 'audit_log', 'group_members']) {
      expect(tables.has(known)).toBe(true);
    }
  });

  it('every one of them is covered by a registered personal-data contributor', async () => {
    const covered = t.app.get(PersonalDataRegistry).coveredTables();
    const missing = [...(await tablesReferringToPeople()).entries()].filter(([table]) => !covered.has(table)).map(([table, cols]) => `${table} (${cols.join(', ')})`);
    expect(missing).toEqual([]);
  });

  it('every contributor names only tables that exist', async () => {
    const ds = t.app.get(DataSource);
    const existing = new Set(((await ds.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`)) as Array<{ table_name: string }>).map((r) => r.table_name));
    const unknown = [...t.app.get(PersonalDataRegistry).coveredTables()].filter((x) => !existing.has(x));
    expect(unknown).toEqual([]);
  });
});
