export { DiscoverPage } from './components/DiscoverPage';
export { GroupPage } from './components/GroupPage';
export { HomePage } from './components/HomePage';
export { InvitePage } from './components/InvitePage';
export { useGroup } from './api/groups';
