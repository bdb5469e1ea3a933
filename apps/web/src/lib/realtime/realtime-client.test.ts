import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { MessageView } from '@/lib/api/client';
import { Outbox } from './outbox';
import { RealtimeClient, timelineKey, type HearthSocket, type RoomTimeline } from './realtime-client';

const msg = (seq: number, clientMsgId = `c${seq}`, body = `m${seq}`): MessageView => ({
  id: `id${seq}`,
  roomId: 'room',
  seq,
  clientMsgId,
  author: { id: 'u2', username: 'sam', displayName: 'Sam' },
  body,
  replyToId: null,
  createdAt: new Date(0).toISOString(),
  editedAt: null,
  deletedAt: null,
  hidden: false,
  reactions: [],
});

/** A stand-in for the server behind a socket.io client: a room log and idempotent sends. */
class FakeSocket {
  connected = false;
  active = true;
  handlers = new Map<string, ((...a: unknown[]) => void)[]>();
  log: MessageView[] = [];
  syncCalls: number[] = [];
  sends: string[] = [];
  on(ev: string, fn: (...a: unknown[]) => void) {
    this.handlers.set(ev, [...(this.handlers.get(ev) ?? []), fn]);
    return this;
  }
  fire(ev: string, ...a: unknown[]) {
    for (const fn of this.handlers.get(ev) ?? []) fn(...a);
  }
  connect() {
    this.connected = true;
    this.fire('connect');
    return this;
  }
  drop() {
    this.connected = false;
    this.fire('disconnect', 'transport close');
  }
  disconnect() {
    this.connected = false;
    return this;
  }
  removeAllListeners() {
    this.handlers.clear();
    return this;
  }
  timeout() {
    return { emitWithAck: (ev: string, p: Record<string, unknown>) => this.answer(ev, p) };
  }
  async answer(ev: string, p: Record<string, unknown>) {
    switch (ev) {
      case 'room:join':
        return { ok: true, data: { roomId: p.roomId, lastSeq: this.log.length } };
      case 'room:sync': {
        this.syncCalls.push(p.afterSeq as number);
        const after = this.log.filter((m) => m.seq > (p.afterSeq as number));
        return { ok: true, data: { messages: after.slice(0, 2), hasMore: after.length > 2 } };
      }
      case 'message:send': {
        this.sends.push(p.clientMsgId as string);
        const had = this.log.find((m) => m.clientMsgId === p.clientMsgId);
        if (had) return { ok: true, data: had };
        const m = { ...msg(this.log.length + 1, p.clientMsgId as string, p.body as string), author: { id: 'me', username: 'me', displayName: 'Me' } };
        this.log.push(m);
        return { ok: true, data: m };
      }
      default:
        return { ok: true, data: null };
    }
  }
}

const flush = () => new Promise((r) => setTimeout(r, 0));

function setup() {
  const qc = new QueryClient();
  const socket = new FakeSocket();
  socket.log = [msg(1), msg(2), msg(3)];
  const outbox = new Outbox(null);
  const rt = new RealtimeClient({
    queryClient: qc,
    outbox,
    createSocket: () => socket as unknown as HearthSocket,
    accessToken: async () => 't',
    refresh: async () => 't',
    listMyRooms: async () => ['room'],
    loadLatest: async () => ({ messages: socket.log.slice(-2), hasMore: true }),
    myUserId: () => 'me',
  });
  const timeline = () => qc.getQueryData<RoomTimeline>(timelineKey('room'))!;
  return { qc, socket, outbox, rt, timeline };
}

describe('RealtimeClient', () => {
  it('opens a room with its latest page and keeps it live', async () => {
    const { socket, rt, timeline } = setup();
    rt.start();
    rt.openRoom('room');
    await flush();
    expect(timeline().messages.map((m) => m.seq)).toEqual([2, 3]);
    expect(timeline().hasMoreBefore).toBe(true);
    socket.log.push(msg(4));
    socket.fire('message:new', msg(4));
    socket.fire('message:new', msg(4)); // the same message twice still shows once
    expect(timeline().messages.map((m) => m.seq)).toEqual([2, 3, 4]);
  });

  it('after a reconnect, resyncs the open room from its last seq and flushes the outbox: every message once, in order', async () => {
    const { socket, rt, timeline, outbox } = setup();
    rt.start();
    rt.openRoom('room');
    await flush();
    socket.drop();
    // While we were away: three messages by others, and one of mine written offline.
    socket.log.push(msg(4), msg(5), msg(6));
    const mine = rt.send('room', 'written offline');
    await flush();
    expect(outbox.pending().map((i) => i.clientMsgId)).toEqual([mine.clientMsgId]);
    socket.connect();
    await flush();
    await flush();
    expect(socket.syncCalls[0]).toBe(3);
    expect(timeline().messages.map((m) => m.seq)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(timeline().messages.at(-1)).toMatchObject({ clientMsgId: mine.clientMsgId, body: 'written offline' });
    expect(outbox.pending()).toEqual([]);
    // A second reconnect re-sends nothing and duplicates nothing.
    socket.drop();
    socket.connect();
    await flush();
    await flush();
    expect(socket.sends).toEqual([mine.clientMsgId]);
    expect(timeline().messages.map((m) => m.seq)).toEqual([2, 3, 4, 5, 6, 7]);
  });

  it('drops a pending message from the outbox when it comes back through the room (ack lost, message committed)', async () => {
    const { socket, rt, outbox, timeline } = setup();
    rt.start();
    rt.openRoom('room');
    await flush();
    socket.drop();
    const item = rt.send('room', 'hello');
    socket.log.push({ ...msg(4, item.clientMsgId, 'hello') });
    socket.connect();
    await flush();
    await flush();
    expect(outbox.pending()).toEqual([]);
    expect(timeline().messages.filter((m) => m.clientMsgId === item.clientMsgId)).toHaveLength(1);
  });
});
