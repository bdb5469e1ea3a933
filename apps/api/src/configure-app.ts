import { INestApplication } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@hearth/config';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { HearthIoAdapter } from '@hearth/realtime';
import { createValidationPipe } from '@hearth/common';
import { DOCS_JSON_PATH, DOCS_PATH, setupOpenApi } from './openapi';

/** Everything `main.ts` and the end-to-end tests share: one way to wire the app. */
export function configureApp(app: INestApplication): void {
  const config = app.get(ConfigService);
  const express = app as NestExpressApplication;
  app.useLogger(app.get(Logger));
  // Behind the compose load balancer: take the client address from X-Forwarded-For set by private-range proxies only.
  express.set('trust proxy', 'loopback, linklocal, uniquelocal');
  express.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          scriptSrc: ["'self'"],
        },
      },
    }),
  );
  const origins = config.getOrThrow<AppConfig>('app').corsOrigins;
  app.enableCors({
    origin: origins.includes('*') ? true : origins,
    credentials: false,
    exposedHeaders: ['X-Request-Id', 'Retry-After'],
  });
  app.setGlobalPrefix('api', { exclude: [DOCS_PATH, DOCS_JSON_PATH] });
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  app.useWebSocketAdapter(new HearthIoAdapter(app));

  setupOpenApi(app);
}
