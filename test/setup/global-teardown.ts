import { Client } from 'pg';

export default async function globalTeardown(): Promise<void> {
  const adminUrl = process.env.HEARTH_TEST_ADMIN_URL;
  const runId = process.env.HEARTH_TEST_RUN_ID;
  const embedded = (globalThis as Record<string, unknown>).__HEARTH_EMBEDDED__ as { stop(): Promise<void> } | undefined;
  if (adminUrl && runId && !embedded) {
    // A shared server: drop what this run created. (An embedded one is thrown away whole.)
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`hearth_test_${runId}_%`]);
    for (const { datname } of rows) {
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => undefined);
    }
    await admin.end();
  }
  if (embedded) await embedded.stop();
}
