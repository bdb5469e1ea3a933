import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigService } from '@nestjs/config';
import { AppConfig, assertValidEnvironment } from '@hearth/config';
import { configureApp } from './configure-app';

async function bootstrap(): Promise<void> {
  // Validate before AppModule is imported: its imports read configuration on load.
  assertValidEnvironment();
  const { AppModule } = await import('./app.module');
  const app = await NestFactory.create(AppModule, { bufferLogs: true });
  configureApp(app);
  const port = app.get(ConfigService).getOrThrow<AppConfig>('app').port;
  await app.listen(port);
  process.stdout.write(`Hearth is listening on http://localhost:${port} (API /api, docs /docs, socket.io /socket.io)\n`);
}

bootstrap().catch((err: Error) => {
  // Configuration errors are one readable line; anything else keeps its stack.
  const message = err?.message?.startsWith('Invalid configuration') ? err.message : (err?.stack ?? String(err));
  process.stderr.write(`Hearth failed to start: ${message}\n`);
  process.exit(1);
});
