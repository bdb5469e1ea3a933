import { createTestApp, TestApp } from './support/test-app';
import { PASSWORD, registerUser, uniqueName } from './support/users';

describe('login and register throttling', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { AUTH_THROTTLE_LIMIT: '3' } });
  });
  afterAll(() => t.close());

  it('limits login attempts per username with 429, Retry-After and the error shape', async () => {
    const u = await registerUser(t, 'thr');
    for (let i = 0; i < 3; i++) {
      await t.http().post('/api/auth/login').set('X-Forwarded-For', `10.0.0.${i + 1}`).send({ username: u.username, password: 'wrong wrong wrong' }).expect(401);
    }
    // A fourth try from yet another address is still refused: the limit follows the username.
    const res = await t.http().post('/api/auth/login').set('X-Forwarded-For', '10.0.0.99').send({ username: u.username, password: PASSWORD }).expect(429);
    expect(res.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED', requestId: expect.any(String) });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('limits register attempts per client address', async () => {
    const ip = '10.1.1.1';
    for (let i = 0; i < 2; i++) {
      await t.http().post('/api/auth/register').set('X-Forwarded-For', ip).send({ username: uniqueName('r'), password: PASSWORD }).expect(201);
    }
    await t.http().post('/api/auth/register').set('X-Forwarded-For', ip).send({ username: uniqueName('r'), password: PASSWORD }).expect(201);
    const res = await t.http().post('/api/auth/register').set('X-Forwarded-For', ip).send({ username: uniqueName('r'), password: PASSWORD }).expect(429);
    expect(res.body.code).toBe('RATE_LIMITED');
    // Another address is not affected.
    await t.http().post('/api/auth/register').set('X-Forwarded-For', '10.1.1.2').send({ username: uniqueName('r'), password: PASSWORD }).expect(201);
  });
});
