import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Loading, PageTitle } from '@/components/ui';
import { useMyRooms } from '../api/chat';
import { RoomView } from './RoomView';

export function DirectChatPage() {
  const { t } = useTranslation();
  const { roomId = '' } = useParams();
  const rooms = useMyRooms();
  if (rooms.isPending) return <Loading label={t('common.loading')} />;
  const room = rooms.data?.find((r) => r.roomId === roomId);
  const name = room?.others.map((o) => o.displayName).join(', ') || t('direct.conversation');
  return (
    <div className="chat-page">
      <div className="chat-head">
        <PageTitle title={name}>{t('direct.with', { name })}</PageTitle>
        <Link to="/messages" className="small">
          {t('direct.all')}
        </Link>
      </div>
      <RoomView roomId={roomId} />
    </div>
  );
}
