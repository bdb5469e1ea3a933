import { createTestApp, TestApp } from './support/test-app';
import { bearer, PASSWORD, registerAdmin, registerUser, uniqueName } from './support/users';

describe('accounts and auth', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  describe('register', () => {
    it('creates an account with a pseudonym only and returns tokens and the profile (no secrets)', async () => {
      const username = uniqueName('River');
      const res = await t.http().post('/api/auth/register').send({ username, password: PASSWORD, displayName: 'River' }).expect(201);
      expect(res.body).toEqual({
        user: expect.objectContaining({ username, displayName: 'River', role: 'member', status: 'active', privacy: { dmPolicy: 'shared_groups', showPresence: true } }),
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
        expiresIn: 900,
      });
      expect(JSON.stringify(res.body)).not.toMatch(/passwordHash|argon2/);
    });

    it('refuses a username taken in another case with USERNAME_TAKEN', async () => {
      const u = await registerUser(t, 'Case');
      const res = await t.http().post('/api/auth/register').send({ username: u.username.toUpperCase(), password: PASSWORD }).expect(409);
      expect(res.body.code).toBe('USERNAME_TAKEN');
    });

    it('refuses a password equal to the username and a common password', async () => {
      const username = uniqueName('weakling');
      const same = await t.http().post('/api/auth/register').send({ username, password: username }).expect(400);
      expect(same.body.code).toBe('WEAK_PASSWORD');
      const common = await t.http().post('/api/auth/register').send({ username, password: 'password123' }).expect(400);
      expect(common.body.code).toBe('WEAK_PASSWORD');
    });

    it.each([
      ['missing password', { username: 'abc_def' }, 'password'],
      ['missing username', { password: PASSWORD }, 'username'],
      ['extra field', { username: 'abc_def', password: PASSWORD, role: 'admin' }, 'role'],
      ['wrong type', { username: 12345, password: PASSWORD }, 'username'],
      ['username too short', { username: 'ab', password: PASSWORD }, 'username'],
      ['username too long', { username: 'a'.repeat(33), password: PASSWORD }, 'username'],
      ['username with spaces', { username: 'a b c', password: PASSWORD }, 'username'],
      ['password too short', { username: 'abc_def', password: 'short' }, 'password'],
      ['password too long', { username: 'abc_def', password: 'x'.repeat(300) }, 'password'],
      ['display name too long', { username: 'abc_def', password: PASSWORD, displayName: 'x'.repeat(65) }, 'displayName'],
      ['NUL in display name', { username: 'abc_def', password: PASSWORD, displayName: 'a\u0000b' }, 'displayName'],
    ])('refuses %s with 400 naming the field', async (_name, body, field) => {
      const res = await t.http().post('/api/auth/register').send(body).expect(400);
      expect(res.body).toEqual({
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: expect.any(String),
        details: expect.arrayContaining([expect.objectContaining({ field })]),
        requestId: expect.any(String),
      });
    });

    it('refuses prototype-pollution keys', async () => {
      const res = await t
        .http()
        .post('/api/auth/register')
        .set('Content-Type', 'application/json')
        .send('{"username":"abc_def","password":"a long enough passphrase","__proto__":{"role":"admin"}}')
        .expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details[0].field).toBe('__proto__');
    });

    it('answers malformed JSON, an array body and a non-JSON body with 4xx, never 500', async () => {
      const bad = await t.http().post('/api/auth/register').set('Content-Type', 'application/json').send('{"username":').expect(400);
      expect(bad.body).toMatchObject({ statusCode: 400, code: 'BAD_REQUEST', requestId: expect.any(String) });
      const arr = await t.http().post('/api/auth/register').send([1, 2]);
      expect(arr.status).toBe(400);
      const text = await t.http().post('/api/auth/register').set('Content-Type', 'text/plain').send('hello');
      expect(text.status).toBe(400);
    });

    it('refuses a body over the size limit with 413', async () => {
      const res = await t.http().post('/api/auth/register').send({ username: 'abc_def', password: PASSWORD, displayName: 'x'.repeat(200_000) });
      expect(res.status).toBe(413);
      expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
    });
  });

  describe('login', () => {
    it('logs in case-insensitively and opens a new session', async () => {
      const u = await registerUser(t, 'Login');
      const res = await t.http().post('/api/auth/login').send({ username: u.username.toUpperCase(), password: PASSWORD }).expect(200);
      expect(res.body.user.id).toBe(u.id);
      expect(res.body.refreshToken).not.toBe(u.refreshToken);
    });

    it('answers a wrong password and an unknown user the same way', async () => {
      const u = await registerUser(t, 'wrong');
      const a = await t.http().post('/api/auth/login').send({ username: u.username, password: 'not the password' }).expect(401);
      const b = await t.http().post('/api/auth/login').send({ username: uniqueName('ghost'), password: 'not the password' }).expect(401);
      expect(a.body.code).toBe('INVALID_CREDENTIALS');
      expect(b.body.code).toBe('INVALID_CREDENTIALS');
      expect(a.body.message).toBe(b.body.message);
    });

    it.each([
      ['missing fields', {}],
      ['wrong types', { username: ['a'], password: 5 }],
      ['extra field', { username: 'abc', password: 'x', remember: true }],
      ['over-long username', { username: 'x'.repeat(100), password: 'x' }],
      ['NUL in password', { username: 'abc', password: 'a\u0000' }],
    ])('refuses %s with 400', async (_n, body) => {
      const res = await t.http().post('/api/auth/login').send(body).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('refresh rotation', () => {
    it('rotates: the new pair works and the used refresh token is dead', async () => {
      const u = await registerUser(t, 'rot');
      const first = await t.http().post('/api/auth/refresh').send({ refreshToken: u.refreshToken }).expect(200);
      expect(first.body).toEqual({ accessToken: expect.any(String), refreshToken: expect.any(String), expiresIn: 900 });
      await t.http().get('/api/me').set(bearer(first.body)).expect(200);
      const second = await t.http().post('/api/auth/refresh').send({ refreshToken: first.body.refreshToken }).expect(200);
      expect(second.body.refreshToken).not.toBe(first.body.refreshToken);
    });

    it('reusing a rotated refresh token revokes the whole session family', async () => {
      const u = await registerUser(t, 'reuse');
      const rotated = await t.http().post('/api/auth/refresh').send({ refreshToken: u.refreshToken }).expect(200);
      const reuse = await t.http().post('/api/auth/refresh').send({ refreshToken: u.refreshToken }).expect(401);
      expect(reuse.body.code).toBe('TOKEN_REUSED');
      // The legitimate holder of the newest token is logged out too, and so is its access token.
      const after = await t.http().post('/api/auth/refresh').send({ refreshToken: rotated.body.refreshToken }).expect(401);
      expect(after.body.code).toBe('TOKEN_INVALID');
      await t.http().get('/api/me').set(bearer(rotated.body)).expect(401);
    });

    it('refuses garbage tokens with 401 TOKEN_INVALID', async () => {
      for (const refreshToken of ['nope', 'a.b', '00000000-0000-0000-0000-000000000000.xyz']) {
        const res = await t.http().post('/api/auth/refresh').send({ refreshToken }).expect(401);
        expect(res.body.code).toBe('TOKEN_INVALID');
      }
      await t.http().post('/api/auth/refresh').send({ refreshToken: 5 }).expect(400);
      await t.http().post('/api/auth/refresh').send({}).expect(400);
    });
  });

  describe('logout', () => {
    it('revokes the session: refresh and the access token stop working, other sessions do not', async () => {
      const u = await registerUser(t, 'bye');
      const other = await t.http().post('/api/auth/login').send({ username: u.username, password: PASSWORD }).expect(200);
      await t.http().post('/api/auth/logout').send({ refreshToken: u.refreshToken }).expect(204);
      await t.http().post('/api/auth/refresh').send({ refreshToken: u.refreshToken }).expect(401);
      await t.http().get('/api/me').set(bearer(u)).expect(401);
      await t.http().get('/api/me').set(bearer(other.body)).expect(200);
      // Idempotent.
      await t.http().post('/api/auth/logout').send({ refreshToken: u.refreshToken }).expect(204);
    });
  });

  describe('password change', () => {
    it('needs the current password, ends every other session and returns a working fresh pair', async () => {
      const u = await registerUser(t, 'pw');
      const other = await t.http().post('/api/auth/login').send({ username: u.username, password: PASSWORD }).expect(200);
      const wrong = await t.http().post('/api/auth/password').set(bearer(u)).send({ currentPassword: 'nope nope nope', newPassword: 'another long passphrase' }).expect(401);
      expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
      const res = await t.http().post('/api/auth/password').set(bearer(u)).send({ currentPassword: PASSWORD, newPassword: 'another long passphrase' }).expect(200);
      await t.http().get('/api/me').set(bearer(other.body)).expect(401);
      await t.http().post('/api/auth/refresh').send({ refreshToken: other.body.refreshToken }).expect(401);
      await t.http().get('/api/me').set(bearer(res.body)).expect(200);
      await t.http().post('/api/auth/login').send({ username: u.username, password: PASSWORD }).expect(401);
      await t.http().post('/api/auth/login').send({ username: u.username, password: 'another long passphrase' }).expect(200);
    });

    it('refuses a weak new password and bad input', async () => {
      const u = await registerUser(t, 'pw2');
      const weak = await t.http().post('/api/auth/password').set(bearer(u)).send({ currentPassword: PASSWORD, newPassword: '1234567890' }).expect(400);
      expect(weak.body.code).toBe('WEAK_PASSWORD');
      await t.http().post('/api/auth/password').set(bearer(u)).send({ currentPassword: PASSWORD }).expect(400);
      await t.http().post('/api/auth/password').send({ currentPassword: PASSWORD, newPassword: 'another long passphrase' }).expect(401);
    });
  });

  describe('access tokens', () => {
    it('refuses missing, malformed, wrongly signed and alg=none tokens', async () => {
      await t.http().get('/api/me').expect(401);
      await t.http().get('/api/me').set('Authorization', 'Bearer not.a.jwt').expect(401);
      const u = await registerUser(t, 'tok');
      const [h, p] = u.accessToken.split('.');
      await t.http().get('/api/me').set('Authorization', `Bearer ${h}.${p}.AAAA`).expect(401);
      const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
      const res = await t.http().get('/api/me').set('Authorization', `Bearer ${none}.${p}.`).expect(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('profile', () => {
    it('updates profile and privacy settings', async () => {
      const u = await registerUser(t, 'prof');
      const res = await t
        .http()
        .patch('/api/me')
        .set(bearer(u))
        .send({ displayName: 'Sam', pronouns: 'they/them', bio: 'gardening helps', languages: ['en', 'pt-BR'], privacy: { dmPolicy: 'nobody', showPresence: false } })
        .expect(200);
      expect(res.body).toMatchObject({ displayName: 'Sam', pronouns: 'they/them', bio: 'gardening helps', languages: ['en', 'pt-br'], privacy: { dmPolicy: 'nobody', showPresence: false } });
      const again = await t.http().get('/api/me').set(bearer(u)).expect(200);
      expect(again.body.privacy.dmPolicy).toBe('nobody');
    });

    it.each([
      ['role', { role: 'admin' }],
      ['status', { status: 'active' }],
      ['bad dm policy', { privacy: { dmPolicy: 'everyone' } }],
      ['unknown nested field', { privacy: { hacker: true } }],
      ['bad language tag', { languages: ['english!'] }],
      ['over-long bio', { bio: 'x'.repeat(501) }],
      ['wrong type', { displayName: 42 }],
      ['bad theme id', { themeIds: ['not-a-uuid'] }],
    ])('refuses %s in PATCH /me with 400 and changes nothing', async (_n, body) => {
      const u = await registerUser(t, 'patch');
      const before = await t.http().get('/api/me').set(bearer(u)).expect(200);
      const res = await t.http().patch('/api/me').set(bearer(u)).send(body).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      const after = await t.http().get('/api/me').set(bearer(u)).expect(200);
      expect(after.body).toEqual(before.body);
    });
  });

  describe('admin account management', () => {
    it('a platform admin can make a member a peer and suspend them; suspension ends their sessions at once', async () => {
      const admin = await registerAdmin(t);
      const u = await registerUser(t, 'susp');
      const peer = await t.http().patch(`/api/admin/users/${u.id}`).set(bearer(admin)).send({ role: 'peer' }).expect(200);
      expect(peer.body.role).toBe('peer');
      await t.http().patch(`/api/admin/users/${u.id}`).set(bearer(admin)).send({ status: 'suspended', reason: 'spam' }).expect(200);
      const me = await t.http().get('/api/me').set(bearer(u)).expect(401);
      expect(me.body.code).toBe('UNAUTHENTICATED');
      const login = await t.http().post('/api/auth/login').send({ username: u.username, password: PASSWORD }).expect(403);
      expect(login.body.code).toBe('ACCOUNT_SUSPENDED');
      await t.http().post('/api/auth/refresh').send({ refreshToken: u.refreshToken }).expect(401);
      await t.http().patch(`/api/admin/users/${u.id}`).set(bearer(admin)).send({ status: 'active' }).expect(200);
      await t.http().post('/api/auth/login').send({ username: u.username, password: PASSWORD }).expect(200);
    });

    it('members and peers cannot manage accounts (403), anonymous gets 401', async () => {
      const member = await registerUser(t, 'mem');
      const target = await registerUser(t, 'tgt');
      const res = await t.http().patch(`/api/admin/users/${target.id}`).set(bearer(member)).send({ role: 'admin' }).expect(403);
      expect(res.body.code).toBe('FORBIDDEN');
      await t.http().get('/api/admin/users').set(bearer(member)).expect(403);
      await t.http().patch(`/api/admin/users/${target.id}`).send({ role: 'admin' }).expect(401);
    });

    it('refuses bad input: unknown user 404, bad id 400, bad role 400, empty change 400', async () => {
      const admin = await registerAdmin(t);
      await t.http().patch('/api/admin/users/00000000-0000-4000-8000-000000000000').set(bearer(admin)).send({ role: 'peer' }).expect(404);
      await t.http().patch('/api/admin/users/not-a-uuid').set(bearer(admin)).send({ role: 'peer' }).expect(400);
      await t.http().patch(`/api/admin/users/${admin.id}`).set(bearer(admin)).send({ role: 'king' }).expect(400);
      await t.http().patch(`/api/admin/users/${admin.id}`).set(bearer(admin)).send({}).expect(400);
      await t.http().patch(`/api/admin/users/${admin.id}`).set(bearer(admin)).send({ status: 'suspended' }).expect(409);
    });
  });

  describe('error model', () => {
    it('an unknown route is a 404 in the error shape with a request id echoed in the header', async () => {
      const res = await t.http().get('/api/does-not-exist').set('X-Request-Id', 'trace-12345678').expect(404);
      expect(res.body).toEqual({ statusCode: 404, code: 'ROUTE_NOT_FOUND', message: expect.any(String), requestId: 'trace-12345678' });
      expect(res.headers['x-request-id']).toBe('trace-12345678');
    });
  });
});
