export { DirectChatPage } from './components/DirectChatPage';
export { GroupChatPage } from './components/GroupChatPage';
export { useMyRooms, useOpenDirect } from './api/chat';
export { RoomRedirect } from './components/RoomRedirect';
