import { validateEnv } from './env.validation';

describe('validateEnv', () => {
  it('accepts an empty environment (everything optional in development)', () => {
    expect(() => validateEnv({})).not.toThrow();
  });

  it('names the variable and the problem for a bad PORT, without echoing other variables', () => {
    expect(() => validateEnv({ PORT: 'eighty' })).toThrow(/^Invalid configuration: PORT .*integer/);
  });

  it('refuses a DATABASE_URL that is not a postgres URL', () => {
    expect(() => validateEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL must be a postgres/);
  });

  it('requires JWT_SECRET in production', () => {
    expect(() => validateEnv({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET is required/);
  });

  it('refuses a short JWT_SECRET', () => {
    expect(() => validateEnv({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET must be at least 32/);
  });

  it('refuses an ADMIN_USERNAME without ADMIN_PASSWORD', () => {
    expect(() => validateEnv({ ADMIN_USERNAME: 'root_admin' })).toThrow(/set together/);
  });

  it('refuses a malformed CORS_ORIGINS list', () => {
    expect(() => validateEnv({ CORS_ORIGINS: 'example.com' })).toThrow(/CORS_ORIGINS/);
    expect(() => validateEnv({ CORS_ORIGINS: 'https://a.example, http://localhost:5173' })).not.toThrow();
  });

  it('accepts LOG_FORMAT pretty or json and names it when it is anything else', () => {
    expect(() => validateEnv({ LOG_FORMAT: 'pretty' })).not.toThrow();
    expect(() => validateEnv({ LOG_FORMAT: 'json' })).not.toThrow();
    expect(() => validateEnv({ LOG_FORMAT: 'colour' })).toThrow(/^Invalid configuration: LOG_FORMAT must be one of/);
  });

  it('converts numeric strings', () => {
    expect(validateEnv({ PORT: '8080' }).PORT).toBe(8080);
  });

  it('validates the notification pruning settings, naming the variable', () => {
    expect(validateEnv({ NOTIFICATIONS_READ_RETENTION_DAYS: '14', NOTIFICATIONS_PRUNE_INTERVAL_MINUTES: '0' })).toEqual(
      expect.objectContaining({ NOTIFICATIONS_READ_RETENTION_DAYS: 14, NOTIFICATIONS_PRUNE_INTERVAL_MINUTES: 0 }),
    );
    expect(() => validateEnv({ NOTIFICATIONS_READ_RETENTION_DAYS: '0' })).toThrow(/NOTIFICATIONS_READ_RETENTION_DAYS/);
    expect(() => validateEnv({ NOTIFICATIONS_READ_RETENTION_DAYS: 'soon' })).toThrow(/NOTIFICATIONS_READ_RETENTION_DAYS must be an integer/);
    expect(() => validateEnv({ NOTIFICATIONS_PRUNE_INTERVAL_MINUTES: '-5' })).toThrow(/NOTIFICATIONS_PRUNE_INTERVAL_MINUTES/);
  });
});
