import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Button, ErrorNote, Loading } from '@/components/ui';
import type { MessageView } from '@/lib/api/client';
import { useMe } from '@/lib/auth/use-auth';
import { errorText } from '@/lib/errors';
import { useOutbox, useRealtime } from '@/lib/realtime/SocketProvider';
import { myRoomsKey, timelineKey, type RoomTimeline } from '@/lib/realtime/realtime-client';
import { loadBefore, useBlock, useMyRooms, useOpenDirect } from '../api/chat';
import type { Person } from '../hooks/mentions';
import { useRoomTimeline } from '../hooks/use-room';
import { usePeopleTyping, useTypingSignal } from '../hooks/use-typing';
import { Composer } from './Composer';
import { ConfirmDialog } from './ConfirmDialog';
import { MessageList } from './MessageList';
import type { MessageAction } from './MessageItem';

/** A conversation: a group's room or a direct one. */
export function RoomView({ roomId }: { roomId: string }) {
  const { t } = useTranslation();
  const rt = useRealtime();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const me = useMe();
  const myId = me.data?.id ?? '';
  const timeline = useRoomTimeline(roomId);
  const pending = useOutbox(roomId);
  const rooms = useMyRooms();
  const { typing, online } = usePeopleTyping(roomId, myId);
  const typingSignal = useTypingSignal(roomId);
  const [replyTo, setReplyTo] = useState<MessageView | null>(null);
  const [editing, setEditing] = useState<MessageView | null>(null);
  const [toDelete, setToDelete] = useState<MessageView | null>(null);
  const [toBlock, setToBlock] = useState<{ userId: string; name: string } | null>(null);
  const [jump, setJump] = useState(0);
  const [problem, setProblem] = useState<unknown>(null);
  const [said, setSaid] = useState('');
  const myReactions = useRef(new Set<string>());
  const openDirect = useOpenDirect();
  const block = useBlock();

  // Where "new since you were last here" starts: fixed when the room opens.
  const [firstUnreadSeq, setFirstUnreadSeq] = useState<number | null | undefined>(undefined);
  useEffect(() => {
    if (firstUnreadSeq !== undefined || !rooms.data) return;
    const r = rooms.data.find((x) => x.roomId === roomId);
    setFirstUnreadSeq(r && r.unreadCount > 0 && r.lastSeq > r.lastReadSeq ? r.lastReadSeq + 1 : null);
  }, [rooms.data, roomId, firstUnreadSeq]);

  // New messages from others are announced politely to screen readers.
  const lastAnnounced = useRef(0);
  const messages = useMemo(() => timeline?.messages ?? [], [timeline]);
  useEffect(() => {
    const last = messages[messages.length - 1];
    if (!last) return;
    if (lastAnnounced.current && last.seq > lastAnnounced.current && last.author?.id !== myId && last.body) {
      setSaid(t('chat.announce', { name: last.author?.displayName ?? t('chat.someone'), body: last.body.slice(0, 140) }));
    }
    lastAnnounced.current = last.seq;
  }, [messages, myId, t]);

  const readUpTo = useRef(0);
  const onReadUpTo = useCallback(
    (seq: number) => {
      if (seq <= readUpTo.current || !rt) return;
      readUpTo.current = seq;
      void rt.emit('room:read', { roomId, seq });
      qc.setQueryData<{ roomId: string; lastReadSeq: number; unreadCount: number }[]>(myRoomsKey, (rs) =>
        rs?.map((r) => (r.roomId === roomId ? { ...r, lastReadSeq: Math.max(r.lastReadSeq, seq), unreadCount: 0 } : r)),
      );
    },
    [rt, roomId, qc],
  );

  const people = useMemo<Person[]>(() => {
    const map = new Map<string, Person>();
    for (let i = messages.length - 1; i >= 0 && map.size < 200; i--) {
      const a = messages[i].author;
      if (a && a.id !== myId && !map.has(a.id)) map.set(a.id, a);
    }
    for (const o of online) if (o.userId !== myId && !map.has(o.userId)) map.set(o.userId, { id: o.userId, username: o.username, displayName: o.username });
    return [...map.values()];
  }, [messages, online, myId]);

  const act = async (a: MessageAction) => {
    if (!rt) return;
    setProblem(null);
    switch (a.kind) {
      case 'reply':
        setEditing(null);
        setReplyTo(a.message);
        break;
      case 'edit':
        setReplyTo(null);
        setEditing(a.message);
        break;
      case 'delete':
        setToDelete(a.message);
        break;
      case 'react': {
        // The message view carries counts, not who reacted: pressing a reaction I added here takes it back.
        const key = `${a.message.id}:${a.emoji}`;
        const mine = myReactions.current.has(key);
        const r = await rt.emit(mine ? 'reaction:remove' : 'reaction:add', { messageId: a.message.id, emoji: a.emoji });
        if (r.ok) {
          if (mine) myReactions.current.delete(key);
          else myReactions.current.add(key);
          rt.merge(roomId, [r.data]);
        } else setProblem(r.error.message);
        break;
      }
      case 'dm':
        openDirect.mutate(a.userId, { onSuccess: (room) => navigate(`/messages/${room.roomId}`) });
        break;
      case 'block':
        setToBlock({ userId: a.userId, name: a.name });
        break;
    }
  };

  const send = async (body: string) => {
    if (!rt) return;
    if (editing) {
      const r = await rt.emit('message:edit', { messageId: editing.id, body });
      if (r.ok) rt.merge(roomId, [r.data]);
      else setProblem(r.error.message);
      setEditing(null);
      return;
    }
    rt.send(roomId, body, replyTo?.id);
    setReplyTo(null);
  };

  /** Loads older pages until the first unread message is in the timeline, then scrolls to it. */
  const jumpToFirstUnread = async () => {
    if (!rt || !firstUnreadSeq) return;
    for (let i = 0; i < 100; i++) {
      const tl = qc.getQueryData<RoomTimeline>(timelineKey(roomId));
      if (!tl || !tl.hasMoreBefore || (tl.messages[0]?.seq ?? 0) <= firstUnreadSeq) break;
      await rt.loadOlder(roomId, loadBefore(roomId));
    }
    setJump((n) => n + 1);
  };

  if (!timeline || !rt) return <Loading label={t('chat.loading')} />;
  const typingNames = typing.map((x) => x.username);
  return (
    <div className="room">
      <div className="room-status small">
        <span>{online.length > 0 ? t('chat.online', { count: online.length }) : ''}</span>
        <span aria-live="polite" className="typing">
          {typingNames.length === 1 ? t('chat.typingOne', { name: typingNames[0] }) : typingNames.length > 1 ? t('chat.typingMany', { count: typingNames.length }) : ''}
        </span>
        {firstUnreadSeq ? (
          <Button variant="quiet" className="small" onPress={() => void jumpToFirstUnread()}>
            {t('chat.jumpToUnread')}
          </Button>
        ) : null}
      </div>
      <MessageList
        messages={messages}
        pending={pending}
        hasMoreBefore={timeline.hasMoreBefore}
        myId={myId}
        firstUnreadSeq={firstUnreadSeq ?? null}
        loadOlder={() => rt.loadOlder(roomId, loadBefore(roomId))}
        onAction={(a) => void act(a)}
        onRetry={(id) => {
          rt.o.outbox.retry(id);
          void rt.sender.flush();
        }}
        onDiscard={(id) => rt.o.outbox.discard(id)}
        onSendAnyway={(id) => {
          rt.o.outbox.retry(id, { confirmNudge: true });
          void rt.sender.flush();
        }}
        onReadUpTo={onReadUpTo}
        jumpToUnread={jump}
      />
      <div className="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="announcer">
        {said}
      </div>
      <ErrorNote>{problem ? (typeof problem === 'string' ? problem : errorText(t, problem)) : null}</ErrorNote>
      <ErrorNote>{errorText(t, openDirect.error ?? block.error)}</ErrorNote>
      <Composer
        people={people}
        replyTo={replyTo}
        editing={editing}
        onCancel={() => {
          setReplyTo(null);
          setEditing(null);
        }}
        onSend={(b) => void send(b)}
        onTyping={typingSignal.typed}
        onStopTyping={typingSignal.stop}
      />
      <ConfirmDialog
        isOpen={!!toDelete}
        title={t('chat.deleteTitle')}
        body={t('chat.deleteBody')}
        confirm={t('chat.deleteConfirm')}
        onClose={() => setToDelete(null)}
        onConfirm={async () => {
          const m = toDelete;
          setToDelete(null);
          if (!m) return;
          const r = await rt.emit('message:delete', { messageId: m.id });
          if (r.ok) rt.merge(roomId, [r.data]);
          else setProblem(r.error.message);
        }}
      />
      <ConfirmDialog
        isOpen={!!toBlock}
        title={t('chat.blockTitle', { name: toBlock?.name ?? '' })}
        body={t('chat.blockBody')}
        confirm={t('chat.blockConfirm')}
        onClose={() => setToBlock(null)}
        onConfirm={() => {
          const b = toBlock;
          setToBlock(null);
          if (b) block.mutate(b.userId, { onSuccess: () => setSaid(t('chat.blocked', { name: b.name })) });
        }}
      />
    </div>
  );
}

export type { RoomTimeline };
