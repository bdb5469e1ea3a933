import { useTranslation } from 'react-i18next';
import { Navigate, useParams } from 'react-router';
import { Loading } from '@/components/ui';
import { useMyRooms } from '../api/chat';

/** /r/:roomId — a link to a room from a notification, sent on to the group's or the conversation's screen. */
export function RoomRedirect() {
  const { t } = useTranslation();
  const { roomId = '' } = useParams();
  const rooms = useMyRooms();
  if (rooms.isPending) return <Loading label={t('common.loading')} />;
  const r = rooms.data?.find((x) => x.roomId === roomId);
  if (r?.kind === 'group' && r.groupId) return <Navigate to={`/groups/${r.groupId}/chat`} replace />;
  return <Navigate to={r ? `/messages/${roomId}` : '/home'} replace />;
}
