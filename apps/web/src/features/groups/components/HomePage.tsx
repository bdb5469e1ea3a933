import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LinkButton, Loading, PageTitle } from '@/components/ui';
import { api, call } from '@/lib/api/client';
import { useMe } from '@/lib/auth/use-auth';
import { useQuery } from '@tanstack/react-query';
import { useMyGroups, useRecommendations } from '../api/groups';
import { GroupCard } from './GroupCard';

export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const mine = useMyGroups();
  const recs = useRecommendations();
  // Unread counts per room, from the same cache entry the realtime client keeps up to date.
  const rooms = useQuery({ queryKey: ['me', 'rooms'], queryFn: () => call(api.GET('/api/me/rooms')) });
  const unread = new Map(rooms.data?.map((r) => [r.roomId, r.unreadCount]));
  return (
    <div className="stack-lg">
      <PageTitle title={t('home.title')}>{t('home.greeting', { name: me.data?.displayName ?? '' })}</PageTitle>
      <section aria-labelledby="home-mine">
        <h2 id="home-mine">{t('home.yourGroups')}</h2>
        {mine.isPending ? (
          <Loading label={t('common.loading')} />
        ) : mine.data?.items.length ? (
          <ul className="card-list">
            {mine.data.items.map((g) => (
              <li key={g.id} className="card row-between">
                <Link to={`/groups/${g.id}/chat`} className="strong-link">
                  {g.name}
                </Link>
                <span className="small">
                  {unread.get(g.roomId) ? <span className="badge">{t('direct.unread', { count: unread.get(g.roomId) })}</span> : <span className="muted">{t('groups.members', { count: g.memberCount })}</span>}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t('home.noGroups')}</p>
        )}
      </section>
      <section aria-labelledby="home-recs">
        <h2 id="home-recs">{t('home.suggested')}</h2>
        {recs.isPending ? (
          <Loading label={t('common.loading')} />
        ) : recs.data?.items.length ? (
          <ul className="grid">
            {recs.data.items.map((g) => (
              <li key={g.id}>
                <GroupCard group={g} reason={g.reason} />
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t('home.noSuggestions')}</p>
        )}
        <LinkButton href="/discover">{t('home.findMore')}</LinkButton>
      </section>
    </div>
  );
}
