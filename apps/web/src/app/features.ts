import type { RouteObject } from 'react-router';

/**
 * Every signed-in screen is a feature, loaded only when first visited. Part 2 (moderation, peer
 * support, recovery, consoles) adds entries here — and, when it should be in the navigation, a
 * `nav` with the roles that see it — without touching the shell.
 */
export interface FeatureNav {
  labelKey: string;
  to: string;
  /** Which roles see the entry; everyone when absent. */
  roles?: Array<'member' | 'peer' | 'admin'>;
  badge?: 'notifications' | 'messages';
}

export interface Feature {
  routes: RouteObject[];
  nav?: FeatureNav;
}

const lazy = <M,>(load: () => Promise<M>, pick: (m: M) => React.ComponentType) => async () => ({ Component: pick(await load()) });

export const features: Feature[] = [
  {
    nav: { labelKey: 'nav.home', to: '/home' },
    routes: [{ path: 'home', lazy: lazy(() => import('@/features/groups'), (m) => m.HomePage) }],
  },
  {
    nav: { labelKey: 'nav.discover', to: '/discover' },
    routes: [
      { path: 'discover', lazy: lazy(() => import('@/features/groups'), (m) => m.DiscoverPage) },
      { path: 'groups/:groupId', lazy: lazy(() => import('@/features/groups'), (m) => m.GroupPage) },
      { path: 'invite', lazy: lazy(() => import('@/features/groups'), (m) => m.InvitePage) },
    ],
  },
  {
    routes: [
      { path: 'groups/:groupId/chat', lazy: lazy(() => import('@/features/chat'), (m) => m.GroupChatPage) },
      { path: 'r/:roomId', lazy: lazy(() => import('@/features/chat'), (m) => m.RoomRedirect) },
    ],
  },
  {
    nav: { labelKey: 'nav.messages', to: '/messages', badge: 'messages' },
    routes: [
      { path: 'messages', lazy: lazy(() => import('@/features/direct'), (m) => m.ConversationsPage) },
      { path: 'messages/:roomId', lazy: lazy(() => import('@/features/chat'), (m) => m.DirectChatPage) },
    ],
  },
  {
    nav: { labelKey: 'nav.notifications', to: '/notifications', badge: 'notifications' },
    routes: [{ path: 'notifications', lazy: lazy(() => import('@/features/notifications'), (m) => m.NotificationsPage) }],
  },
  {
    nav: { labelKey: 'nav.settings', to: '/settings' },
    routes: [{ path: 'settings', lazy: lazy(() => import('@/features/settings'), (m) => m.SettingsPage) }],
  },
  {
    routes: [{ path: 'onboarding', lazy: lazy(() => import('@/features/onboarding'), (m) => m.OnboardingPage) }],
  },
];
