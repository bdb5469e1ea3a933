import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorNote, Loading, PageTitle } from '@/components/ui';
import { useGroup } from '@/features/groups';
import { errorText } from '@/lib/errors';
import { RoomView } from './RoomView';

export function GroupChatPage() {
  const { t } = useTranslation();
  const { groupId = '' } = useParams();
  const group = useGroup(groupId);
  if (group.isPending) return <Loading label={t('common.loading')} />;
  if (!group.data) return <ErrorNote>{errorText(t, group.error)}</ErrorNote>;
  const g = group.data;
  return (
    <div className="chat-page">
      <div className="chat-head">
        <PageTitle title={g.name}>{g.name}</PageTitle>
        <Link to={`/groups/${g.id}`} className="small">
          {t('chat.aboutGroup')}
        </Link>
      </div>
      {g.viewer.role ? <RoomView roomId={g.roomId} /> : <p>{t('chat.joinFirst')}</p>}
    </div>
  );
}
