import { registerAs } from '@nestjs/config';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/*
 * The only place that reads process.env. Values have already been validated by
 * `validateEnv`, so parsing here is plain.
 */

const env = (name: string): string | undefined => {
  const v = process.env[name];
  return v === undefined || v === '' ? undefined : v;
};
const int = (name: string, fallback: number) => {
  const v = env(name);
  return v === undefined ? fallback : Number(v);
};

export const dataDir = () => resolve(env('DATA_DIR') ?? './.data');
export const nodeEnv = () => (env('NODE_ENV') ?? 'development') as 'development' | 'production' | 'test';

export const appConfig = registerAs('app', () => ({
  nodeEnv: nodeEnv(),
  port: int('PORT', 3000),
  dataDir: dataDir(),
  /** Empty list = same-origin only; ['*'] = any origin (development convenience). */
  corsOrigins: (env('CORS_ORIGINS') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
  logLevel: env('LOG_LEVEL') ?? (env('NODE_ENV') === 'test' ? 'silent' : 'info'),
  /** Readable lines for a person at a terminal in development; JSON for machines everywhere else. */
  logFormat: (env('LOG_FORMAT') ?? (nodeEnv() === 'development' && process.stdout.isTTY ? 'pretty' : 'json')) as
    | 'pretty'
    | 'json',
  apiThrottleLimit: int('API_THROTTLE_LIMIT', 600),
  /** On SIGTERM: how long the instance may take to finish the work it accepted before it closes. */
  shutdownDrainMs: int('SHUTDOWN_DRAIN_MS', 10_000),
}));

export const databaseConfig = registerAs('database', () => ({
  /** Unset: an embedded PostgreSQL is started under `${dataDir}/postgres`. */
  url: env('DATABASE_URL'),
  poolSize: int('DATABASE_POOL_SIZE', 10),
}));

/** In development a secret is generated once and kept under DATA_DIR so tokens survive restarts. */
function jwtSecret(): string {
  const given = env('JWT_SECRET');
  if (given) return given;
  const dir = dataDir();
  const file = join(dir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export const authConfig = registerAs('auth', () => ({
  jwtSecret: jwtSecret(),
  jwtIssuer: 'hearth',
  jwtAudience: 'hearth-api',
  accessTokenTtlSeconds: int('ACCESS_TOKEN_TTL_SECONDS', 15 * 60),
  refreshTokenTtlSeconds: int('REFRESH_TOKEN_TTL_SECONDS', 30 * 24 * 3600),
  adminUsername: env('ADMIN_USERNAME'),
  adminPassword: env('ADMIN_PASSWORD'),
  /** Attempts per minute on login/register, per client address and per username. */
  throttleLimit: int('AUTH_THROTTLE_LIMIT', 10),
}));

export const realtimeConfig = registerAs('realtime', () => {
  const redisUrl = env('REDIS_URL');
  return {
    redisUrl,
    adapter: (env('SOCKET_ADAPTER') ?? (redisUrl ? 'redis' : 'none')) as 'none' | 'postgres' | 'redis',
    sendBurst: int('CHAT_SEND_BURST', 10),
    sendPerSecond: int('CHAT_SEND_PER_SECOND', 1),
    maxConnectionsPerUser: int('SOCKET_MAX_CONNECTIONS_PER_USER', 10),
  };
});

/** Moderation defaults (per-community settings live in the database). */
export const moderationConfig = registerAs('moderation', () => ({
  /** Accounts younger than this cannot post links or open direct conversations with non-peers (0 turns it off). */
  newAccountHours: int('MODERATION_NEW_ACCOUNT_HOURS', 24),
  /** How often expired account suspensions are lifted. */
  sweepSeconds: int('MODERATION_SWEEP_SECONDS', 30),
}));

export const notificationsConfig = registerAs('notifications', () => ({
  /** Read notifications older than this are deleted; unread ones are kept however old. */
  readRetentionDays: int('NOTIFICATIONS_READ_RETENTION_DAYS', 30),
  /** How often each instance prunes (0 turns pruning off). */
  pruneIntervalMinutes: int('NOTIFICATIONS_PRUNE_INTERVAL_MINUTES', 60),
}));

export type AppConfig = ReturnType<typeof appConfig>;
export type DatabaseConfig = ReturnType<typeof databaseConfig>;
export type AuthConfig = ReturnType<typeof authConfig>;
export type RealtimeConfig = ReturnType<typeof realtimeConfig>;
export type ModerationConfig = ReturnType<typeof moderationConfig>;
export type NotificationsConfig = ReturnType<typeof notificationsConfig>;
