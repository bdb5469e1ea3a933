/**
 * The outbox keeps the server's promise on the client side: a message the person sent stays here,
 * shown as "sending", until the server acknowledges it (after commit). It is retried with the same
 * `clientMsgId` after a reconnect, and since the server treats a repeated clientMsgId as the same
 * message, it appears exactly once. Pure state plus a small sender; no React, no socket.
 */
export type OutboxStatus = 'sending' | 'failed';

export interface OutboxItem {
  clientMsgId: string;
  roomId: string;
  body: string;
  replyToId?: string;
  createdAt: string;
  attempts: number;
  status: OutboxStatus;
  /** Why the server refused it (a code from the server), when status is failed. */
  errorCode?: string;
  /** The server's own words about the refusal (e.g. the community's nudge), when it gave some. */
  errorMessage?: string;
  /** The person read the nudge and sends it anyway. */
  confirmNudge?: boolean;
}

export type SendResult<M> =
  | { ok: true; data: M }
  | { ok: false; error: { code: string; message: string; retryAfterMs?: number } };

/** Codes that mean "try again later"; anything else is the server saying no, shown to the person. */
const RETRYABLE = new Set(['RATE_LIMITED', 'TIMEOUT', 'DISCONNECTED', 'INTERNAL', 'INTERNAL_ERROR', 'UNAVAILABLE', 'SERVICE_UNAVAILABLE']);

export function isRetryable(code: string): boolean {
  return RETRYABLE.has(code);
}

type Listener = () => void;

export class Outbox {
  private items: OutboxItem[] = [];
  private listeners = new Set<Listener>();

  constructor(
    private readonly storage: Pick<Storage, 'getItem' | 'setItem'> | null = null,
    private readonly storageKey = 'hearth.outbox',
    private readonly newId: () => string = () => crypto.randomUUID(),
  ) {
    const raw = storage?.getItem(storageKey);
    if (raw) {
      try {
        const parsed = JSON.parse(raw) as OutboxItem[];
        // Anything saved was in flight when the page went away: it is sending again.
        this.items = parsed.map((i) => ({ ...i, status: i.status === 'failed' ? 'failed' : 'sending' }));
      } catch {
        this.items = [];
      }
    }
  }

  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Stable snapshot (a new array only when something changed), for useSyncExternalStore. */
  all(): readonly OutboxItem[] {
    return this.items;
  }

  forRoom(roomId: string): OutboxItem[] {
    return this.items.filter((i) => i.roomId === roomId);
  }

  /** Items to (re)send now, oldest first. */
  pending(): OutboxItem[] {
    return this.items.filter((i) => i.status === 'sending');
  }

  add(roomId: string, body: string, replyToId?: string): OutboxItem {
    const item: OutboxItem = {
      clientMsgId: this.newId(),
      roomId,
      body,
      ...(replyToId ? { replyToId } : {}),
      createdAt: new Date().toISOString(),
      attempts: 0,
      status: 'sending',
    };
    this.update([...this.items, item]);
    return item;
  }

  markAttempt(clientMsgId: string): void {
    this.update(this.items.map((i) => (i.clientMsgId === clientMsgId ? { ...i, attempts: i.attempts + 1 } : i)));
  }

  /** The server committed it: it now lives in the room's timeline, not here. */
  acknowledge(clientMsgId: string): void {
    if (!this.items.some((i) => i.clientMsgId === clientMsgId)) return;
    this.update(this.items.filter((i) => i.clientMsgId !== clientMsgId));
  }

  /** Everything the timeline already holds is delivered (e.g. seen again through a resync). */
  acknowledgeDelivered(clientMsgIds: Iterable<string>): void {
    const seen = new Set(clientMsgIds);
    if (!this.items.some((i) => seen.has(i.clientMsgId))) return;
    this.update(this.items.filter((i) => !seen.has(i.clientMsgId)));
  }

  fail(clientMsgId: string, errorCode: string, errorMessage?: string): void {
    this.update(this.items.map((i) => (i.clientMsgId === clientMsgId ? { ...i, status: 'failed', errorCode, errorMessage } : i)));
  }

  /** The person asks to try a refused message again: same clientMsgId, so still at most once. */
  retry(clientMsgId: string, opts: { confirmNudge?: boolean } = {}): void {
    this.update(
      this.items.map((i) =>
        i.clientMsgId === clientMsgId ? { ...i, status: 'sending', errorCode: undefined, errorMessage: undefined, ...(opts.confirmNudge ? { confirmNudge: true } : {}) } : i,
      ),
    );
  }

  discard(clientMsgId: string): void {
    this.update(this.items.filter((i) => i.clientMsgId !== clientMsgId));
  }

  private update(next: OutboxItem[]): void {
    this.items = next;
    try {
      this.storage?.setItem(this.storageKey, JSON.stringify(next));
    } catch {
      /* storage full or blocked: the outbox still works in memory */
    }
    for (const fn of this.listeners) fn();
  }
}

/**
 * Sends what the outbox holds, one message at a time in the order written, so a room receives a
 * person's messages in the order they typed them. Stops at the first message that could not be
 * delivered for a passing reason (offline, timeout, rate limit); a later `flush()` (on reconnect)
 * carries on from there with the same clientMsgIds.
 */
export class OutboxSender<M> {
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly outbox: Outbox,
    private readonly send: (item: OutboxItem) => Promise<SendResult<M>>,
    private readonly onDelivered: (item: OutboxItem, message: M) => void,
    private readonly canSend: () => boolean,
    private readonly wait: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  flush(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.drain();
        } while (this.again && this.canSend());
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  private async drain(): Promise<void> {
    for (let guard = 0; guard < 1000; guard++) {
      if (!this.canSend()) return;
      const item = this.outbox.pending()[0];
      if (!item) return;
      this.outbox.markAttempt(item.clientMsgId);
      let res: SendResult<M>;
      try {
        res = await this.send(item);
      } catch {
        res = { ok: false, error: { code: 'DISCONNECTED', message: 'not sent' } };
      }
      if (res.ok) {
        this.outbox.acknowledge(item.clientMsgId);
        this.onDelivered(item, res.data);
        continue;
      }
      if (res.error.code === 'RATE_LIMITED' && res.error.retryAfterMs !== undefined) {
        await this.wait(Math.min(res.error.retryAfterMs, 10_000));
        continue;
      }
      if (isRetryable(res.error.code)) return; // try again on the next flush (reconnect)
      this.outbox.fail(item.clientMsgId, res.error.code, res.error.message);
    }
  }
}
