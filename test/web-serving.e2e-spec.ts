import { execSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createTestApp, type TestApp } from './support/test-app';

/*
 * `npm start` serves the web client at `/` (apps/web built into dist/web) beside the API.
 * Client routes fall back to index.html; the API, the docs, socket.io and missing assets keep
 * their own answers.
 */
const webDir = join(__dirname, '..', 'dist', 'web');

describe('the web client served by the API', () => {
  let t: TestApp;
  let asset: string;

  beforeAll(async () => {
    if (!existsSync(join(webDir, 'index.html'))) {
      execSync('npm run build -w apps/web', { cwd: join(__dirname, '..'), stdio: 'ignore' });
    }
    asset = readdirSync(join(webDir, 'assets')).find((f) => f.endsWith('.js'))!;
    t = await createTestApp();
  }, 120_000);
  afterAll(() => t?.close());

  it('serves index.html at / and revalidates it on every load', async () => {
    const res = await t.http().get('/').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('<div id="root"></div>');
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('falls back to index.html for client routes', async () => {
    for (const path of ['/home', '/groups/6a1c0b0e-0000-4000-8000-000000000000/chat', '/settings', '/invite']) {
      const res = await t.http().get(path).expect(200);
      expect(res.text).toContain('<div id="root"></div>');
    }
  });

  it('caches hashed assets for a year, immutably', async () => {
    const res = await t.http().get(`/assets/${asset}`).expect(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('answers a missing asset with a JSON 404, never index.html', async () => {
    const res = await t.http().get('/assets/index-doesnotexist.js').expect(404);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body).toMatchObject({ statusCode: 404, code: 'ROUTE_NOT_FOUND' });
  });

  it('leaves /api to the API: JSON answers, and a JSON 404 for an unknown route', async () => {
    await t.http().get('/api/health').expect(200).expect('Content-Type', /json/);
    const res = await t.http().get('/api/no-such-route').expect(404);
    expect(res.body).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
    await t.http().get('/api/me').expect(401).expect('Content-Type', /json/);
  });

  it("keeps the API's answers to bad requests (malformed JSON, NUL, unknown fields), never a 404 from the client's wiring", async () => {
    const bad = await t.http().post('/api/auth/register').set('Content-Type', 'application/json').send('{"username":').expect(400);
    expect(bad.headers['content-type']).toMatch(/json/);
    await t.http().post('/api/auth/register').send({ username: 'abc_def', password: 'a long enough passphrase', displayName: 'a\u0000b' }).expect(400);
    await t.http().post('/api/auth/login').send({ username: 'x', password: 'y', extra: 1 }).expect(400);
  });

  it('leaves /docs and /docs-json to the OpenAPI docs', async () => {
    const json = await t.http().get('/docs-json').expect(200);
    expect(json.body.openapi).toMatch(/^3\./);
    const ui = await t.http().get('/docs').expect(200);
    expect(ui.text).not.toContain('<div id="root"></div>');
    expect(ui.text.toLowerCase()).toContain('swagger');
  });

  it('leaves /socket.io to socket.io', async () => {
    const res = await t.http().get('/socket.io/?EIO=4&transport=polling');
    expect(res.text).not.toContain('<div id="root"></div>');
    expect(res.headers['content-type'] ?? '').not.toMatch(/text\/html/);
  });

  it('does not answer other methods with the client', async () => {
    const res = await t.http().post('/home').send({}).expect(404);
    expect(res.body).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
  });

  it('keeps a strict content security policy: scripts from this origin only, no eval', async () => {
    const res = await t.http().get('/').expect(200);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});
