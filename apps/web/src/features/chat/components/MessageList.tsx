import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageView } from '@/lib/api/client';
import type { OutboxItem } from '@/lib/realtime/outbox';
import { MessageItem, PendingItem, type MessageAction } from './MessageItem';

type Row =
  | { key: string; type: 'message'; message: MessageView }
  | { key: string; type: 'pending'; item: OutboxItem }
  | { key: string; type: 'unread' }
  | { key: string; type: 'start' };

interface Props {
  messages: MessageView[];
  pending: OutboxItem[];
  hasMoreBefore: boolean;
  myId: string;
  /** Messages after this seq (by others) are new to me: a divider goes before the first one. */
  firstUnreadSeq: number | null;
  loadOlder: () => Promise<void>;
  onAction: (a: MessageAction) => void;
  onRetry: (clientMsgId: string) => void;
  onDiscard: (clientMsgId: string) => void;
  onSendAnyway: (clientMsgId: string) => void;
  /** Called with the last seq seen while the person is at the bottom of the conversation. */
  onReadUpTo: (seq: number) => void;
  /** Bumped by "jump to first unread". */
  jumpToUnread: number;
}

const NEAR_BOTTOM_PX = 120;

/**
 * The conversation, virtualized: only the rows near the viewport are in the DOM, so a room with
 * 10,000 messages stays light. Scrolling up loads older history and keeps the view where it was;
 * new messages keep the view at the bottom only if the person was already there.
 */
export function MessageList({ messages, pending, hasMoreBefore, myId, firstUnreadSeq, loadOlder, onAction, onRetry, onDiscard, onSendAnyway, onReadUpTo, jumpToUnread }: Props) {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const loading = useRef(false);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const byId = useMemo(() => new Map(messages.map((m) => [m.id, m])), [messages]);

  const rows = useMemo<Row[]>(() => {
    const out: Row[] = [];
    if (!hasMoreBefore) out.push({ key: 'start', type: 'start' });
    for (const m of messages) {
      if (firstUnreadSeq !== null && m.seq === firstUnreadSeq) out.push({ key: 'unread', type: 'unread' });
      out.push({ key: m.id, type: 'message', message: m });
    }
    // A pending message that the timeline already holds is delivered: never show it twice.
    const delivered = new Set(messages.slice(-200).map((m) => m.clientMsgId));
    for (const p of pending) if (!delivered.has(p.clientMsgId)) out.push({ key: `p:${p.clientMsgId}`, type: 'pending', item: p });
    return out;
  }, [messages, pending, hasMoreBefore, firstUnreadSeq]);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (rows[i]?.type === 'message' || rows[i]?.type === 'pending' ? 88 : 40),
    getItemKey: (i) => rows[i].key,
    overscan: 8,
  });

  // Keep the view steady when older rows are added above, and at the bottom when new ones arrive.
  const firstKey = rows[0]?.key;
  const lastKey = rows[rows.length - 1]?.key;
  const prev = useRef<{ firstKey?: string; lastKey?: string; fromBottom: number }>({ fromBottom: 0 });
  const initialised = useRef(false);
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el || rows.length === 0) return;
    if (!initialised.current) {
      initialised.current = true;
      const unreadIndex = rows.findIndex((r) => r.type === 'unread');
      if (unreadIndex > 0) virtualizer.scrollToIndex(unreadIndex, { align: 'start' });
      else virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
    } else if (prev.current.firstKey && prev.current.firstKey !== firstKey && prev.current.lastKey === lastKey) {
      el.scrollTop = virtualizer.getTotalSize() - prev.current.fromBottom;
    } else if (prev.current.lastKey !== lastKey && atBottom.current) {
      virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
    }
    prev.current = { firstKey, lastKey, fromBottom: virtualizer.getTotalSize() - el.scrollTop };
  }, [firstKey, lastKey, rows, virtualizer]);

  useEffect(() => {
    if (!jumpToUnread) return;
    const i = rows.findIndex((r) => r.type === 'unread');
    if (i >= 0) {
      atBottom.current = false;
      virtualizer.scrollToIndex(i, { align: 'start' });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [jumpToUnread]);

  const maybeLoadOlder = useCallback(async () => {
    if (loading.current || !hasMoreBefore) return;
    loading.current = true;
    setLoadingOlder(true);
    const el = scrollRef.current;
    if (el) prev.current = { ...prev.current, fromBottom: virtualizer.getTotalSize() - el.scrollTop };
    try {
      await loadOlder();
    } finally {
      loading.current = false;
      setLoadingOlder(false);
    }
  }, [hasMoreBefore, loadOlder, virtualizer]);

  const lastSeq = messages.length ? messages[messages.length - 1].seq : 0;
  const onScroll = () => {
    const el = scrollRef.current;
    if (!el) return;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
    prev.current.fromBottom = virtualizer.getTotalSize() - el.scrollTop;
    if (el.scrollTop < 400) void maybeLoadOlder();
    if (atBottom.current && lastSeq) onReadUpTo(lastSeq);
  };
  useEffect(() => {
    if (atBottom.current && lastSeq && document.visibilityState === 'visible') onReadUpTo(lastSeq);
  }, [lastSeq, onReadUpTo]);

  const items = virtualizer.getVirtualItems();
  return (
    <div ref={scrollRef} className="message-scroller" onScroll={onScroll} tabIndex={0} role="region" aria-label={t('chat.conversation')} data-testid="message-scroller">
      {loadingOlder && (
        <p className="loading-older small muted" role="status">
          {t('chat.loadingOlder')}
        </p>
      )}
      <ol className="message-rows" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((vi) => {
          const row = rows[vi.index];
          return (
            <li key={vi.key} data-index={vi.index} ref={virtualizer.measureElement} className="message-row" style={{ transform: `translateY(${vi.start}px)` }}>
              {row.type === 'message' ? (
                <MessageItem message={row.message} mine={row.message.author?.id === myId} replyTo={row.message.replyToId ? byId.get(row.message.replyToId) : undefined} onAction={onAction} />
              ) : row.type === 'pending' ? (
                <PendingItem
                  item={row.item}
                  onRetry={() => onRetry(row.item.clientMsgId)}
                  onDiscard={() => onDiscard(row.item.clientMsgId)}
                  onSendAnyway={() => onSendAnyway(row.item.clientMsgId)}
                />
              ) : row.type === 'unread' ? (
                <p className="unread-divider" id="first-unread">
                  <span>{t('chat.newSince')}</span>
                </p>
              ) : (
                <p className="conversation-start muted small">{t('chat.start')}</p>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}

