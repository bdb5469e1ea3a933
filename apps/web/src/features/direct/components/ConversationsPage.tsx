import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading, PageTitle } from '@/components/ui';
import { useMyRooms } from '@/features/chat';

export function ConversationsPage() {
  const { t } = useTranslation();
  const rooms = useMyRooms();
  const direct = rooms.data?.filter((r) => r.kind === 'direct') ?? [];
  return (
    <div className="stack-lg narrow">
      <PageTitle title={t('direct.title')}>{t('direct.title')}</PageTitle>
      <p className="muted">{t('direct.lead')}</p>
      {rooms.isPending ? (
        <Loading label={t('common.loading')} />
      ) : direct.length === 0 ? (
        <p>{t('direct.none')}</p>
      ) : (
        <ul className="card-list">
          {direct.map((r) => {
            const name = r.others.map((o) => o.displayName).join(', ') || t('direct.conversation');
            return (
              <li key={r.roomId} className="card row-between">
                <Link to={`/messages/${r.roomId}`} className="strong-link">
                  {name}
                </Link>
                {r.unreadCount > 0 && <span className="badge">{t('direct.unread', { count: r.unreadCount })}</span>}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
