import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { startEmbeddedPostgres } from '../../libs/database/src/embedded-postgres';
import { migrations } from '../../libs/database/src/migrations';
import { runMigrationsLocked } from '../../libs/database/src/run-migrations';

/*
 * Once per `npm test`: a real PostgreSQL (DATABASE_URL, or an embedded one in a
 * temp dir), a template database migrated with the real migrations, and env
 * for the suites, which each clone the template into a database of their own.
 */
export default async function globalSetup(): Promise<void> {
  const runId = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'hearth-test-pg-'));
    const handle = await startEmbeddedPostgres({ dir: join(dir, 'cluster'), persistent: false, database: 'postgres' });
    (globalThis as Record<string, unknown>).__HEARTH_EMBEDDED__ = handle;
    adminUrl = handle.url;
  }
  const template = `hearth_test_${runId}_tpl`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${template}"`);
  await admin.end();

  const templateUrl = withDatabase(adminUrl, template);
  const ds = await new DataSource({ type: 'postgres', url: templateUrl, migrations }).initialize();
  await runMigrationsLocked(ds);
  await ds.destroy();

  process.env.HEARTH_TEST_ADMIN_URL = adminUrl;
  process.env.HEARTH_TEST_TEMPLATE_DB = template;
  process.env.HEARTH_TEST_RUN_ID = runId;
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
