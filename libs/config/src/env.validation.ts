import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MinLength,
  Min,
  validateSync,
  ValidationError,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : value;

/**
 * Every environment variable Hearth reads. Validated once at boot; a bad value
 * stops start-up with one line naming the variable (see `validateEnv`).
 */
export class EnvironmentVariables {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV?: 'development' | 'production' | 'test';

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT?: number;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  DATA_DIR?: string;

  @IsOptional()
  @Matches(/^rediss?:\/\/\S+$/, { message: 'must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  @IsOptional()
  @IsIn(['none', 'postgres', 'redis'])
  SOCKET_ADAPTER?: 'none' | 'postgres' | 'redis';

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  JWT_SECRET?: string;

  @IsOptional()
  @Matches(/^(\*|https?:\/\/[^,\s]+(\s*,\s*https?:\/\/[^,\s]+)*)$/, {
    message: 'must be * or a comma-separated list of http(s) origins',
  })
  CORS_ORIGINS?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9_.-]{3,32}$/, { message: 'must be 3-32 letters, digits, _ - or .' })
  ADMIN_USERNAME?: string;

  @IsOptional()
  @IsString()
  @MinLength(10, { message: 'must be at least 10 characters' })
  ADMIN_PASSWORD?: string;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: string;

  @IsOptional()
  @IsIn(['pretty', 'json'])
  LOG_FORMAT?: 'pretty' | 'json';

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(86400)
  ACCESS_TOKEN_TTL_SECONDS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(3600)
  @Max(31536000)
  REFRESH_TOKEN_TTL_SECONDS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100000)
  AUTH_THROTTLE_LIMIT?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000000)
  API_THROTTLE_LIMIT?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  CHAT_SEND_BURST?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000)
  CHAT_SEND_PER_SECOND?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  SOCKET_MAX_CONNECTIONS_PER_USER?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3650)
  NOTIFICATIONS_READ_RETENTION_DAYS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10080)
  NOTIFICATIONS_PRUNE_INTERVAL_MINUTES?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(720)
  MODERATION_NEW_ACCOUNT_HOURS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  MODERATION_SWEEP_SECONDS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(300000)
  SHUTDOWN_DRAIN_MS?: number;
}

// A value of the wrong kind is reported as that alone, not with its range checks.
const TYPE_CONSTRAINTS = ['isInt', 'isString', 'isIn', 'matches'];

function describe(error: ValidationError): string {
  const constraints = error.constraints ?? {};
  const typeKey = TYPE_CONSTRAINTS.find((k) => k in constraints && k !== 'matches');
  const picked = typeKey ? [constraints[typeKey]] : Object.values(constraints);
  const reasons = picked.map((m) =>
    m.replace(new RegExp(`^${error.property}\\s+`), ''),
  );
  return `${error.property} ${reasons.join('; ')}`;
}

/** `ConfigModule.forRoot({ validate })` hook: one line per bad variable, value never echoed. */
export function validateEnv(config: Record<string, unknown>): Record<string, unknown> {
  const env = plainToInstance(EnvironmentVariables, config, { enableImplicitConversion: false });
  const errors = validateSync(env, { skipMissingProperties: false, whitelist: false });
  if (env.NODE_ENV === 'production' && !env.JWT_SECRET) {
    throw new Error('Invalid configuration: JWT_SECRET is required when NODE_ENV=production');
  }
  if (errors.length > 0) {
    throw new Error(`Invalid configuration: ${errors.map(describe).join(' | ')}`);
  }
  if ((env.ADMIN_USERNAME && !env.ADMIN_PASSWORD) || (!env.ADMIN_USERNAME && env.ADMIN_PASSWORD)) {
    throw new Error('Invalid configuration: ADMIN_USERNAME and ADMIN_PASSWORD must be set together');
  }
  return { ...config, ...stripUndefined(env) };
}

function stripUndefined(o: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/** For `main.ts`: fails fast, before any module is imported, with the same one-line message. */
export function assertValidEnvironment(): void {
  validateEnv({ ...process.env });
}
