/**
 * A room's timeline: messages ordered by `seq`, each seq at most once. Every way a message can
 * arrive (history page, live event, send acknowledgement, resync after reconnect) goes through
 * `mergeMessages`, so the same message arriving twice still shows once, and a later version
 * (edited, deleted) replaces an earlier one.
 */
export interface TimelineMessage {
  id: string;
  roomId: string;
  seq: number;
  clientMsgId: string;
  body: string | null;
  editedAt: string | null;
  deletedAt: string | null;
  hidden?: boolean;
  reactions?: { emoji: string; count: number }[];
}

export interface Timeline<M extends TimelineMessage = TimelineMessage> {
  messages: M[];
  /** Older history exists before messages[0]. */
  hasMoreBefore: boolean;
}

function version(m: TimelineMessage): number {
  return Math.max(Date.parse(m.editedAt ?? '') || 0, Date.parse(m.deletedAt ?? '') || 0);
}

export function mergeMessages<M extends TimelineMessage>(existing: readonly M[], incoming: readonly M[]): M[] {
  if (incoming.length === 0) return existing as M[];
  const bySeq = new Map<number, M>();
  for (const m of existing) bySeq.set(m.seq, m);
  let changed = false;
  for (const m of incoming) {
    const had = bySeq.get(m.seq);
    // Keep the newer version; on equal versions the later arrival wins (reaction counts change without an edit).
    if (!had || version(m) >= version(had)) {
      bySeq.set(m.seq, m);
      changed = true;
    }
  }
  if (!changed) return existing as M[];
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** The highest seq we hold with no gap before it: where a resync starts from. */
export function lastContiguousSeq(messages: readonly TimelineMessage[]): number {
  if (messages.length === 0) return 0;
  let last = messages[0].seq;
  for (let i = 1; i < messages.length; i++) {
    if (messages[i].seq !== last + 1) break;
    last = messages[i].seq;
  }
  return last;
}

export function lastSeq(messages: readonly TimelineMessage[]): number {
  return messages.length ? messages[messages.length - 1].seq : 0;
}

/**
 * Fetches everything after `afterSeq`, page by page, until the server says there is no more.
 * Used after every (re)connect for each open room; `maxPages` bounds a very long absence.
 */
export async function resyncRoom<M extends TimelineMessage>(
  afterSeq: number,
  sync: (afterSeq: number) => Promise<{ messages: M[]; hasMore: boolean }>,
  maxPages = 50,
): Promise<M[]> {
  const out: M[] = [];
  let cursor = afterSeq;
  for (let page = 0; page < maxPages; page++) {
    const { messages, hasMore } = await sync(cursor);
    out.push(...messages);
    if (messages.length) cursor = messages[messages.length - 1].seq;
    if (!hasMore || messages.length === 0) break;
  }
  return out;
}
