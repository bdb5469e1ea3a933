import { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import type { AppModule as AppModuleType } from '../../apps/api/src/app.module';

export interface TestApp {
  app: INestApplication;
  /** Base URL of the listening server (for socket.io clients). */
  url: string;
  databaseUrl: string;
  http: () => ReturnType<typeof request>;
  close: () => Promise<void>;
}

const TEST_ENV: Record<string, string> = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-signing-0123456789',
  AUTH_THROTTLE_LIMIT: '100000',
  API_THROTTLE_LIMIT: '1000000',
  CHAT_SEND_BURST: '1000',
  CHAT_SEND_PER_SECOND: '1000',
  SOCKET_MAX_CONNECTIONS_PER_USER: '100',
  // Test accounts are minutes old; suites about new-account limits turn this back on.
  MODERATION_NEW_ACCOUNT_HOURS: '0',
};

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** A database of this suite's own, cloned from the migrated template made by the global setup. */
export async function createTestDatabase(): Promise<string> {
  const adminUrl = process.env.HEARTH_TEST_ADMIN_URL!;
  const name = `hearth_test_${process.env.HEARTH_TEST_RUN_ID}_${randomBytes(5).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${process.env.HEARTH_TEST_TEMPLATE_DB}"`);
  } finally {
    await admin.end();
  }
  return withDatabase(adminUrl, name);
}

/**
 * Boots the real AppModule (real PostgreSQL, real migrations) on a random port.
 * `env` overrides the test defaults; it must be given on the suite's first call,
 * because configuration is read when AppModule is first imported. `imports` adds
 * test modules beside AppModule (e.g. one that registers a hook); it is a function
 * so the suite can require libs only once the env is set.
 */
export async function createTestApp(
  options: { env?: Record<string, string>; databaseUrl?: string; imports?: () => Array<Type | DynamicModule> } = {},
): Promise<TestApp> {
  const databaseUrl = options.databaseUrl ?? (await createTestDatabase());
  Object.assign(process.env, TEST_ENV, { DATA_DIR: mkdtempSync(join(tmpdir(), 'hearth-test-data-')) }, options.env ?? {}, {
    DATABASE_URL: databaseUrl,
  });
  // Imported only now, so configuration sees the env above.
  const { AppModule } = require('../../apps/api/src/app.module') as { AppModule: typeof AppModuleType };
  const { configureApp } = require('../../apps/api/src/configure-app') as typeof import('../../apps/api/src/configure-app');
  const moduleRef = await Test.createTestingModule({ imports: [AppModule, ...(options.imports?.() ?? [])] }).compile();
  const app = moduleRef.createNestApplication({ bufferLogs: true });
  await configureApp(app);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    url: `http://127.0.0.1:${address.port}`,
    databaseUrl,
    http: () => request(app.getHttpServer()),
    close: () => app.close(),
  };
}
