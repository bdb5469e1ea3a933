/**
 * Adversarial end-to-end suite: probes the running app the way an attacker or a
 * careless client would. Every REST route comes from the OpenAPI document the app
 * serves, so a new route is fuzzed without anyone remembering to add it here.
 */
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from './support/test-app';
import { bearer, registerAdmin, registerUser, TestUser, PASSWORD } from './support/users';
import { closeAllSockets, ClientSocket, collect, connect, createRoom, emitAck, sleep, waitFor } from './support/sockets';
import { createGroup, createTheme, joinGroup } from './support/groups';
import { createWorld } from './support/world';
import {
  bodyCases,
  fillPath,
  NULL_VALUE,
  wellTypedBadCursors,
  loadOpenApi,
  nest,
  Operation,
  operations,
  Probe,
  problem,
  queryCases,
  structurallyBadCursors,
  TEN_KB,
} from './support/fuzz';

jest.setTimeout(240_000);

describe('adversarial', () => {
  let t: TestApp;
  let ds: DataSource;
  let ops: Operation[];

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    ops = operations(await loadOpenApi(t));
  });
  afterEach(() => closeAllSockets());
  afterAll(() => t?.close());

  /** Runs `fn` over `items` with a few requests in flight at once. */
  async function pool<T>(items: T[], fn: (item: T) => Promise<void>, width = 6): Promise<void> {
    let next = 0;
    await Promise.all(
      Array.from({ length: width }, async () => {
        while (next < items.length) await fn(items[next++]);
      }),
    );
  }

  interface Fixture {
    admin: TestUser;
    user: TestUser;
    bystander: TestUser;
    values: Record<string, string>;
  }

  /** The shared world with a message from a bystander: real ids for every path parameter the fuzzer fills. */
  async function fixture(): Promise<Fixture> {
    const w = await createWorld(t);
    const sent = await t.http().post(`/api/rooms/${w.group.roomId}/messages`).set(bearer(w.secondMember)).send({ clientMsgId: 'fx-1', body: 'hello' });
    expect(sent.status).toBe(201);
    return {
      admin: w.platformAdmin,
      user: w.member,
      bystander: w.secondMember,
      values: {
        communityId: w.community.id,
        themeId: w.theme.id,
        groupId: w.group.id,
        roomId: w.group.roomId,
        messageId: sent.body.id,
        userId: w.secondMember.id,
        emoji: '💛',
      },
    };
  }

  /** Routes that change state for good run last, so the rest are fuzzed against live objects. */
  const orderForFuzz = (list: Operation[]) => [...list].sort((a, b) => Number(/archive|password|logout/.test(a.path)) - Number(/archive|password|logout/.test(b.path)));

  async function sendCase(method: Operation['method'], url: string, who: TestUser | undefined, body: unknown, raw = false) {
    let req = t.http()[method](url);
    if (who) req = req.set(bearer(who));
    if (raw) req = req.set('Content-Type', 'application/json').send(body as string);
    else if (body !== undefined) req = req.send(body as object);
    const res = await req;
    return { status: res.status, body: res.body };
  }

  async function stillAuthenticated(u: TestUser): Promise<void> {
    const me = await t.http().get('/api/me').set(bearer(u));
    expect(me.status).toBe(200);
  }

  /** The shared world's open group (owner, member, one message), a private group run by the platform admin alone, and an outsider. */
  interface World {
    admin: TestUser;
    owner: TestUser;
    member: TestUser;
    outsider: TestUser;
    communityId: string;
    groupId: string;
    roomId: string;
    privateGroup: { id: string; roomId: string; name: string };
    messageId: string;
  }

  async function world(): Promise<World> {
    const w = await createWorld(t);
    const privateGroup = await createGroup(t, w.platformAdmin, w.community.id, [w.theme.id], { visibility: 'private', joinPolicy: 'approval' });
    const sent = await t.http().post(`/api/rooms/${w.group.roomId}/messages`).set(bearer(w.member)).send({ clientMsgId: 'w-1', body: 'members only' });
    expect(sent.status).toBe(201);
    return {
      admin: w.platformAdmin,
      owner: w.owner,
      member: w.member,
      outsider: w.outsider,
      communityId: w.community.id,
      groupId: w.group.id,
      roomId: w.group.roomId,
      privateGroup,
      messageId: sent.body.id,
    };
  }

  // ---------------------------------------------------------------------------
  describe('1. no client mistake is a 500', () => {
    it('the OpenAPI document lists the routes this suite fuzzes', () => {
      const paths = new Set(ops.map((o) => `${o.method.toUpperCase()} ${o.path}`));
      for (const must of ['POST /api/auth/register', 'GET /api/rooms/{roomId}/messages', 'POST /api/rooms/{roomId}/messages', 'PATCH /api/me', 'GET /api/groups', 'PATCH /api/admin/users/{userId}', 'GET /api/me/notifications']) {
        expect(paths).toContain(must);
      }
      expect(ops.length).toBeGreaterThan(30);
      expect(ops.filter((o) => o.body).length).toBeGreaterThan(10);
    });

    it.each([
      ['a member', false],
      ['a platform admin', true],
    ])('every route, malformed bodies from %s: status < 500 and the documented error shape', async (_label, asAdmin) => {
      const f = await fixture();
      const who = asAdmin ? f.admin : f.user;
      const problems: string[] = [];
      let refused = 0;
      let total = 0;
      for (const op of orderForFuzz(ops)) {
        if (op.method === 'get' || op.method === 'delete') continue;
        const url = fillPath(op.path, f.values);
        const cases = op.body ? bodyCases(op.body) : bodyCases(undefined).slice(0, 11);
        await pool(cases, async (c) => {
          const res = await sendCase(op.method, url, who, c.body, c.raw);
          total++;
          if (res.status === 400) refused++;
          const p = problem({ what: `${op.method.toUpperCase()} ${url} [${c.name}]`, ...res });
          if (p) problems.push(p);
        });
      }
      expect(problems).toEqual([]);
      // The fuzzer reached validation, not just a wall of 401s.
      expect(total).toBeGreaterThan(500);
      expect(refused / total).toBeGreaterThan(0.5);
      if (!asAdmin) await stillAuthenticated(who);
    });

    it('every route, path parameters that are not ids: 400 (or 404), never 500', async () => {
      const f = await fixture();
      const bad = ['not-a-uuid', '%00', '%', '%E0%A4%A', '..%2F..%2Fetc', '12', TEN_KB, ' ' + f.values.roomId, f.values.roomId.toUpperCase().replace(/-/g, ''), "'; DROP TABLE users; --"];
      const problems: string[] = [];
      let seen400 = 0;
      for (const op of ops) {
        for (const param of op.pathParams) {
          for (const value of bad) {
            const url = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => (name === param ? (value === TEN_KB || value.startsWith("'") || value.startsWith(' ') ? encodeURIComponent(value) : value) : encodeURIComponent(f.values[name] ?? randomUUID())));
            const res = await sendCase(op.method, url, f.user, op.body ? {} : undefined);
            if (res.status === 400) seen400++;
            const p = problem({ what: `${op.method.toUpperCase()} ${url.slice(0, 200)}`, ...res });
            if (p) problems.push(p);
          }
        }
      }
      expect(problems).toEqual([]);
      expect(seen400).toBeGreaterThan(50);
      await stillAuthenticated(f.user);
    });

    it('every GET route, broken and unknown query parameters: status < 500 and the documented error shape', async () => {
      const f = await fixture();
      const problems: string[] = [];
      let total = 0;
      for (const op of ops.filter((o) => o.method === 'get')) {
        const url = fillPath(op.path, f.values);
        await pool(queryCases(op.queryParams), async (qs) => {
          const res = await sendCase('get', `${url}?${qs}`, f.user, undefined);
          total++;
          const p = problem({ what: `GET ${url}?${qs.slice(0, 80)}`, ...res });
          if (p) problems.push(p);
        });
      }
      expect(problems).toEqual([]);
      expect(total).toBeGreaterThan(100);
    });

    it('limit=0, -1, 1e9 and abc are refused with 400 VALIDATION_FAILED wherever limit is documented', async () => {
      const f = await fixture();
      const withLimit = ops.filter((o) => o.method === 'get' && o.queryParams.some((p) => p.name === 'limit'));
      expect(withLimit.length).toBeGreaterThanOrEqual(3);
      const wrong: string[] = [];
      for (const op of withLimit) {
        for (const v of ['0', '-1', '1e9', 'abc', '1.5']) {
          const res = await t.http().get(`${fillPath(op.path, f.values)}?limit=${v}`).set(bearer(f.user));
          if (res.status !== 400 || res.body.code !== 'VALIDATION_FAILED') wrong.push(`${op.path}?limit=${v} -> ${res.status} ${res.body.code}`);
        }
      }
      expect(wrong).toEqual([]);
    });

    it('structurally bad cursors (not base64, junk, wrong JSON types) are 400 on every route that takes one', async () => {
      const f = await fixture();
      const withCursor = ops.filter((o) => o.method === 'get' && o.queryParams.some((p) => p.name === 'cursor'));
      expect(withCursor.length).toBeGreaterThanOrEqual(3);
      const wrong: string[] = [];
      for (const op of withCursor) {
        const url = fillPath(op.path, f.values);
        await pool(structurallyBadCursors(), async (cursor) => {
          const res = await t.http().get(`${url}?cursor=${cursor}`).set(bearer(f.user));
          const p = problem({ what: `GET ${url}?cursor=${cursor}`, status: res.status, body: res.body });
          if (p) wrong.push(p);
          else if (res.status !== 400) wrong.push(`GET ${url}?cursor=${cursor} -> ${res.status} (a cursor no page handed out was accepted)`);
        });
      }
      expect(wrong).toEqual([]);
    });

    it('history: after and before together, huge and fractional seqs are refused with 400', async () => {
      const f = await fixture();
      const base = `/api/rooms/${f.values.roomId}/messages`;
      for (const qs of ['after=1&before=5', 'after=1e20', 'after=-1', 'before=0', 'after=1.5', 'after=9007199254740993', 'limit=201']) {
        const res = await t.http().get(`${base}?${qs}`).set(bearer(f.user));
        expect({ qs, status: res.status, code: res.body.code }).toEqual({ qs, status: 400, code: 'VALIDATION_FAILED' });
      }
      const ok = await t.http().get(`${base}?after=9007199254740991`).set(bearer(f.user));
      expect(ok.status).toBe(200);
      expect(ok.body).toEqual({ messages: [], hasMore: false });
    });

    it('transport-level mistakes: wrong content type, bad charset, oversize body, unknown encoding, unknown route', async () => {
      const f = await fixture();
      const url = `/api/rooms/${f.values.roomId}/messages`;
      const cases: Array<[string, () => Promise<{ status: number; body: unknown }>]> = [
        ['text/plain body', async () => t.http().post(url).set(bearer(f.user)).set('Content-Type', 'text/plain').send('hello')],
        ['utf-16 charset', async () => t.http().post(url).set(bearer(f.user)).set('Content-Type', 'application/json; charset=utf-16').send('{"a":1}')],
        ['200 kB body', async () => t.http().post(url).set(bearer(f.user)).send({ clientMsgId: 'big', body: 'x'.repeat(200_000) })],
        ['unknown encoding', async () => t.http().post(url).set(bearer(f.user)).set('Content-Type', 'application/json').set('Content-Encoding', 'x-bogus').send('{"a":1}')],
        ['junk gzip', async () => t.http().post(url).set(bearer(f.user)).set('Content-Type', 'application/json').set('Content-Encoding', 'gzip').send('not gzip at all')],
        ['unknown route', async () => t.http().get('/api/definitely/not/here').set(bearer(f.user))],
        ['bad bearer', async () => t.http().get('/api/me').set('Authorization', 'Bearer a.b.c')],
        ['alg none token', async () => t.http().get('/api/me').set('Authorization', `Bearer ${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: f.user.id, sid: randomUUID(), iss: 'hearth', aud: 'hearth-api' })).toString('base64url')}.`)],
        ['basic auth', async () => t.http().get('/api/me').set('Authorization', 'Basic Zm9vOmJhcg==')],
      ];
      const problems: string[] = [];
      for (const [name, run] of cases) {
        const res = await run();
        const p = problem({ what: name, status: res.status, body: res.body });
        if (p) problems.push(p);
        if (res.status < 400) problems.push(`${name} was accepted: ${res.status}`);
      }
      // A form-encoded body with a prototype key must not pollute anything (qs drops the key).
      const form = await t.http().post(url).set(bearer(f.user)).type('form').send('__proto__[polluted]=1&constructor[prototype][polluted]=1&clientMsgId=form&body=b');
      const p = problem({ what: 'form body', status: form.status, body: form.body });
      if (p) problems.push(p);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(problems).toEqual([]);
    });

    it('every secured route without a token is 401 UNAUTHENTICATED, with the error shape', async () => {
      const f = await fixture();
      const wrong: string[] = [];
      for (const op of ops.filter((o) => o.secured)) {
        const res = await sendCase(op.method, fillPath(op.path, f.values), undefined, op.body ? {} : undefined);
        if (res.status !== 401 || (res.body as { code?: string }).code !== 'UNAUTHENTICATED') wrong.push(`${op.method} ${op.path} -> ${res.status}`);
        const p = problem({ what: op.path, ...res });
        if (p) wrong.push(p);
      }
      expect(wrong).toEqual([]);
    });

    it('every route, null for each optional body field: refused with 400 (or accepted), never 500', async () => {
      const f = await fixture();
      const problems: string[] = [];
      let total = 0;
      for (const who of [f.user, f.admin]) {
        for (const op of orderForFuzz(ops)) {
          if (!op.body || op.method === 'get') continue;
          const url = fillPath(op.path, f.values);
          for (const c of bodyCases(op.body, NULL_VALUE, false)) {
            const res = await sendCase(op.method, url, who, c.body);
            total++;
            const p = problem({ what: `${op.method.toUpperCase()} ${url} [${c.name}] as ${who === f.admin ? 'admin' : 'member'}`, ...res });
            if (p) problems.push(p);
          }
        }
      }
      expect(total).toBeGreaterThan(40);
      expect(problems).toEqual([]);
    });

    it('unknown fields named after Object.prototype members (toString, valueOf, hasOwnProperty) are refused like any unknown field', async () => {
      const f = await fixture();
      const wrong: string[] = [];
      for (const key of ['toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', '__defineGetter__']) {
        const me = await t.http().patch('/api/me').set(bearer(f.user)).send({ displayName: 'fine', [key]: 'x' });
        if (me.status !== 400) wrong.push(`PATCH /api/me {${key}} -> ${me.status}`);
        const msg = await t.http().post(`/api/rooms/${f.values.roomId}/messages`).set(bearer(f.user)).send({ clientMsgId: `k-${key}`, body: 'b', [key]: 'x' });
        if (msg.status !== 400) wrong.push(`POST messages {${key}} -> ${msg.status}`);
        const s = await connect(t.url, f.user.accessToken);
        const ack = await emitAck(s, 'room:join', { roomId: f.values.roomId, [key]: 'x' });
        if (ack.ok) wrong.push(`socket room:join {${key}} -> ok`);
      }
      expect(wrong).toEqual([]);
    });

    it('well-typed cursors whose timestamp PostgreSQL cannot read are 400 INVALID_CURSOR, not 500', async () => {
      const f = await fixture();
      const withCursor = ops.filter((o) => o.method === 'get' && o.queryParams.some((p) => p.name === 'cursor'));
      const wrong: string[] = [];
      for (const op of withCursor) {
        // Member lists need a member: the fuzz user is one.
        const url = fillPath(op.path, f.values);
        for (const cursor of wellTypedBadCursors()) {
          const res = await t.http().get(`${url}?cursor=${cursor}`).set(bearer(f.user));
          const p = problem({ what: `GET ${url}?cursor=${cursor} (${Buffer.from(cursor, 'base64url').toString()})`, status: res.status, body: res.body });
          if (p) wrong.push(p);
        }
      }
      expect(wrong).toEqual([]);
    });
  });

  // ---------------------------------------------------------------------------
  describe('2. authorization', () => {
    it('an outsider cannot read or post in a room over REST (404, nothing written)', async () => {
      const w = await world();
      const history = await t.http().get(`/api/rooms/${w.roomId}/messages`).set(bearer(w.outsider));
      expect(history.status).toBe(404);
      expect(history.body.code).toBe('NOT_FOUND');
      const after = await t.http().get(`/api/rooms/${w.roomId}/messages?after=0`).set(bearer(w.outsider));
      expect(after.status).toBe(404);
      const send = await t.http().post(`/api/rooms/${w.roomId}/messages`).set(bearer(w.outsider)).send({ clientMsgId: 'x', body: 'let me in' });
      expect(send.status).toBe(404);
      const read = await t.http().post(`/api/rooms/${w.roomId}/read`).set(bearer(w.outsider)).send({ seq: 1 });
      expect(read.status).toBe(404);
      const edit = await t.http().patch(`/api/messages/${w.messageId}`).set(bearer(w.outsider)).send({ body: 'defaced' });
      expect(edit.status).toBe(404);
      const del = await t.http().delete(`/api/messages/${w.messageId}`).set(bearer(w.outsider));
      expect(del.status).toBe(404);
      const react = await t.http().post(`/api/messages/${w.messageId}/reactions`).set(bearer(w.outsider)).send({ emoji: '💛' });
      expect(react.status).toBe(404);
      const unreact = await t.http().delete(`/api/messages/${w.messageId}/reactions/${encodeURIComponent('💛')}`).set(bearer(w.outsider));
      expect(unreact.status).toBe(404);
      const rows = await ds.query(`SELECT body, deleted_at FROM messages WHERE room_id = $1`, [w.roomId]);
      expect(rows).toEqual([{ body: 'members only', deleted_at: null }]);
      expect(await ds.query(`SELECT * FROM message_reactions WHERE message_id = $1`, [w.messageId])).toEqual([]);
      // The room's existence does not leak: same answer as for a room that does not exist.
      const ghost = await t.http().get(`/api/rooms/${randomUUID()}/messages`).set(bearer(w.outsider));
      expect({ status: ghost.status, code: ghost.body.code }).toEqual({ status: history.status, code: history.body.code });
    });

    it('a member cannot edit or delete someone else’s message', async () => {
      const w = await world();
      const edit = await t.http().patch(`/api/messages/${w.messageId}`).set(bearer(w.owner)).send({ body: 'not mine' });
      expect(edit.status).toBe(403);
      const del = await t.http().delete(`/api/messages/${w.messageId}`).set(bearer(w.owner));
      expect(del.status).toBe(403);
      const s = await connect(t.url, w.owner.accessToken);
      expect(await emitAck(s, 'message:edit', { messageId: w.messageId, body: 'not mine' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await emitAck(s, 'message:delete', { messageId: w.messageId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await ds.query(`SELECT body FROM messages WHERE id = $1`, [w.messageId])).toEqual([{ body: 'members only' }]);
    });

    it('an outsider gets NOT_FOUND for every socket event on a room they are not in, and receives nothing from it', async () => {
      const w = await world();
      const s = await connect(t.url, w.outsider.accessToken);
      const leaked = [...['message:new', 'message:updated', 'message:deleted', 'typing', 'presence'].map((e) => collect(s, e))];
      const { roomId, messageId } = w;
      const attempts: Array<[string, unknown]> = [
        ['room:join', { roomId }],
        ['room:sync', { roomId, afterSeq: 0 }],
        ['room:sync', { roomId, afterSeq: 0, limit: 200 }],
        ['message:send', { roomId, clientMsgId: 'sneak', body: 'hi' }],
        ['message:edit', { messageId, body: 'defaced' }],
        ['message:delete', { messageId }],
        ['reaction:add', { messageId, emoji: '💛' }],
        ['reaction:remove', { messageId, emoji: '💛' }],
        ['room:read', { roomId, seq: 1 }],
        ['room:presence', { roomId }],
        ['typing', { roomId, isTyping: true }],
      ];
      for (const [event, payload] of attempts) {
        expect({ event, ack: await emitAck(s, event, payload) }).toMatchObject({ event, ack: { ok: false, error: { code: 'NOT_FOUND' } } });
      }
      // Members are active in the room meanwhile: nothing reaches the outsider.
      const m = await connect(t.url, w.member.accessToken);
      expect((await emitAck(m, 'room:join', { roomId })).ok).toBe(true);
      expect((await emitAck(m, 'typing', { roomId, isTyping: true })).ok).toBe(true);
      expect((await emitAck(m, 'message:send', { roomId, clientMsgId: 'w-2', body: 'still private' })).ok).toBe(true);
      await sleep(300);
      expect(leaked.flat()).toEqual([]);
      expect(s.connected).toBe(true);
      expect(await ds.query(`SELECT count(*)::int AS n FROM messages WHERE room_id = $1 AND author_id = $2`, [roomId, w.outsider.id])).toEqual([{ n: 0 }]);
      expect(await ds.query(`SELECT body FROM messages WHERE id = $1`, [messageId])).toEqual([{ body: 'members only' }]);
    });

    it('a private group is invisible to a non-member: 404 everywhere, absent from lists and search', async () => {
      const w = await world();
      const p = w.privateGroup;
      for (const [method, url, body] of [
        ['get', `/api/groups/${p.id}`, undefined],
        ['get', `/api/groups/${p.id}/members`, undefined],
        ['post', `/api/groups/${p.id}/join`, {}],
        ['post', `/api/groups/${p.id}/leave`, undefined],
        ['get', `/api/groups/${p.id}/join-requests`, undefined],
        ['get', `/api/groups/${p.id}/invites`, undefined],
        ['post', `/api/groups/${p.id}/invites`, { expiresInHours: 24 }],
        ['patch', `/api/groups/${p.id}`, { name: 'taken over' }],
        ['post', `/api/groups/${p.id}/archive`, undefined],
      ] as const) {
        const res = await sendCase(method, url, w.outsider, body);
        expect({ method, url, status: res.status }).toEqual({ method, url, status: 404 });
      }
      expect((await t.http().get(`/api/rooms/${p.roomId}/messages`).set(bearer(w.outsider))).status).toBe(404);
      const list = await t.http().get(`/api/groups?communityId=${w.communityId}&limit=100`).set(bearer(w.outsider));
      expect(list.status).toBe(200);
      expect(list.body.items.map((g: { id: string }) => g.id)).not.toContain(p.id);
      expect(list.body.items.map((g: { id: string }) => g.id)).toContain(w.groupId);
      const search = await t.http().get(`/api/groups?q=${encodeURIComponent(p.name)}`).set(bearer(w.outsider));
      expect(search.body.items.map((g: { id: string }) => g.id)).not.toContain(p.id);
      const recs = await t.http().get(`/api/me/recommendations/groups`).set(bearer(w.outsider));
      expect(recs.status).toBe(200);
      expect(JSON.stringify(recs.body)).not.toContain(p.id);
      expect(await ds.query(`SELECT count(*)::int AS n FROM group_join_requests WHERE group_id = $1`, [p.id])).toEqual([{ n: 0 }]);
      expect(await ds.query(`SELECT name FROM groups WHERE id = $1 AND archived_at IS NULL`, [p.id])).toEqual([{ name: p.name }]);
    });

    it('a member cannot use admin routes, and nothing changes', async () => {
      const w = await world();
      const m = w.member;
      const calls: Array<[string, string, unknown]> = [
        ['get', '/api/admin/users', undefined],
        ['patch', `/api/admin/users/${m.id}`, { role: 'admin' }],
        ['patch', `/api/admin/users/${w.owner.id}`, { status: 'suspended', reason: 'because' }],
        ['post', '/api/communities', { name: 'Mine now', slug: 'mine-now', description: 'x' }],
        ['post', `/api/communities/${w.communityId}/admins`, { userId: m.id }],
        ['post', `/api/communities/${w.communityId}/archive`, undefined],
        ['patch', `/api/communities/${w.communityId}`, { name: 'renamed' }],
        ['post', `/api/communities/${w.communityId}/groups`, { name: 'sneaky group', description: 'x', themeIds: [randomUUID()], visibility: 'public', joinPolicy: 'open' }],
        ['delete', `/api/groups/${w.groupId}/members/${w.owner.id}`, undefined],
        ['patch', `/api/groups/${w.groupId}/members/${m.id}`, { role: 'owner' }],
      ];
      for (const [method, url, body] of calls) {
        const res = await sendCase(method as Operation['method'], url, m, body);
        expect({ url, method, status: res.status }).toEqual({ url, method, status: 403 });
      }
      const [{ role }] = await ds.query(`SELECT role FROM users WHERE id = $1`, [m.id]);
      expect(role).toBe('member');
      const [{ status }] = await ds.query(`SELECT status FROM users WHERE id = $1`, [w.owner.id]);
      expect(status).toBe('active');
      expect(await ds.query(`SELECT count(*)::int AS n FROM community_admins WHERE user_id = $1`, [m.id])).toEqual([{ n: 0 }]);
      expect(await ds.query(`SELECT archived_at FROM communities WHERE id = $1`, [w.communityId])).toEqual([{ archived_at: null }]);
      expect(await ds.query(`SELECT role FROM group_members WHERE group_id = $1 AND user_id = $2`, [w.groupId, m.id])).toEqual([{ role: 'member' }]);
    });

    it('PATCH /api/me refuses role and status (however they are smuggled) and the role stays member', async () => {
      const w = await world();
      const m = w.member;
      for (const body of [
        { role: 'admin' },
        { status: 'active' },
        { displayName: 'ok', role: 'admin' },
        { privacy: { role: 'admin' } },
        JSON.parse('{"__proto__": {"role": "admin"}}'),
        { constructor: { prototype: { role: 'admin' } } },
        [{ role: 'admin' }],
      ]) {
        const res = await t.http().patch('/api/me').set(bearer(m)).send(body);
        expect({ body, status: res.status }).toEqual({ body, status: 400 });
      }
      const me = await t.http().get('/api/me').set(bearer(m));
      expect(me.body).toMatchObject({ role: 'member', status: 'active' });
      expect(await ds.query(`SELECT role FROM users WHERE id = $1`, [m.id])).toEqual([{ role: 'member' }]);
      // And the refusal did not leak into other requests' objects.
      expect(({} as Record<string, unknown>).role).toBeUndefined();
    });

    it('a member removed from a group loses history and socket delivery at once', async () => {
      const w = await world();
      const removed = await registerUser(t, 'rm');
      await joinGroup(t, removed, w.groupId);
      const sr = await connect(t.url, removed.accessToken);
      const so = await connect(t.url, w.owner.accessToken);
      expect((await emitAck(sr, 'room:join', { roomId: w.roomId })).ok).toBe(true);
      expect((await emitAck(so, 'room:join', { roomId: w.roomId })).ok).toBe(true);
      expect((await t.http().get(`/api/rooms/${w.roomId}/messages`).set(bearer(removed))).status).toBe(200);
      const gone = waitFor(sr, 'room:removed');
      const res = await t.http().delete(`/api/groups/${w.groupId}/members/${removed.id}`).set(bearer(w.admin));
      expect(res.status).toBe(204);
      expect(await gone).toMatchObject({ roomId: w.roomId });
      const leaked = [...['message:new', 'typing', 'message:updated'].map((e) => collect(sr, e))];
      const seen = waitFor(so, 'message:new');
      expect((await emitAck(so, 'message:send', { roomId: w.roomId, clientMsgId: 'after-rm', body: 'not for the removed' })).ok).toBe(true);
      await seen;
      const own = await connect(t.url, w.member.accessToken);
      expect((await emitAck(own, 'room:join', { roomId: w.roomId })).ok).toBe(true);
      await emitAck(own, 'typing', { roomId: w.roomId, isTyping: true });
      await sleep(300);
      expect(leaked.flat()).toEqual([]);
      expect((await t.http().get(`/api/rooms/${w.roomId}/messages`).set(bearer(removed))).status).toBe(404);
      for (const [event, payload] of [
        ['room:sync', { roomId: w.roomId, afterSeq: 0 }],
        ['room:join', { roomId: w.roomId }],
        ['message:send', { roomId: w.roomId, clientMsgId: 'ghost', body: 'still here?' }],
        ['typing', { roomId: w.roomId, isTyping: true }],
        ['room:presence', { roomId: w.roomId }],
        ['room:read', { roomId: w.roomId, seq: 1 }],
      ] as const) {
        expect({ event, ack: await emitAck(sr, event, payload) }).toMatchObject({ event, ack: { ok: false, error: { code: 'NOT_FOUND' } } });
      }
      expect(sr.connected).toBe(true);
    });

    it('join requests, members and notifications of one group or person cannot be acted on through another', async () => {
      const w = await world();
      // The owner of the public group gets a group of their own...
      const mine = await createGroup(t, w.admin, w.communityId, [(await createTheme(t, w.owner)).id], { joinPolicy: 'approval' });
      await ds.query(`INSERT INTO group_members (group_id, user_id, role) VALUES ($1, $2, 'owner')`, [mine.id, w.owner.id]);
      await ds.query(`INSERT INTO room_members (room_id, user_id) VALUES ($1, $2)`, [mine.roomId, w.owner.id]);
      expect((await t.http().get(`/api/groups/${mine.id}/join-requests`).set(bearer(w.owner))).status).toBe(200);
      // ...and someone asks to join the private group, which the owner does not run.
      const asker = await registerUser(t, 'ask');
      const ask = await t.http().post(`/api/groups/${w.privateGroup.id}/join`).set(bearer(asker)).send({});
      // A private group is invisible to the asker: 404, so make the request in the database as an invite flow would.
      expect(ask.status).toBe(404);
      const [{ id: requestId }] = await ds.query(
        `INSERT INTO group_join_requests (group_id, user_id, status) VALUES ($1, $2, 'pending') RETURNING id`,
        [w.privateGroup.id, asker.id],
      );
      const approveViaMine = await t.http().post(`/api/groups/${mine.id}/join-requests/${requestId}/approve`).set(bearer(w.owner));
      expect(approveViaMine.status).toBe(404);
      const declineViaMine = await t.http().post(`/api/groups/${mine.id}/join-requests/${requestId}/decline`).set(bearer(w.owner)).send({ reason: 'no' });
      expect(declineViaMine.status).toBe(404);
      const approveDirect = await t.http().post(`/api/groups/${w.privateGroup.id}/join-requests/${requestId}/approve`).set(bearer(w.owner));
      expect(approveDirect.status).toBe(404);
      expect(await ds.query(`SELECT status FROM group_join_requests WHERE id = $1`, [requestId])).toEqual([{ status: 'pending' }]);
      expect(await ds.query(`SELECT count(*)::int AS n FROM group_members WHERE group_id = $1 AND user_id = $2`, [w.privateGroup.id, asker.id])).toEqual([{ n: 0 }]);
      // Removing someone from another group through my group's id does nothing.
      const rm = await t.http().delete(`/api/groups/${mine.id}/members/${w.member.id}`).set(bearer(w.owner));
      expect(rm.status).toBe(404);
      expect(await ds.query(`SELECT count(*)::int AS n FROM group_members WHERE group_id = $1 AND user_id = $2`, [w.groupId, w.member.id])).toEqual([{ n: 1 }]);
      // A mention notification belongs to the person mentioned only.
      const mention = await t.http().post(`/api/rooms/${w.roomId}/messages`).set(bearer(w.owner)).send({ clientMsgId: 'mention', body: `hi @${w.member.username}` });
      expect(mention.status).toBe(201);
      const list = await t.http().get('/api/me/notifications').set(bearer(w.member));
      const n = list.body.items.find((i: { kind: string }) => i.kind === 'mention');
      expect(n).toBeDefined();
      expect((await t.http().post(`/api/me/notifications/${n.id}/read`).set(bearer(w.owner))).status).toBe(404);
      expect((await t.http().get('/api/me/notifications').set(bearer(w.owner))).body.items.map((i: { id: string }) => i.id)).not.toContain(n.id);
      expect(await ds.query(`SELECT read_at FROM notifications WHERE id = $1`, [n.id])).toEqual([{ read_at: null }]);
    });

    it('direct rooms and blocks aimed at oneself or at nobody are refused cleanly', async () => {
      const w = await world();
      const problems: string[] = [];
      for (const [method, url, body] of [
        ['post', '/api/rooms/direct', { userId: w.member.id }],
        ['post', '/api/rooms/direct', { userId: randomUUID() }],
        ['put', `/api/me/blocks/${w.member.id}`, undefined],
        ['put', `/api/me/blocks/${randomUUID()}`, undefined],
        ['delete', `/api/me/blocks/${randomUUID()}`, undefined],
      ] as const) {
        const res = await sendCase(method, url, w.member, body);
        const p = problem({ what: `${method} ${url}`, ...res });
        if (p) problems.push(p);
        if (res.status < 400 && !(method === 'delete')) problems.push(`${method} ${url} ${JSON.stringify(body)} accepted: ${res.status}`);
      }
      expect(problems).toEqual([]);
      expect(await ds.query(`SELECT count(*)::int AS n FROM user_blocks WHERE blocker_id = $1`, [w.member.id])).toEqual([{ n: 0 }]);
    });

    it('leaving a group ends history access too', async () => {
      const w = await world();
      const leaver = await registerUser(t, 'lv');
      await joinGroup(t, leaver, w.groupId);
      expect((await t.http().get(`/api/rooms/${w.roomId}/messages`).set(bearer(leaver))).status).toBe(200);
      expect((await t.http().post(`/api/groups/${w.groupId}/leave`).set(bearer(leaver))).status).toBe(204);
      expect((await t.http().get(`/api/rooms/${w.roomId}/messages`).set(bearer(leaver))).status).toBe(404);
      expect((await t.http().post(`/api/rooms/${w.roomId}/messages`).set(bearer(leaver)).send({ clientMsgId: 'x', body: 'y' })).status).toBe(404);
    });

    it('a suspended account’s tokens stop working everywhere: REST, sockets, refresh, login; restoring does not revive them', async () => {
      const admin = await registerAdmin(t);
      const u = await registerUser(t, 'susp');
      const login = await t.http().post('/api/auth/login').send({ username: u.username, password: PASSWORD });
      expect(login.status).toBe(200);
      const second = { accessToken: login.body.accessToken as string, refreshToken: login.body.refreshToken as string };
      const roomId = await createRoom(t, [u, admin]);
      const s1 = await connect(t.url, u.accessToken);
      const s2 = await connect(t.url, second.accessToken);
      expect((await emitAck(s1, 'room:join', { roomId })).ok).toBe(true);
      const ended1 = waitFor(s1, 'disconnect');
      const ended2 = waitFor(s2, 'disconnect');
      const res = await t.http().patch(`/api/admin/users/${u.id}`).set(bearer(admin)).send({ status: 'suspended', reason: 'test' });
      expect(res.status).toBe(200);
      expect(await ended1).toBe('io server disconnect');
      expect(await ended2).toBe('io server disconnect');
      for (const token of [u.accessToken, second.accessToken]) {
        for (const [method, url, body] of [
          ['get', '/api/me', undefined],
          ['get', `/api/rooms/${roomId}/messages`, undefined],
          ['post', `/api/rooms/${roomId}/messages`, { clientMsgId: 'zombie', body: 'still here' }],
          ['patch', '/api/me', { displayName: 'zombie' }],
          ['get', '/api/me/rooms', undefined],
        ] as const) {
          const r = await sendCase(method, url, { accessToken: token } as TestUser, body);
          expect({ url, status: r.status }).toEqual({ url, status: expect.any(Number) });
          expect([401, 403]).toContain(r.status);
        }
        await expect(connect(t.url, token)).rejects.toMatchObject({ data: { code: expect.stringMatching(/UNAUTHENTICATED|ACCOUNT_SUSPENDED/) } });
      }
      for (const refreshToken of [u.refreshToken, second.refreshToken]) {
        const r = await t.http().post('/api/auth/refresh').send({ refreshToken });
        expect(r.status).toBeGreaterThanOrEqual(401);
        expect(r.status).toBeLessThan(500);
      }
      const again = await t.http().post('/api/auth/login').send({ username: u.username, password: PASSWORD });
      expect({ status: again.status, code: again.body.code }).toEqual({ status: 403, code: 'ACCOUNT_SUSPENDED' });
      expect(await ds.query(`SELECT count(*)::int AS n FROM messages WHERE author_id = $1`, [u.id])).toEqual([{ n: 0 }]);
      // Restoring the account does not bring the old sessions back.
      expect((await t.http().patch(`/api/admin/users/${u.id}`).set(bearer(admin)).send({ status: 'active' })).status).toBe(200);
      expect((await t.http().get('/api/me').set(bearer(u))).status).toBe(401);
      expect((await t.http().post('/api/auth/refresh').send({ refreshToken: u.refreshToken })).status).toBe(401);
    });

    it('hiding presence takes effect on sockets already connected', async () => {
      const w = await world();
      const sm = await connect(t.url, w.member.accessToken);
      const so = await connect(t.url, w.owner.accessToken);
      expect((await emitAck(sm, 'room:join', { roomId: w.roomId })).ok).toBe(true);
      expect((await emitAck(so, 'room:join', { roomId: w.roomId })).ok).toBe(true);
      const before = await emitAck(so, 'room:presence', { roomId: w.roomId });
      expect((before as { data: { online: Array<{ userId: string }> } }).data.online.map((o) => o.userId)).toContain(w.member.id);
      const hide = await t.http().patch('/api/me').set(bearer(w.member)).send({ privacy: { showPresence: false } });
      expect(hide.status).toBe(200);
      const after = await emitAck(so, 'room:presence', { roomId: w.roomId });
      expect((after as { data: { online: Array<{ userId: string }> } }).data.online.map((o) => o.userId)).not.toContain(w.member.id);
      // Nor is the member announced when that same socket joins another room.
      const other = await createRoom(t, [w.member, w.owner]);
      expect((await emitAck(so, 'room:join', { roomId: other })).ok).toBe(true);
      const announced = collect(so, 'presence');
      expect((await emitAck(sm, 'room:join', { roomId: other })).ok).toBe(true);
      await sleep(200);
      expect(announced.filter((p: { userId: string }) => p.userId === w.member.id)).toEqual([]);
    });
  });

  // ---------------------------------------------------------------------------
  describe('3. socket robustness', () => {
    const EVENTS = ['room:join', 'room:leave', 'room:sync', 'room:read', 'room:presence', 'message:send', 'message:edit', 'message:delete', 'reaction:add', 'reaction:remove', 'typing'];
    const wide = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]));

    function badPayloads(roomId: string): Array<[string, unknown]> {
      return [
        ['null', null],
        ['number', 42],
        ['string', 'room'],
        ['boolean', true],
        ['empty array', []],
        ['array', [{ roomId }]],
        ['binary', Buffer.from('hello')],
        ['empty object', {}],
        ['wrong types', { roomId: 1, messageId: [], afterSeq: 'x', seq: -1, body: {}, clientMsgId: 5, emoji: null, isTyping: 'yes' }],
        ['operator object', { roomId: { $ne: null }, messageId: { $gt: '' } }],
        ['NUL', { roomId, body: 'a\u0000b', clientMsgId: 'n\u0000' }],
        ['proto key', JSON.parse(`{"__proto__": {"polluted": true}, "roomId": "${roomId}"}`)],
        ['deeply nested (under 64 KB)', { roomId, x: nest(2000) }],
        ['wide object (under 64 KB)', { roomId, ...wide(3000) }],
        ['50 kB string', { roomId, body: 'x'.repeat(50_000), clientMsgId: 'big', messageId: randomUUID() }],
        ['huge numbers', { roomId, afterSeq: 1e308, seq: 2 ** 64, limit: Infinity }],
        ['binary field', { roomId: Buffer.from(roomId), body: Buffer.alloc(100) }],
      ];
    }

    it('every event with a non-object or malformed payload is refused in its ack; the socket stays connected', async () => {
      const [a, b] = await Promise.all([registerUser(t, 'sk'), registerUser(t, 'sk2')]);
      const roomId = await createRoom(t, [a, b]);
      const s = await connect(t.url, a.accessToken);
      let disconnected = false;
      s.on('disconnect', () => (disconnected = true));
      const wrong: string[] = [];
      for (const event of EVENTS) {
        for (const [label, payload] of badPayloads(roomId)) {
          const ack = await emitAck(s, event, payload);
          if (ack.ok || ack.error.code === 'INTERNAL' || typeof ack.error.message !== 'string') wrong.push(`${event} [${label}] -> ${JSON.stringify(ack).slice(0, 200)}`);
        }
        // No payload at all (only the ack callback).
        const ack = (await s.timeout(5000).emitWithAck(event)) as { ok: boolean; error?: { code: string } };
        if (ack.ok || ack.error?.code !== 'VALIDATION_FAILED') wrong.push(`${event} [no payload] -> ${JSON.stringify(ack)}`);
      }
      expect(wrong).toEqual([]);
      expect(disconnected).toBe(false);
      expect(s.connected).toBe(true);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(await ds.query(`SELECT count(*)::int AS n FROM messages WHERE room_id = $1`, [roomId])).toEqual([{ n: 0 }]);
      // Still fully usable.
      expect(await emitAck(s, 'room:join', { roomId })).toMatchObject({ ok: true, data: { roomId, lastSeq: 0 } });
      expect(await emitAck(s, 'message:send', { roomId, clientMsgId: 'after-fuzz', body: 'still works' })).toMatchObject({ ok: true, data: { seq: 1 } });
    });

    it('events without an ack callback, extra arguments and unknown events do not disconnect or break the socket', async () => {
      const [a, b] = await Promise.all([registerUser(t, 'na'), registerUser(t, 'nb')]);
      const roomId = await createRoom(t, [a, b]);
      const s = await connect(t.url, a.accessToken);
      for (const event of EVENTS) {
        for (const [, payload] of badPayloads(roomId)) s.emit(event, payload);
        s.emit(event);
        s.emit(event, { roomId }, 'extra', 3);
      }
      s.emit('no:such:event', { roomId });
      s.emit('__proto__', {});
      s.emit('constructor', {});
      const extra = await s.timeout(5000).emitWithAck('room:join', { roomId }, 'extra');
      expect(extra).toMatchObject({ ok: false });
      // A valid send without an ack is still sent (and is the only message in the room).
      s.emit('message:send', { roomId, clientMsgId: 'no-ack', body: 'fire and forget' });
      await sleep(300);
      expect(s.connected).toBe(true);
      expect(await emitAck(s, 'room:sync', { roomId, afterSeq: 0 })).toMatchObject({ ok: true, data: { messages: [{ seq: 1, clientMsgId: 'no-ack' }], hasMore: false } });
      expect((await t.http().get('/api/health')).status).toBe(200);
    });

    it('rapid-fire bad events: the socket stays connected and the process keeps answering', async () => {
      const [a, b] = await Promise.all([registerUser(t, 'rf'), registerUser(t, 'rf2')]);
      const roomId = await createRoom(t, [a, b]);
      const s = await connect(t.url, a.accessToken);
      const acks: Array<Promise<unknown>> = [];
      for (let i = 0; i < 600; i++) {
        const event = EVENTS[i % EVENTS.length];
        const payloads = badPayloads(roomId);
        acks.push(emitAck(s, event, payloads[i % payloads.length][1], 30_000));
      }
      const health = await t.http().get('/api/health');
      expect(health.status).toBe(200);
      const results = (await Promise.all(acks)) as Array<{ ok: boolean; error?: { code: string } }>;
      expect(results.filter((r) => r.ok || r.error?.code === 'INTERNAL')).toEqual([]);
      expect(s.connected).toBe(true);
      expect(await emitAck(s, 'room:join', { roomId })).toMatchObject({ ok: true });
    });

    it('a payload over 64 KB disconnects only that socket; the server and other sockets carry on', async () => {
      const [a, b] = await Promise.all([registerUser(t, 'big'), registerUser(t, 'big2')]);
      const roomId = await createRoom(t, [a, b]);
      const big = await connect(t.url, a.accessToken);
      const other = await connect(t.url, b.accessToken);
      expect((await emitAck(other, 'room:join', { roomId })).ok).toBe(true);
      const gone = waitFor(big, 'disconnect', () => true, 10_000);
      big.emit('message:send', { roomId, clientMsgId: 'huge', body: 'x'.repeat(70 * 1024) }, () => undefined);
      await gone;
      expect(big.connected).toBe(false);
      expect((await t.http().get('/api/health')).status).toBe(200);
      expect(other.connected).toBe(true);
      expect(await emitAck(other, 'message:send', { roomId, clientMsgId: 'after-big', body: 'fine' })).toMatchObject({ ok: true, data: { seq: 1 } });
      const again = await connect(t.url, a.accessToken);
      expect(await emitAck(again, 'room:join', { roomId })).toMatchObject({ ok: true, data: { lastSeq: 1 } });
    });

    it('bad handshakes are refused with connect_error data, never crash the server', async () => {
      const u = await registerUser(t, 'hs');
      for (const token of ['', 'x', 'a.b.c', u.accessToken + 'x', 12 as unknown as string, { $ne: null } as unknown as string, 'A'.repeat(10_000)]) {
        await expect(connect(t.url, token)).rejects.toMatchObject({ data: { code: expect.stringMatching(/^[A-Z_]+$/) } });
      }
      expect((await t.http().get('/api/health')).status).toBe(200);
    });
  });

  // ---------------------------------------------------------------------------
  describe('4. idempotency and data integrity', () => {
    it('the same clientMsgId from two different users in the same room makes two messages (also concurrently)', async () => {
      const [a, b] = await Promise.all([registerUser(t, 'ia'), registerUser(t, 'ib')]);
      const roomId = await createRoom(t, [a, b]);
      const [sa, sb] = await Promise.all([connect(t.url, a.accessToken), connect(t.url, b.accessToken)]);
      const one = await emitAck(sa, 'message:send', { roomId, clientMsgId: 'same', body: 'hello' });
      const two = await emitAck(sb, 'message:send', { roomId, clientMsgId: 'same', body: 'hello' });
      expect(one).toMatchObject({ ok: true, data: { seq: 1, author: { id: a.id } } });
      expect(two).toMatchObject({ ok: true, data: { seq: 2, author: { id: b.id } } });
      expect((one as { data: { id: string } }).data.id).not.toBe((two as { data: { id: string } }).data.id);
      // Same batch: both at once.
      const [c1, c2] = await Promise.all([
        emitAck(sa, 'message:send', { roomId, clientMsgId: 'same-2', body: 'together' }),
        emitAck(sb, 'message:send', { roomId, clientMsgId: 'same-2', body: 'together' }),
      ]);
      expect(c1.ok && c2.ok).toBe(true);
      expect(new Set([(c1 as { data: { seq: number } }).data.seq, (c2 as { data: { seq: number } }).data.seq])).toEqual(new Set([3, 4]));
      // And a real resend by a is still deduplicated.
      const resend = await t.http().post(`/api/rooms/${roomId}/messages`).set(bearer(a)).send({ clientMsgId: 'same', body: 'hello' });
      expect(resend.status).toBeLessThan(300);
      expect(resend.body.id).toBe((one as { data: { id: string } }).data.id);
      expect(await ds.query(`SELECT seq::int, author_id FROM messages WHERE room_id = $1 ORDER BY seq`, [roomId])).toHaveLength(4);
    });

    it('the same clientMsgId in two rooms makes two messages, each with seq 1', async () => {
      const [a, b] = await Promise.all([registerUser(t, 'ra'), registerUser(t, 'rb')]);
      const [r1, r2] = await Promise.all([createRoom(t, [a, b]), createRoom(t, [a, b])]);
      const s = await connect(t.url, a.accessToken);
      const [m1, m2] = await Promise.all([
        emitAck(s, 'message:send', { roomId: r1, clientMsgId: 'dup', body: 'one' }),
        emitAck(s, 'message:send', { roomId: r2, clientMsgId: 'dup', body: 'two' }),
      ]);
      expect(m1).toMatchObject({ ok: true, data: { roomId: r1, seq: 1, body: 'one' } });
      expect(m2).toMatchObject({ ok: true, data: { roomId: r2, seq: 1, body: 'two' } });
      const viaRest = await t.http().post(`/api/rooms/${r2}/messages`).set(bearer(a)).send({ clientMsgId: 'dup', body: 'one' });
      expect({ status: viaRest.status, code: viaRest.body.code }).toEqual({ status: 409, code: 'DUPLICATE_CLIENT_MSG_ID' });
    });

    it('refused sends leave no gap in seq, one at a time and in concurrent batches', async () => {
      const [a, b, outsider] = await Promise.all([registerUser(t, 'ga'), registerUser(t, 'gb'), registerUser(t, 'go')]);
      const roomId = await createRoom(t, [a, b]);
      const otherRoom = await createRoom(t, [a, b]);
      const other = await t.http().post(`/api/rooms/${otherRoom}/messages`).set(bearer(a)).send({ clientMsgId: 'elsewhere', body: 'x' });
      const [sa, so] = await Promise.all([connect(t.url, a.accessToken), connect(t.url, outsider.accessToken)]);
      expect(await emitAck(sa, 'message:send', { roomId, clientMsgId: 'ok-1', body: 'first' })).toMatchObject({ ok: true, data: { seq: 1 } });
      const refused: Array<[ClientSocket, unknown]> = [
        [sa, { roomId, clientMsgId: 'too-long', body: 'x'.repeat(4001) }],
        [sa, { roomId, clientMsgId: 'blank', body: '   ' }],
        [sa, { roomId, clientMsgId: 'ok-1', body: 'different body' }],
        [sa, { roomId, clientMsgId: 'bad-reply', body: 'x', replyToId: randomUUID() }],
        [sa, { roomId, clientMsgId: 'cross-reply', body: 'x', replyToId: other.body.id }],
        [sa, { roomId, clientMsgId: 'has space', body: 'x' }],
        [so, { roomId, clientMsgId: 'outsider', body: 'x' }],
      ];
      for (const [sock, payload] of refused) expect((await emitAck(sock, 'message:send', payload)).ok).toBe(false);
      expect(await emitAck(sa, 'message:send', { roomId, clientMsgId: 'ok-2', body: 'second' })).toMatchObject({ ok: true, data: { seq: 2 } });

      // Now a burst where valid and refused sends share batches.
      const burst = Array.from({ length: 40 }, (_, i) =>
        i % 3 === 0
          ? emitAck(sa, 'message:send', { roomId, clientMsgId: `bad-${i}`, body: 'x', replyToId: randomUUID() })
          : i % 3 === 1
            ? emitAck(so, 'message:send', { roomId, clientMsgId: `out-${i}`, body: 'x' })
            : emitAck(sa, 'message:send', { roomId, clientMsgId: `good-${i}`, body: `good ${i}` }),
      );
      const results = await Promise.all(burst);
      const good = results.filter((r) => r.ok) as Array<{ ok: true; data: { seq: number } }>;
      expect(good).toHaveLength(13);
      const rows: Array<{ seq: number }> = await ds.query(`SELECT seq::int FROM messages WHERE room_id = $1 ORDER BY seq`, [roomId]);
      expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
      expect(await ds.query(`SELECT last_seq::int FROM rooms WHERE id = $1`, [roomId])).toEqual([{ last_seq: 15 }]);
      const sync = await emitAck(sa, 'room:sync', { roomId, afterSeq: 0, limit: 200 });
      expect((sync as { data: { messages: Array<{ seq: number }> } }).data.messages.map((m) => m.seq)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    });

    it('a resend after delete returns the tombstone, not a new message; a resend across REST and socket is the same message', async () => {
      const [a, b] = await Promise.all([registerUser(t, 'da'), registerUser(t, 'db')]);
      const roomId = await createRoom(t, [a, b]);
      const s = await connect(t.url, a.accessToken);
      const first = (await emitAck(s, 'message:send', { roomId, clientMsgId: 'x1', body: 'hello' })) as { ok: true; data: { id: string; seq: number } };
      const rest = await t.http().post(`/api/rooms/${roomId}/messages`).set(bearer(a)).send({ clientMsgId: 'x1', body: 'hello' });
      expect(rest.body).toMatchObject({ id: first.data.id, seq: 1 });
      expect((await t.http().delete(`/api/messages/${first.data.id}`).set(bearer(a))).status).toBe(200);
      const again = await emitAck(s, 'message:send', { roomId, clientMsgId: 'x1', body: 'hello' });
      expect(again).toMatchObject({ ok: true, data: { id: first.data.id, seq: 1, body: null } });
      expect(await ds.query(`SELECT count(*)::int AS n FROM messages WHERE room_id = $1`, [roomId])).toEqual([{ n: 1 }]);
    });
  });
});
