import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Button, ErrorNote, Loading, PageTitle } from '@/components/ui';
import { errorText } from '@/lib/errors';
import { useAcceptInvite, useInvitePreview } from '../api/groups';

/** An invite link is /invite#TOKEN: the token stays in the fragment, never in a server log. */
export function InvitePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const token = decodeURIComponent(window.location.hash.slice(1));
  const preview = useInvitePreview(token);
  const accept = useAcceptInvite();
  return (
    <div className="narrow stack-lg">
      <PageTitle title={t('invite.title')}>{t('invite.title')}</PageTitle>
      {preview.isPending ? (
        <Loading label={t('common.loading')} />
      ) : preview.data ? (
        <div className="card stack">
          <h2>{preview.data.groupName}</h2>
          <p className="muted">
            {preview.data.community.name} · {t('groups.members', { count: preview.data.memberCount })}
          </p>
          <p>{preview.data.description}</p>
          <Button
            variant="primary"
            isPending={accept.isPending}
            onPress={() => accept.mutate(token, { onSuccess: () => navigate(`/groups/${preview.data.groupId}/chat`) })}
          >
            {t('invite.accept')}
          </Button>
          <ErrorNote>{errorText(t, accept.error)}</ErrorNote>
        </div>
      ) : (
        <ErrorNote>{t('invite.invalid')}</ErrorNote>
      )}
    </div>
  );
}
