import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createTestApp, TestApp } from './support/test-app';

describe('platform edges', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { CORS_ORIGINS: 'https://hearth.example' } });
  });
  afterAll(() => t.close());

  it('GET /api/health is 200 when the database answers', async () => {
    const res = await t.http().get('/api/health').expect(200);
    expect(res.body.info.database.status).toBe('up');
  });

  it('serves Swagger UI at /docs and OpenAPI at /docs-json describing every route', async () => {
    await t.http().get('/docs').expect(200);
    const res = await t.http().get('/docs-json').expect(200);
    const paths = Object.keys(res.body.paths);
    for (const p of ['/api/health', '/api/auth/register', '/api/auth/login', '/api/auth/refresh', '/api/auth/logout', '/api/auth/password', '/api/me', '/api/admin/users/{userId}']) {
      expect(paths).toContain(p);
    }
    // Every route the app mapped appears in the document.
    const router = t.app.getHttpAdapter().getInstance()._router ?? t.app.getHttpAdapter().getInstance().router;
    const mapped = new Set<string>();
    for (const layer of router.stack) {
      // The web client's fallback route is a RegExp (every path but the API's): not an API route.
      if (typeof layer.route?.path === 'string' && layer.route.path.startsWith('/api/') && !layer.route.path.includes('*')) mapped.add(layer.route.path.replace(/:(\w+)/g, '{$1}'));
    }
    for (const p of mapped) expect(paths).toContain(p);
    expect(res.body.components.schemas.RegisterDto).toBeDefined();
  });

  it('sets security headers (helmet) and honours the CORS allowlist', async () => {
    const ok = await t.http().get('/api/health').set('Origin', 'https://hearth.example');
    expect(ok.headers['access-control-allow-origin']).toBe('https://hearth.example');
    expect(ok.headers['x-content-type-options']).toBe('nosniff');
    const other = await t.http().get('/api/health').set('Origin', 'https://evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('a bad configuration value stops start-up with one line naming the variable', () => {
    const root = join(__dirname, '..');
    const res = spawnSync(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', join(root, 'apps/api/src/main.ts')],
      { cwd: root, env: { ...process.env, PORT: 'not-a-port', TS_NODE_PROJECT: join(root, 'tsconfig.json') }, encoding: 'utf8', timeout: 60_000 },
    );
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/Hearth failed to start: Invalid configuration: PORT must be an integer/);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
  });
});
