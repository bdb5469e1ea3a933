import { memo } from 'react';
import { Button as AriaButton, Menu, MenuItem, MenuTrigger, Popover } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { MessageView } from '@/lib/api/client';
import type { OutboxItem } from '@/lib/realtime/outbox';

export const REACTIONS = ['❤️', '👍', '🙏', '🌱', '🤗'];

export type MessageAction =
  | { kind: 'reply'; message: MessageView }
  | { kind: 'edit'; message: MessageView }
  | { kind: 'delete'; message: MessageView }
  | { kind: 'react'; message: MessageView; emoji: string }
  | { kind: 'dm'; userId: string }
  | { kind: 'block'; userId: string; name: string };

interface Props {
  message: MessageView;
  mine: boolean;
  replyTo?: MessageView;
  onAction: (a: MessageAction) => void;
}

function time(iso: string, lng: string) {
  return new Date(iso).toLocaleTimeString(lng, { hour: '2-digit', minute: '2-digit' });
}

/** One message: who, when, what, and what can be done with it. A removed message says so kindly. */
export const MessageItem = memo(function MessageItem({ message: m, mine, replyTo, onAction }: Props) {
  const { t, i18n } = useTranslation();
  const name = m.author?.displayName ?? t('chat.someone');
  const tombstone = m.body === null;
  return (
    <article className={`message${mine ? ' message-mine' : ''}${tombstone ? ' message-tombstone' : ''}`} aria-label={t('chat.messageFrom', { name })} data-seq={m.seq}>
      <header className="message-head">
        {m.author && !mine ? (
          <MenuTrigger>
            <AriaButton className="author-button">{name}</AriaButton>
            <Popover placement="bottom start" className="popover">
              <Menu
                className="menu"
                aria-label={t('chat.personMenu', { name })}
                onAction={(key) =>
                  key === 'dm' ? onAction({ kind: 'dm', userId: m.author!.id }) : onAction({ kind: 'block', userId: m.author!.id, name })
                }
              >
                <MenuItem id="dm" className="menu-item">
                  {t('chat.sendPrivate')}
                </MenuItem>
                <MenuItem id="block" className="menu-item">
                  {t('chat.block', { name })}
                </MenuItem>
              </Menu>
            </Popover>
          </MenuTrigger>
        ) : (
          <span className="author">{mine ? t('chat.you') : name}</span>
        )}
        <time dateTime={m.createdAt} className="muted small">
          {time(m.createdAt, i18n.language)}
        </time>
        {m.editedAt && !tombstone && <span className="muted small">{t('chat.edited')}</span>}
      </header>
      {replyTo && (
        <p className="reply-quote small">
          <span className="visually-hidden">{t('chat.inReplyTo')} </span>
          <strong>{replyTo.author?.displayName ?? t('chat.someone')}</strong>: {replyTo.body ?? t('chat.removedShort')}
        </p>
      )}
      {tombstone ? (
        <p className="tombstone">
          {m.placeholder === 'blocked'
            ? t('chat.fromBlocked')
            : m.placeholder === 'held'
              ? t('chat.heldForOthers')
              : m.hidden
                ? t('chat.hiddenByModerator')
                : t('chat.takenBack')}
        </p>
      ) : (
        <p className="message-body">{m.body}</p>
      )}
      {m.held && !tombstone && <p className="small muted">{t('chat.heldForMe')}</p>}
      {!tombstone && (
        <div className="message-foot">
          {m.reactions.length > 0 && (
            <ul className="reactions" aria-label={t('chat.reactions')}>
              {m.reactions.map((r) => (
                <li key={r.emoji}>
                  <AriaButton className="reaction" onPress={() => onAction({ kind: 'react', message: m, emoji: r.emoji })} aria-label={t('chat.reactionCount', { emoji: r.emoji, count: r.count })}>
                    {r.emoji} {r.count}
                  </AriaButton>
                </li>
              ))}
            </ul>
          )}
          <div className="message-actions">
            <AriaButton className="icon-button" onPress={() => onAction({ kind: 'reply', message: m })} aria-label={t('chat.replyTo', { name })}>
              {t('chat.reply')}
            </AriaButton>
            <MenuTrigger>
              <AriaButton className="icon-button" aria-label={t('chat.react')}>
                {t('chat.react')}
              </AriaButton>
              <Popover placement="top" className="popover">
                <Menu className="menu menu-row" aria-label={t('chat.react')} onAction={(emoji) => onAction({ kind: 'react', message: m, emoji: String(emoji) })}>
                  {REACTIONS.map((e) => (
                    <MenuItem key={e} id={e} className="menu-item" textValue={e}>
                      {e}
                    </MenuItem>
                  ))}
                </Menu>
              </Popover>
            </MenuTrigger>
            {mine && (
              <>
                <AriaButton className="icon-button" onPress={() => onAction({ kind: 'edit', message: m })}>
                  {t('chat.edit')}
                </AriaButton>
                <AriaButton className="icon-button" onPress={() => onAction({ kind: 'delete', message: m })}>
                  {t('chat.delete')}
                </AriaButton>
              </>
            )}
          </div>
        </div>
      )}
    </article>
  );
});

/** A message of mine still in the outbox: shown at once, marked "sending" until the server has it. */
export function PendingItem({ item, onRetry, onDiscard, onSendAnyway }: { item: OutboxItem; onRetry: () => void; onDiscard: () => void; onSendAnyway?: () => void }) {
  const { t } = useTranslation();
  return (
    <article className="message message-mine message-pending" aria-label={t('chat.yourPending')} data-client-msg-id={item.clientMsgId}>
      <header className="message-head">
        <span className="author">{t('chat.you')}</span>
        <span className="small pending-state">{item.status === 'failed' ? t('chat.notSent') : t('chat.sending')}</span>
      </header>
      <p className="message-body">{item.body}</p>
      {item.status === 'failed' && (
        <div className="message-actions visible">
          <span className="small">
            {item.errorCode === 'NUDGE' && item.errorMessage ? item.errorMessage : t(`errors.${item.errorCode}`, { defaultValue: t('chat.notSentWhy') })}
          </span>
          {item.errorCode === 'NUDGE' ? (
            <AriaButton className="icon-button" onPress={onSendAnyway}>
              {t('chat.sendAnyway')}
            </AriaButton>
          ) : (
            <AriaButton className="icon-button" onPress={onRetry}>
              {t('chat.tryAgain')}
            </AriaButton>
          )}
          <AriaButton className="icon-button" onPress={onDiscard}>
            {t('chat.discard')}
          </AriaButton>
        </div>
      )}
    </article>
  );
}
