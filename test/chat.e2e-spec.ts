import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from './support/test-app';
import { bearer, registerUser, TestUser } from './support/users';
import { closeAllSockets, collect, connect, createRoom, emitAck, sleep, waitFor } from './support/sockets';

describe('real-time chat over socket.io', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { CORS_ORIGINS: 'https://hearth.example' } });
  });
  afterEach(() => closeAllSockets());
  afterAll(() => t.close());

  async function trio(): Promise<{ a: TestUser; b: TestUser; outsider: TestUser; roomId: string }> {
    const [a, b, outsider] = await Promise.all([registerUser(t, 'ana'), registerUser(t, 'ben'), registerUser(t, 'out')]);
    return { a, b, outsider, roomId: await createRoom(t, [a, b]) };
  }

  describe('handshake', () => {
    it('accepts a valid access token in auth.token', async () => {
      const u = await registerUser(t, 'hs');
      const s = await connect(t.url, u.accessToken);
      expect(s.connected).toBe(true);
    });

    it('refuses a missing or bad token with UNAUTHENTICATED', async () => {
      await expect(connect(t.url, undefined)).rejects.toMatchObject({ data: { code: 'UNAUTHENTICATED' } });
      await expect(connect(t.url, 'garbage')).rejects.toMatchObject({ data: { code: 'UNAUTHENTICATED' } });
    });

    it('refuses a token passed in the query string, even a valid one', async () => {
      const u = await registerUser(t, 'qs');
      await expect(connect(t.url, undefined, { query: { token: u.accessToken } })).rejects.toMatchObject({ data: { code: 'UNAUTHENTICATED', message: expect.stringMatching(/query string/) } });
    });

    it('checks the Origin header against CORS_ORIGINS', async () => {
      const u = await registerUser(t, 'orig');
      await expect(connect(t.url, u.accessToken, { headers: { Origin: 'https://evil.example' } })).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
      const ok = await connect(t.url, u.accessToken, { headers: { Origin: 'https://hearth.example' } });
      expect(ok.connected).toBe(true);
    });
  });

  describe('rooms', () => {
    it('a member joins and gets lastSeq; a non-member and an unknown room get NOT_FOUND', async () => {
      const { a, outsider, roomId } = await trio();
      const sa = await connect(t.url, a.accessToken);
      expect(await emitAck(sa, 'room:join', { roomId })).toEqual({ ok: true, data: { roomId, lastSeq: 0 } });
      const so = await connect(t.url, outsider.accessToken);
      expect(await emitAck(so, 'room:join', { roomId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(await emitAck(so, 'room:join', { roomId: randomUUID() })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    });

    it.each([
      ['no payload', undefined],
      ['a string payload', 'room'],
      ['an array payload', [1]],
      ['a missing roomId', {}],
      ['a non-uuid roomId', { roomId: 'abc' }],
      ['a numeric roomId', { roomId: 5 }],
      ['an extra field', { roomId: randomUUID(), admin: true }],
      ['a prototype-pollution key', JSON.parse('{"roomId":"00000000-0000-4000-8000-000000000000","__proto__":{"x":1}}')],
    ])('room:join with %s is refused with VALIDATION_FAILED and the socket stays connected', async (_n, payload) => {
      const u = await registerUser(t, 'bad');
      const s = await connect(t.url, u.accessToken);
      const res = await emitAck(s, 'room:join', payload);
      expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', message: expect.any(String) } });
      expect(s.connected).toBe(true);
    });

    it('an unknown event is ignored and the socket stays usable', async () => {
      const { a, roomId } = await trio();
      const s = await connect(t.url, a.accessToken);
      s.emit('no:such:event', { x: 1 });
      expect((await emitAck(s, 'room:join', { roomId })).ok).toBe(true);
    });
  });

  describe('sending', () => {
    it('acknowledges after commit, numbers messages 1..n and delivers message:new to the room', async () => {
      const { a, b, roomId } = await trio();
      const [sa, sb] = await Promise.all([connect(t.url, a.accessToken), connect(t.url, b.accessToken)]);
      await emitAck(sa, 'room:join', { roomId });
      await emitAck(sb, 'room:join', { roomId });
      const received = collect(sb, 'message:new');
      const ds = t.app.get(DataSource);
      for (let i = 1; i <= 3; i++) {
        const res = await emitAck(sa, 'message:send', { roomId, clientMsgId: `c${i}`, body: `  hello ${i}  ` });
        expect(res.ok).toBe(true);
        if (!res.ok) return;
        expect(res.data).toEqual({
          id: expect.any(String),
          roomId,
          seq: i,
          clientMsgId: `c${i}`,
          author: { id: a.id, username: a.username, displayName: a.username },
          body: `hello ${i}`,
          replyToId: null,
          createdAt: expect.any(String),
          editedAt: null,
          deletedAt: null,
          hidden: false,
          reactions: [],
        });
        // Committed by the time of the ack: visible to any other connection.
        const rows = await ds.query(`SELECT seq FROM messages WHERE id = $1`, [res.data.id]);
        expect(rows).toHaveLength(1);
      }
      for (let i = 0; i < 50 && received.length < 3; i++) await sleep(20);
      expect(received.map((m: { seq: number }) => m.seq)).toEqual([1, 2, 3]);
    });

    it('is idempotent on clientMsgId: a resend returns the original and the room shows no duplicate', async () => {
      const { a, roomId } = await trio();
      const s = await connect(t.url, a.accessToken);
      const first = await emitAck(s, 'message:send', { roomId, clientMsgId: 'same', body: 'once' });
      const again = await emitAck(s, 'message:send', { roomId, clientMsgId: 'same', body: 'once' });
      expect(again).toEqual(first);
      const conflict = await emitAck(s, 'message:send', { roomId, clientMsgId: 'same', body: 'different' });
      expect(conflict).toMatchObject({ ok: false, error: { code: 'DUPLICATE_CLIENT_MSG_ID' } });
      const page = await t.http().get(`/api/rooms/${roomId}/messages?after=0`).set(bearer(a)).expect(200);
      expect(page.body.messages).toHaveLength(1);
    });

    it('concurrent resends of one clientMsgId create exactly one message', async () => {
      const { a, roomId } = await trio();
      const s = await connect(t.url, a.accessToken);
      const results = await Promise.all(Array.from({ length: 10 }, () => emitAck(s, 'message:send', { roomId, clientMsgId: 'burst', body: 'x' })));
      const ids = new Set(results.map((r) => (r.ok ? r.data.id : r.error.code)));
      expect(ids.size).toBe(1);
      const page = await t.http().get(`/api/rooms/${roomId}/messages`).set(bearer(a)).expect(200);
      expect(page.body.messages.map((m: { seq: number }) => m.seq)).toEqual([1]);
    });

    it.each([
      ['an empty body', { body: '' }],
      ['a whitespace body', { body: '   \n ' }],
      ['a body over 4000 characters', { body: 'x'.repeat(4001) }],
      ['a NUL in the body', { body: 'a\u0000b' }],
      ['a numeric body', { body: 42 }],
      ['a missing clientMsgId', { clientMsgId: undefined }],
      ['an over-long clientMsgId', { clientMsgId: 'x'.repeat(65) }],
      ['a bad replyToId', { replyToId: 'nope' }],
      ['an extra field', { pinned: true }],
    ])('refuses %s with VALIDATION_FAILED and writes nothing', async (_n, patch) => {
      const { a, roomId } = await trio();
      const s = await connect(t.url, a.accessToken);
      const res = await emitAck(s, 'message:send', { roomId, clientMsgId: 'v1', body: 'ok', ...patch });
      expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
      const [{ n }] = await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM messages WHERE room_id = $1`, [roomId]);
      expect(n).toBe(0);
      expect(s.connected).toBe(true);
    });

    it('a body of exactly 4000 characters is accepted', async () => {
      const { a, roomId } = await trio();
      const s = await connect(t.url, a.accessToken);
      expect((await emitAck(s, 'message:send', { roomId, clientMsgId: 'max', body: 'y'.repeat(4000) })).ok).toBe(true);
    });

    it('refuses sending to a room the user is not in, or that does not exist, with NOT_FOUND', async () => {
      const { outsider, roomId } = await trio();
      const s = await connect(t.url, outsider.accessToken);
      expect(await emitAck(s, 'message:send', { roomId, clientMsgId: 'x', body: 'hi' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(await emitAck(s, 'message:send', { roomId: randomUUID(), clientMsgId: 'x', body: 'hi' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    });

    it('replies must point into the same room', async () => {
      const { a, b, roomId } = await trio();
      const other = await createRoom(t, [a, b]);
      const s = await connect(t.url, a.accessToken);
      const first = await emitAck(s, 'message:send', { roomId: other, clientMsgId: 'o1', body: 'elsewhere' });
      if (!first.ok) throw new Error('send failed');
      const bad = await emitAck(s, 'message:send', { roomId, clientMsgId: 'r1', body: 're', replyToId: first.data.id });
      expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
      const anchor = await emitAck(s, 'message:send', { roomId, clientMsgId: 'r2', body: 'anchor' });
      if (!anchor.ok) throw new Error('send failed');
      const reply = await emitAck(s, 'message:send', { roomId, clientMsgId: 'r3', body: 're', replyToId: anchor.data.id });
      expect(reply).toMatchObject({ ok: true, data: { replyToId: anchor.data.id } });
    });

    it('a read-only (archived) room refuses new messages with ROOM_READ_ONLY', async () => {
      const { a, roomId } = await trio();
      await t.app.get(DataSource).query(`UPDATE rooms SET read_only = true WHERE id = $1`, [roomId]);
      const s = await connect(t.url, a.accessToken);
      expect(await emitAck(s, 'message:send', { roomId, clientMsgId: 'ro', body: 'hi' })).toMatchObject({ ok: false, error: { code: 'ROOM_READ_ONLY' } });
    });

    it('a muted member is refused with MUTED and told until when', async () => {
      const { a, roomId } = await trio();
      await t.app.get(DataSource).query(`UPDATE room_members SET muted_until = now() + interval '1 hour' WHERE room_id = $1 AND user_id = $2`, [roomId, a.id]);
      const s = await connect(t.url, a.accessToken);
      const res = await emitAck(s, 'message:send', { roomId, clientMsgId: 'm', body: 'hi' });
      expect(res).toMatchObject({ ok: false, error: { code: 'MUTED', details: { until: expect.any(String) }, retryAfterMs: expect.any(Number) } });
    });

    it('can also send over REST with the same semantics', async () => {
      const { a, b, roomId } = await trio();
      const sb = await connect(t.url, b.accessToken);
      await emitAck(sb, 'room:join', { roomId });
      const got = waitFor(sb, 'message:new');
      const res = await t.http().post(`/api/rooms/${roomId}/messages`).set(bearer(a)).send({ clientMsgId: 'rest-1', body: 'via rest' }).expect(201);
      expect(res.body).toMatchObject({ seq: 1, body: 'via rest' });
      expect(await got).toMatchObject({ id: res.body.id });
      await t.http().post(`/api/rooms/${roomId}/messages`).set(bearer(a)).send({ clientMsgId: 'rest-2', body: '' }).expect(400);
    });
  });

  describe('edits, deletes, reactions and mentions', () => {
    it('the author edits (editedAt set) and deletes (tombstone keeps seq, loses body); others cannot', async () => {
      const { a, b, roomId } = await trio();
      const [sa, sb] = await Promise.all([connect(t.url, a.accessToken), connect(t.url, b.accessToken)]);
      await emitAck(sb, 'room:join', { roomId });
      const sent = await emitAck(sa, 'message:send', { roomId, clientMsgId: 'e1', body: 'first draft' });
      if (!sent.ok) throw new Error('send failed');
      const messageId = sent.data.id;
      const updated = waitFor(sb, 'message:updated');
      const edit = await emitAck(sa, 'message:edit', { messageId, body: 'second draft' });
      expect(edit).toMatchObject({ ok: true, data: { body: 'second draft', editedAt: expect.any(String) } });
      expect(await updated).toMatchObject({ id: messageId, body: 'second draft' });
      expect(await emitAck(sb, 'message:edit', { messageId, body: 'hijack' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await emitAck(sb, 'message:delete', { messageId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      const deleted = waitFor(sb, 'message:deleted');
      expect(await emitAck(sa, 'message:delete', { messageId })).toMatchObject({ ok: true, data: { body: null, deletedAt: expect.any(String), seq: 1 } });
      expect(await deleted).toMatchObject({ id: messageId, body: null });
      const page = await t.http().get(`/api/rooms/${roomId}/messages?after=0`).set(bearer(b)).expect(200);
      expect(page.body.messages).toEqual([expect.objectContaining({ seq: 1, body: null, deletedAt: expect.any(String) })]);
      expect(await emitAck(sa, 'message:edit', { messageId, body: 'zombie' })).toMatchObject({ ok: false, error: { code: 'MESSAGE_DELETED' } });
      // Resending the deleted message's clientMsgId does not resurrect it.
      expect(await emitAck(sa, 'message:send', { roomId, clientMsgId: 'e1', body: 'first draft' })).toMatchObject({ ok: true, data: { id: messageId, body: null } });
    });

    it('an outsider cannot edit, delete or react to a message (NOT_FOUND, existence not leaked)', async () => {
      const { a, outsider, roomId } = await trio();
      const sa = await connect(t.url, a.accessToken);
      const sent = await emitAck(sa, 'message:send', { roomId, clientMsgId: 'p1', body: 'private' });
      if (!sent.ok) throw new Error('send failed');
      const so = await connect(t.url, outsider.accessToken);
      for (const [ev, p] of [
        ['message:edit', { messageId: sent.data.id, body: 'x' }],
        ['message:delete', { messageId: sent.data.id }],
        ['reaction:add', { messageId: sent.data.id, emoji: '👍' }],
      ] as const) {
        expect(await emitAck(so, ev, p)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      }
      await t.http().get(`/api/rooms/${roomId}/messages`).set(bearer(outsider)).expect(404);
    });

    it('reactions add and remove with counts, broadcast as message:updated', async () => {
      const { a, b, roomId } = await trio();
      const [sa, sb] = await Promise.all([connect(t.url, a.accessToken), connect(t.url, b.accessToken)]);
      await emitAck(sa, 'room:join', { roomId });
      const sent = await emitAck(sa, 'message:send', { roomId, clientMsgId: 'r1', body: 'good news' });
      if (!sent.ok) throw new Error('send failed');
      const messageId = sent.data.id;
      const upd = waitFor(sa, 'message:updated', (m: { reactions: unknown[] }) => m.reactions.length > 0);
      await emitAck(sb, 'reaction:add', { messageId, emoji: '💛' });
      expect((await upd).reactions).toEqual([{ emoji: '💛', count: 1 }]);
      const both = await emitAck(sa, 'reaction:add', { messageId, emoji: '💛' });
      expect(both).toMatchObject({ ok: true, data: { reactions: [{ emoji: '💛', count: 2 }] } });
      expect(await emitAck(sa, 'reaction:add', { messageId, emoji: '💛' })).toMatchObject({ ok: true, data: { reactions: [{ emoji: '💛', count: 2 }] } });
      expect(await emitAck(sb, 'reaction:remove', { messageId, emoji: '💛' })).toMatchObject({ ok: true, data: { reactions: [{ emoji: '💛', count: 1 }] } });
      expect(await emitAck(sb, 'reaction:add', { messageId, emoji: 'two words' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
      const rest = await t.http().delete(`/api/messages/${messageId}/reactions/${encodeURIComponent('💛')}`).set(bearer(a)).expect(200);
      expect(rest.body.reactions).toEqual([]);
    });

    it('an @mention creates a notification for the mentioned member, pushed to their sockets', async () => {
      const { a, b, outsider, roomId } = await trio();
      const [sa, sb] = await Promise.all([connect(t.url, a.accessToken), connect(t.url, b.accessToken)]);
      const pushed = waitFor(sb, 'notification');
      const sent = await emitAck(sa, 'message:send', { roomId, clientMsgId: 'm1', body: `thanks @${b.username.toUpperCase()} and @${outsider.username}` });
      if (!sent.ok) throw new Error('send failed');
      expect(await pushed).toMatchObject({ kind: 'mention', data: { roomId, messageId: sent.data.id, seq: 1, by: { id: a.id } } });
      const list = await t.http().get('/api/me/notifications').set(bearer(b)).expect(200);
      expect(list.body).toMatchObject({ unreadCount: 1, items: [{ kind: 'mention' }] });
      expect(JSON.stringify(list.body)).not.toContain('thanks');
      // The outsider is not in the room: no notification for them.
      const none = await t.http().get('/api/me/notifications').set(bearer(outsider)).expect(200);
      expect(none.body.items).toHaveLength(0);
      await t.http().post(`/api/me/notifications/${list.body.items[0].id}/read`).set(bearer(b)).expect(200);
      const after = await t.http().get('/api/me/notifications').set(bearer(b)).expect(200);
      expect(after.body.unreadCount).toBe(0);
    });
  });

  describe('catch-up', () => {
    async function roomWith(n: number) {
      const { a, b, outsider, roomId } = await trio();
      const s = await connect(t.url, a.accessToken);
      for (let i = 1; i <= n; i++) await emitAck(s, 'message:send', { roomId, clientMsgId: `h${i}`, body: `m${i}` });
      return { a, b, outsider, roomId, s };
    }

    it('room:sync returns everything after a seq, in order, with hasMore paging', async () => {
      const { b, roomId } = await roomWith(7);
      const sb = await connect(t.url, b.accessToken);
      const p1 = await emitAck(sb, 'room:sync', { roomId, afterSeq: 2, limit: 3 });
      expect(p1).toMatchObject({ ok: true, data: { hasMore: true } });
      if (!p1.ok) return;
      expect(p1.data.messages.map((m: { seq: number }) => m.seq)).toEqual([3, 4, 5]);
      const p2 = await emitAck(sb, 'room:sync', { roomId, afterSeq: 5, limit: 3 });
      if (!p2.ok) throw new Error('sync failed');
      expect(p2.data).toMatchObject({ hasMore: false });
      expect(p2.data.messages.map((m: { seq: number }) => m.seq)).toEqual([6, 7]);
      expect(await emitAck(sb, 'room:sync', { roomId, afterSeq: -1 })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
      expect(await emitAck(sb, 'room:sync', { roomId, afterSeq: 0, limit: 201 })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
      expect(await emitAck(sb, 'room:sync', { roomId, afterSeq: '3' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    });

    it('REST history pages forwards with after and backwards with before; refuses bad cursors', async () => {
      const { a, outsider, roomId } = await roomWith(5);
      const latest = await t.http().get(`/api/rooms/${roomId}/messages?limit=2`).set(bearer(a)).expect(200);
      expect(latest.body.messages.map((m: { seq: number }) => m.seq)).toEqual([4, 5]);
      expect(latest.body.hasMore).toBe(true);
      const back = await t.http().get(`/api/rooms/${roomId}/messages?before=4&limit=2`).set(bearer(a)).expect(200);
      expect(back.body.messages.map((m: { seq: number }) => m.seq)).toEqual([2, 3]);
      const fwd = await t.http().get(`/api/rooms/${roomId}/messages?after=3`).set(bearer(a)).expect(200);
      expect(fwd.body).toMatchObject({ hasMore: false });
      expect(fwd.body.messages.map((m: { seq: number }) => m.seq)).toEqual([4, 5]);
      for (const q of ['after=-1', 'after=abc', 'limit=0', 'limit=201', 'before=0', 'after=1&before=3', 'extra=1']) {
        const res = await t.http().get(`/api/rooms/${roomId}/messages?${q}`).set(bearer(a));
        expect([q, res.status]).toEqual([q, 400]);
      }
      await t.http().get(`/api/rooms/not-a-uuid/messages`).set(bearer(a)).expect(400);
      await t.http().get(`/api/rooms/${roomId}/messages`).set(bearer(outsider)).expect(404);
      await t.http().get(`/api/rooms/${roomId}/messages`).expect(401);
    });
  });

  describe('liveness', () => {
    it('typing is relayed to others in the room and throttled', async () => {
      const { a, b, roomId } = await trio();
      const [sa, sb] = await Promise.all([connect(t.url, a.accessToken), connect(t.url, b.accessToken)]);
      await emitAck(sa, 'room:join', { roomId });
      await emitAck(sb, 'room:join', { roomId });
      const seen = collect(sb, 'typing');
      const mine = collect(sa, 'typing');
      for (let i = 0; i < 5; i++) expect((await emitAck(sa, 'typing', { roomId, isTyping: true })).ok).toBe(true);
      await emitAck(sa, 'typing', { roomId, isTyping: false });
      await sleep(200);
      expect(seen).toEqual([
        { roomId, userId: a.id, username: a.username, isTyping: true },
        { roomId, userId: a.id, username: a.username, isTyping: false },
      ]);
      expect(mine).toEqual([]);
    });

    it('typing in a room the socket has not joined is refused', async () => {
      const { a, roomId } = await trio();
      const sa = await connect(t.url, a.accessToken);
      expect(await emitAck(sa, 'typing', { roomId, isTyping: true })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    });

    it('presence is announced on join and leave, and never for someone who hides it', async () => {
      const { a, b, roomId } = await trio();
      const hidden = await registerUser(t, 'shy');
      await t.http().patch('/api/me').set(bearer(hidden)).send({ privacy: { showPresence: false } }).expect(200);
      await t.app.get(DataSource).query(`INSERT INTO room_members (room_id, user_id) VALUES ($1, $2)`, [roomId, hidden.id]);
      const sb = await connect(t.url, b.accessToken);
      await emitAck(sb, 'room:join', { roomId });
      const events = collect(sb, 'presence');
      const sa = await connect(t.url, a.accessToken);
      await emitAck(sa, 'room:join', { roomId });
      const sh = await connect(t.url, hidden.accessToken);
      await emitAck(sh, 'room:join', { roomId });
      const online = await emitAck(sb, 'room:presence', { roomId });
      expect(online.ok && online.data.online.map((u: { userId: string }) => u.userId).sort()).toEqual([a.id, b.id].sort());
      await emitAck(sa, 'room:leave', { roomId });
      sh.close();
      await sleep(300);
      expect(events).toEqual([
        { roomId, userId: a.id, username: a.username, status: 'online' },
        { roomId, userId: a.id, username: a.username, status: 'offline' },
      ]);
    });

    it('read markers drive unread counts in GET /api/me/rooms', async () => {
      const { a, b, roomId } = await trio();
      const sa = await connect(t.url, a.accessToken);
      for (let i = 1; i <= 4; i++) await emitAck(sa, 'message:send', { roomId, clientMsgId: `u${i}`, body: `n${i}` });
      const before = await t.http().get('/api/me/rooms').set(bearer(b)).expect(200);
      expect(before.body).toEqual([expect.objectContaining({ roomId, kind: 'group', lastSeq: 4, lastReadSeq: 0, unreadCount: 4 })]);
      const mineOnly = await t.http().get('/api/me/rooms').set(bearer(a)).expect(200);
      expect(mineOnly.body[0].unreadCount).toBe(0);
      const sb = await connect(t.url, b.accessToken);
      expect(await emitAck(sb, 'room:read', { roomId, seq: 3 })).toEqual({ ok: true, data: { roomId, lastReadSeq: 3 } });
      expect(await emitAck(sb, 'room:read', { roomId, seq: 1 })).toEqual({ ok: true, data: { roomId, lastReadSeq: 3 } });
      await t.http().post(`/api/rooms/${roomId}/read`).set(bearer(b)).send({ seq: 999 }).expect(200);
      const after = await t.http().get('/api/me/rooms').set(bearer(b)).expect(200);
      expect(after.body[0]).toMatchObject({ lastReadSeq: 4, unreadCount: 0 });
      await t.http().post(`/api/rooms/${roomId}/read`).set(bearer(b)).send({ seq: -1 }).expect(400);
    });
  });

  describe('direct conversations', () => {
    it('follow the recipient’s DM setting: nobody refuses, anyone allows, one room per pair', async () => {
      const [a, b] = await Promise.all([registerUser(t, 'dma'), registerUser(t, 'dmb')]);
      await t.http().patch('/api/me').set(bearer(b)).send({ privacy: { dmPolicy: 'nobody' } }).expect(200);
      const refused = await t.http().post('/api/rooms/direct').set(bearer(a)).send({ userId: b.id }).expect(403);
      expect(refused.body.code).toBe('DM_NOT_ALLOWED');
      await t.http().patch('/api/me').set(bearer(b)).send({ privacy: { dmPolicy: 'anyone' } }).expect(200);
      const room = await t.http().post('/api/rooms/direct').set(bearer(a)).send({ userId: b.id }).expect(200);
      expect(room.body).toMatchObject({ kind: 'direct', others: [{ id: b.id, username: b.username }] });
      const again = await t.http().post('/api/rooms/direct').set(bearer(b)).send({ userId: a.id }).expect(200);
      expect(again.body.roomId).toBe(room.body.roomId);
      await t.http().post('/api/rooms/direct').set(bearer(a)).send({ userId: a.id }).expect(400);
      await t.http().post('/api/rooms/direct').set(bearer(a)).send({ userId: '00000000-0000-4000-8000-000000000000' }).expect(404);
    });

    it('shared_groups (the default) needs a shared group room; peers only allows peer workers', async () => {
      const [a, b, peer] = await Promise.all([registerUser(t, 'sga'), registerUser(t, 'sgb'), registerUser(t, 'peer')]);
      await t.http().post('/api/rooms/direct').set(bearer(a)).send({ userId: b.id }).expect(403);
      await createRoom(t, [a, b]);
      await t.http().post('/api/rooms/direct').set(bearer(a)).send({ userId: b.id }).expect(200);
      await t.http().patch('/api/me').set(bearer(a)).send({ privacy: { dmPolicy: 'peers' } }).expect(200);
      await t.http().post('/api/rooms/direct').set(bearer(peer)).send({ userId: a.id }).expect(403);
      await t.app.get(DataSource).query(`UPDATE users SET role = 'peer' WHERE id = $1`, [peer.id]);
      await t.http().post('/api/rooms/direct').set(bearer(peer)).send({ userId: a.id }).expect(200);
    });

    it('a block stops new conversations and sends in an existing one', async () => {
      const [a, b] = await Promise.all([registerUser(t, 'bla'), registerUser(t, 'blb')]);
      await t.http().patch('/api/me').set(bearer(b)).send({ privacy: { dmPolicy: 'anyone' } }).expect(200);
      const room = await t.http().post('/api/rooms/direct').set(bearer(a)).send({ userId: b.id }).expect(200);
      const sa = await connect(t.url, a.accessToken);
      expect((await emitAck(sa, 'message:send', { roomId: room.body.roomId, clientMsgId: 'd1', body: 'hi' })).ok).toBe(true);
      await t.http().put(`/api/me/blocks/${a.id}`).set(bearer(b)).expect(204);
      const blocked = await t.http().get('/api/me/blocks').set(bearer(b)).expect(200);
      expect(blocked.body).toEqual([expect.objectContaining({ id: a.id })]);
      expect(await emitAck(sa, 'message:send', { roomId: room.body.roomId, clientMsgId: 'd2', body: 'hello?' })).toMatchObject({ ok: false, error: { code: 'DM_NOT_ALLOWED' } });
      await t.http().post('/api/rooms/direct').set(bearer(a)).send({ userId: b.id }).expect(403);
      await t.http().delete(`/api/me/blocks/${a.id}`).set(bearer(b)).expect(204);
      expect((await emitAck(sa, 'message:send', { roomId: room.body.roomId, clientMsgId: 'd3', body: 'hi again' })).ok).toBe(true);
      await t.http().put(`/api/me/blocks/${b.id}`).set(bearer(b)).expect(400);
      await t.http().put('/api/me/blocks/not-a-uuid').set(bearer(b)).expect(400);
    });
  });

  describe('sessions end sockets', () => {
    it('logout disconnects that session’s sockets', async () => {
      const u = await registerUser(t, 'lo');
      const s = await connect(t.url, u.accessToken);
      const ended = waitFor(s, 'disconnect');
      await t.http().post('/api/auth/logout').send({ refreshToken: u.refreshToken }).expect(204);
      expect(await ended).toBe('io server disconnect');
      await expect(connect(t.url, u.accessToken)).rejects.toMatchObject({ data: { code: 'UNAUTHENTICATED' } });
    });

    it('a password change disconnects every socket of the account', async () => {
      const u = await registerUser(t, 'pwc');
      const s1 = await connect(t.url, u.accessToken);
      const ended = waitFor(s1, 'disconnect');
      await t.http().post('/api/auth/password').set(bearer(u)).send({ currentPassword: u.password, newPassword: 'a brand new passphrase' }).expect(200);
      expect(await ended).toBe('io server disconnect');
    });

    it('suspension disconnects the account’s sockets at once', async () => {
      const admin = await registerUser(t, 'adm');
      await t.app.get(DataSource).query(`UPDATE users SET role = 'admin' WHERE id = $1`, [admin.id]);
      const u = await registerUser(t, 'sus');
      const s = await connect(t.url, u.accessToken);
      const notice = waitFor(s, 'session:ended');
      const ended = waitFor(s, 'disconnect');
      await t.http().patch(`/api/admin/users/${u.id}`).set(bearer(admin)).send({ status: 'suspended' }).expect(200);
      expect(await notice).toEqual({ reason: 'suspended' });
      expect(await ended).toBe('io server disconnect');
    });

    it('a socket is disconnected when its access token expires', async () => {
      const { JwtService } = require('@nestjs/jwt') as typeof import('@nestjs/jwt');
      const u = await registerUser(t, 'exp');
      const [, payload] = u.accessToken.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const short = await t.app.get(JwtService).signAsync({ sub: claims.sub, sid: claims.sid, name: claims.name }, { expiresIn: 2, issuer: 'hearth', audience: 'hearth-api', algorithm: 'HS256' });
      const s = await connect(t.url, short);
      const notice = await waitFor(s, 'session:ended', () => true, 5000);
      expect(notice).toEqual({ reason: 'token_expired' });
    });
  });
});
