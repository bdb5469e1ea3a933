import 'reflect-metadata';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { AppConfig, assertValidEnvironment, nodeEnv } from '@hearth/config';
import { configureApp } from '../configure-app';
import { DEMO_COMMUNITY } from './demo-content';
import { DemoSeedResult, seedDemo } from './demo-seed';

/*
 * `npm run seed:demo`: loads the demo community into the database `npm start` uses (the embedded
 * PostgreSQL under DATA_DIR, or DATABASE_URL), through a private Hearth instance on a loopback
 * port that lives only as long as the seed. Refused under NODE_ENV=production: the demo accounts
 * share a published password.
 */

export function formatCredentials(result: DemoSeedResult, port: number): string {
  const width = Math.max(...result.accounts.map((a) => a.username.length)) + 2;
  const lines = [
    result.alreadyThere
      ? `The demo community "${DEMO_COMMUNITY.name}" is already there (nothing was duplicated).`
      : `The demo community "${DEMO_COMMUNITY.name}" is ready: ${result.groups.length} groups with conversations.`,
    `Start Hearth with \`npm start\`, open http://localhost:${port}/ and sign in as:`,
    '',
    ...result.accounts.map((a) => `  ${a.username.padEnd(width)}${a.password}   ${a.purpose}`),
    '',
    'These accounts share a published password: keep this demo away from real people.',
  ];
  return `${lines.join('\n')}\n`;
}

async function main(): Promise<void> {
  if (nodeEnv() === 'production') {
    throw new Error('npm run seed:demo refuses to run with NODE_ENV=production: the demo accounts share a published password.');
  }
  assertValidEnvironment();
  // This private instance serves only the seed: quiet logs, and room for a dozen sign-ups in a minute.
  process.env.LOG_LEVEL = 'warn';
  process.env.AUTH_THROTTLE_LIMIT = '1000';
  const { AppModule } = await import('../app.module');
  // Start-up failures (e.g. the embedded database already in use by `npm start`) reach the one-line message below.
  const app = await NestFactory.create(AppModule, { logger: false, abortOnError: false });
  try {
    configureApp(app);
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as { port: number };
    process.stdout.write('Loading the demo community…\n');
    const result = await seedDemo(app, `http://127.0.0.1:${port}`, (line) => process.stdout.write(`  ${line}\n`));
    process.stdout.write(`\n${formatCredentials(result, app.get(ConfigService).getOrThrow<AppConfig>('app').port)}`);
  } finally {
    await app.close();
  }
}

if (require.main === module) {
  main().catch((err: Error) => {
    process.stderr.write(`Demo seed failed: ${err?.message ?? String(err)}\n`);
    process.exit(1);
  });
}
