import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../libs/database/src/embedded-postgres';

/*
 * Once per fault run: initialise an embedded PostgreSQL cluster (as `npm start`
 * does) in a temp dir, then stop it; the suite runs its postmaster itself
 * (test/faults/support/database.ts) so it can stop, crash and freeze it.
 */
export default async function globalSetup(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-faults-pg-'));
  const handle = await startEmbeddedPostgres({ dir: join(dir, 'cluster'), persistent: true, database: 'postgres' });
  await handle.stop();
  process.env.FAULTS_PG_DIR = dir;
  process.env.FAULTS_PG_URL = handle.url;
}
