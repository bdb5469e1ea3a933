export { ConversationsPage } from './components/ConversationsPage';
