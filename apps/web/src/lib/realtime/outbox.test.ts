import { describe, expect, it, vi } from 'vitest';
import { Outbox, OutboxSender, type OutboxItem, type SendResult } from './outbox';

type Msg = { clientMsgId: string; seq: number };
let counter = 0;
const newOutbox = (storage: Map<string, string> | null = null) =>
  new Outbox(
    storage ? { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v) } : null,
    'outbox',
    () => `c${++counter}`,
  );

/** A fake server that, like Hearth, treats a repeated clientMsgId as the same message. */
function fakeServer() {
  const stored = new Map<string, Msg>();
  let online = true;
  const send = vi.fn(async (item: OutboxItem): Promise<SendResult<Msg>> => {
    if (!online) return { ok: false, error: { code: 'DISCONNECTED', message: 'offline' } };
    const had = stored.get(item.clientMsgId);
    if (had) return { ok: true, data: had };
    const m = { clientMsgId: item.clientMsgId, seq: stored.size + 1 };
    stored.set(item.clientMsgId, m);
    return { ok: true, data: m };
  });
  return { stored, send, setOnline: (v: boolean) => (online = v), isOnline: () => online };
}

describe('Outbox', () => {
  it('shows a new message as sending until the server acknowledges it', () => {
    const box = newOutbox();
    const item = box.add('room1', 'hello');
    expect(box.forRoom('room1')).toEqual([expect.objectContaining({ body: 'hello', status: 'sending', clientMsgId: item.clientMsgId })]);
    box.acknowledge(item.clientMsgId);
    expect(box.forRoom('room1')).toEqual([]);
  });

  it('keeps unsent messages across a reload, still sending, with the same clientMsgId', () => {
    const storage = new Map<string, string>();
    const first = newOutbox(storage);
    const item = first.add('room1', 'written offline');
    const again = newOutbox(storage);
    expect(again.pending()).toEqual([expect.objectContaining({ clientMsgId: item.clientMsgId, status: 'sending' })]);
  });

  it('forgets messages the timeline already holds (seen again through a resync)', () => {
    const box = newOutbox();
    const a = box.add('r', 'a');
    const b = box.add('r', 'b');
    box.acknowledgeDelivered([a.clientMsgId, 'unrelated']);
    expect(box.pending().map((i) => i.clientMsgId)).toEqual([b.clientMsgId]);
  });

  it('gives a snapshot that changes identity only when something changed', () => {
    const box = newOutbox();
    const s1 = box.all();
    expect(box.all()).toBe(s1);
    box.add('r', 'x');
    expect(box.all()).not.toBe(s1);
  });
});

describe('OutboxSender', () => {
  it('sends in the order written and delivers each message once', async () => {
    const server = fakeServer();
    const box = newOutbox();
    const delivered: Msg[] = [];
    const sender = new OutboxSender(box, server.send, (_i, m) => delivered.push(m), server.isOnline);
    box.add('r', 'one');
    box.add('r', 'two');
    await sender.flush();
    expect(delivered.map((m) => m.seq)).toEqual([1, 2]);
    expect(box.pending()).toEqual([]);
  });

  it('keeps messages while offline and retries them with the same clientMsgId on reconnect: exactly once', async () => {
    const server = fakeServer();
    const box = newOutbox();
    const delivered: Msg[] = [];
    const sender = new OutboxSender(box, server.send, (_i, m) => delivered.push(m), () => true);
    server.setOnline(false);
    const a = box.add('r', 'a');
    await sender.flush();
    expect(box.pending()).toHaveLength(1);
    // The ack was lost after the server committed: the server has it, the client does not know.
    server.setOnline(true);
    server.stored.set(a.clientMsgId, { clientMsgId: a.clientMsgId, seq: 1 });
    await sender.flush();
    expect(server.send).toHaveBeenLastCalledWith(expect.objectContaining({ clientMsgId: a.clientMsgId }));
    expect(server.stored.size).toBe(1);
    expect(delivered).toEqual([{ clientMsgId: a.clientMsgId, seq: 1 }]);
  });

  it('treats a timeout as a passing problem and stops, keeping the order for the next flush', async () => {
    const box = newOutbox();
    const send = vi.fn().mockResolvedValueOnce({ ok: false, error: { code: 'TIMEOUT', message: '' } }).mockResolvedValue({ ok: true, data: { seq: 1 } });
    const sender = new OutboxSender(box, send, () => undefined, () => true);
    box.add('r', 'first');
    box.add('r', 'second');
    await sender.flush();
    expect(send).toHaveBeenCalledTimes(1);
    expect(box.pending().map((i) => i.body)).toEqual(['first', 'second']);
    await sender.flush();
    expect(box.pending()).toEqual([]);
  });

  it('marks a refused message as not sent with the reason, and goes on with the next', async () => {
    const box = newOutbox();
    const send = vi.fn().mockResolvedValueOnce({ ok: false, error: { code: 'MUTED', message: 'muted' } }).mockResolvedValue({ ok: true, data: { seq: 2 } });
    const sender = new OutboxSender(box, send, () => undefined, () => true);
    const a = box.add('r', 'refused');
    box.add('r', 'fine');
    await sender.flush();
    expect(box.all()).toEqual([expect.objectContaining({ clientMsgId: a.clientMsgId, status: 'failed', errorCode: 'MUTED' })]);
    box.retry(a.clientMsgId);
    await sender.flush();
    expect(box.all()).toEqual([]);
  });

  it('waits as long as the server asks when rate limited, then sends', async () => {
    const box = newOutbox();
    const wait = vi.fn(async () => undefined);
    const send = vi.fn().mockResolvedValueOnce({ ok: false, error: { code: 'RATE_LIMITED', message: '', retryAfterMs: 1200 } }).mockResolvedValue({ ok: true, data: {} });
    const sender = new OutboxSender(box, send, () => undefined, () => true, wait);
    box.add('r', 'x');
    await sender.flush();
    expect(wait).toHaveBeenCalledWith(1200);
    expect(send).toHaveBeenCalledTimes(2);
    expect(box.all()).toEqual([]);
  });

  it('runs one flush at a time: a flush during a flush does not send the same message twice', async () => {
    const server = fakeServer();
    const box = newOutbox();
    const sender = new OutboxSender(box, server.send, () => undefined, () => true);
    box.add('r', 'a');
    await Promise.all([sender.flush(), sender.flush(), sender.flush()]);
    expect(server.send).toHaveBeenCalledTimes(1);
  });
});

describe('Outbox nudges', () => {
  it('sends a nudged message again with the same clientMsgId and confirmNudge once the person confirms', async () => {
    const box = newOutbox();
    const send = vi
      .fn()
      .mockResolvedValueOnce({ ok: false, error: { code: 'NUDGE', message: 'Take a moment' } })
      .mockResolvedValue({ ok: true, data: {} });
    const sender = new OutboxSender(box, send, () => undefined, () => true);
    const item = box.add('r', 'hmm');
    await sender.flush();
    expect(box.all()[0]).toMatchObject({ status: 'failed', errorCode: 'NUDGE', errorMessage: 'Take a moment' });
    box.retry(item.clientMsgId, { confirmNudge: true });
    await sender.flush();
    expect(send).toHaveBeenLastCalledWith(expect.objectContaining({ clientMsgId: item.clientMsgId, confirmNudge: true }));
    expect(box.all()).toEqual([]);
  });
});
