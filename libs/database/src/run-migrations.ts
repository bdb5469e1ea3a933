import { DataSource } from 'typeorm';

// Any constant works; it only has to be the same for every Hearth instance.
const MIGRATION_LOCK_KEY = 4_815_162_342;

/**
 * Runs pending migrations under a session advisory lock, so several instances
 * starting together apply them once, one after the other.
 */
export async function runMigrationsLocked(ds: DataSource): Promise<void> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await ds.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}
