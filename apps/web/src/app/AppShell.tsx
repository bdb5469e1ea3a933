import { useQuery } from '@tanstack/react-query';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Outlet, useLocation } from 'react-router';
import { Loading } from '@/components/ui';
import { api, call } from '@/lib/api/client';
import { useMe, useSignedIn } from '@/lib/auth/use-auth';
import { SocketProvider, useConnectionStatus } from '@/lib/realtime/SocketProvider';
import { myRoomsKey, notificationsKey } from '@/lib/realtime/realtime-client';
import { features, type FeatureNav } from './features';

/** The signed-in frame: skip link, navigation, connection state, and the current screen. */
export function AppShell() {
  const signedIn = useSignedIn();
  const location = useLocation();
  if (!signedIn) return <Navigate to="/sign-in" replace state={{ from: location.pathname }} />;
  return (
    <SocketProvider>
      <Shell />
    </SocketProvider>
  );
}

function Shell() {
  const { t } = useTranslation();
  const me = useMe();
  const role = (me.data?.role ?? 'member') as 'member' | 'peer' | 'admin';
  const nav = features.map((f) => f.nav).filter((n): n is FeatureNav => !!n && (!n.roles || n.roles.includes(role)));
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('shell.skip')}
      </a>
      <header className="topbar">
        <NavLink to="/home" className="brand" aria-label={t('shell.brandHome')}>
          <span aria-hidden="true" className="brand-mark" />
          Hearth
        </NavLink>
        <nav aria-label={t('shell.navLabel')} className="mainnav">
          <ul>
            {nav.map((n) => (
              <li key={n.to}>
                <NavLink to={n.to}>
                  {t(n.labelKey)}
                  {n.badge && <NavBadge kind={n.badge} />}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <ConnectionBanner />
      <main id="main" className="page" tabIndex={-1}>
        <Suspense fallback={<Loading label={t('common.loading')} />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}

function NavBadge({ kind }: { kind: 'notifications' | 'messages' }) {
  const { t } = useTranslation();
  const notifications = useQuery({
    queryKey: [...notificationsKey, 'count'],
    queryFn: () => call(api.GET('/api/me/notifications', { params: { query: { limit: 1 } } })),
    enabled: kind === 'notifications',
    select: (d) => d.unreadCount,
  });
  const rooms = useQuery({
    queryKey: myRoomsKey,
    queryFn: () => call(api.GET('/api/me/rooms')),
    enabled: kind === 'messages',
    refetchInterval: 30_000,
    select: (rs) => rs.filter((r) => r.kind === 'direct').reduce((n, r) => n + r.unreadCount, 0),
  });
  const count = (kind === 'notifications' ? notifications.data : rooms.data) ?? 0;
  if (!count) return null;
  return (
    <span className="badge">
      <span aria-hidden="true">{count > 99 ? '99+' : count}</span>
      <span className="visually-hidden">{t('shell.unreadCount', { count })}</span>
    </span>
  );
}

/** Tells the person plainly when we are offline and that their messages will wait. */
function ConnectionBanner() {
  const { t } = useTranslation();
  const status = useConnectionStatus();
  return (
    <div role="status" aria-live="polite" className={status === 'offline' ? 'banner banner-offline' : 'visually-hidden'} data-connection={status}>
      {status === 'offline' ? t('shell.offline') : status === 'online' ? t('shell.online') : ''}
    </div>
  );
}
