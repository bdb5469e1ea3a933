import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button, Loading, PageTitle } from '@/components/ui';
import { useMarkRead, useNotifications } from '../api/notifications';

type Data = { roomId?: string; groupId?: string; by?: { displayName?: string } | null; seq?: number };

/** Mentions, replies and answers to join requests, newest first; updates live through the socket. */
export function NotificationsPage() {
  const { t, i18n } = useTranslation();
  const list = useNotifications();
  const mark = useMarkRead();
  const items = list.data?.items ?? [];
  return (
    <div className="stack-lg narrow">
      <PageTitle title={t('notifications.title')}>{t('notifications.title')}</PageTitle>
      <div className="row-between">
        <p role="status" className="muted">
          {t('notifications.unread', { count: list.data?.unreadCount ?? 0 })}
        </p>
        {(list.data?.unreadCount ?? 0) > 0 && <Button onPress={() => mark.mutate('all')}>{t('notifications.markAll')}</Button>}
      </div>
      {list.isPending ? (
        <Loading label={t('common.loading')} />
      ) : items.length === 0 ? (
        <p>{t('notifications.none')}</p>
      ) : (
        <ul className="card-list" aria-label={t('notifications.title')}>
          {items.map((n) => {
            const d = n.data as Data;
            const who = d.by?.displayName ?? t('chat.someone');
            const text = t(`notifications.kind.${n.kind}`, { name: who, defaultValue: t('notifications.kind.other') });
            const to = d.groupId && n.kind !== 'mention' && n.kind !== 'reply' ? `/groups/${d.groupId}` : d.roomId ? `/r/${d.roomId}` : null;
            return (
              <li key={n.id} className={`card notification${n.readAt ? '' : ' unread'}`}>
                <div>
                  {!n.readAt && <span className="visually-hidden">{t('notifications.new')} </span>}
                  {to ? (
                    <Link to={to} onClick={() => !n.readAt && mark.mutate(n.id)}>
                      {text}
                    </Link>
                  ) : (
                    text
                  )}
                  <p className="muted small">
                    <time dateTime={n.createdAt}>{new Date(n.createdAt).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' })}</time>
                  </p>
                </div>
                {!n.readAt && (
                  <Button variant="quiet" onPress={() => mark.mutate(n.id)} aria-label={t('notifications.markOne', { text })}>
                    {t('notifications.markRead')}
                  </Button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
