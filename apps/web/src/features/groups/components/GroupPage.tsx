import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { Button, ErrorNote, LinkButton, Loading, Notice, PageTitle, TextField } from '@/components/ui';
import { errorText } from '@/lib/errors';
import { useCreateInvite, useGroup, useJoinGroup, useLeaveGroup, type Group } from '../api/groups';

export function GroupPage() {
  const { t } = useTranslation();
  const { groupId = '' } = useParams();
  const group = useGroup(groupId);
  if (group.isPending) return <Loading label={t('common.loading')} />;
  if (!group.data) return <ErrorNote>{errorText(t, group.error)}</ErrorNote>;
  const g = group.data;
  return (
    <article className="stack-lg narrow">
      <div>
        <p className="muted small">{g.community.name}</p>
        <PageTitle title={g.name}>{g.name}</PageTitle>
        <p className="muted">
          {t('groups.members', { count: g.memberCount })}
          {g.languages.length > 0 && <> · {g.languages.map((l) => t(`languages.${l}`, { defaultValue: l })).join(', ')}</>}
          {' · '}
          {t(`groups.policy.${g.joinPolicy}`)}
        </p>
      </div>
      <p className="lead">{g.description}</p>
      {g.themes.length > 0 && (
        <ul className="tags" aria-label={t('groups.themes')}>
          {g.themes.map((th) => (
            <li key={th.id}>{th.name}</li>
          ))}
        </ul>
      )}
      {g.rules && (
        <section aria-labelledby="g-rules" className="card">
          <h2 id="g-rules">{t('groups.rules')}</h2>
          <p className="pre-line">{g.rules}</p>
        </section>
      )}
      <JoinSection group={g} />
      {g.viewer.canModerate && <InviteSection groupId={g.id} />}
    </article>
  );
}

function JoinSection({ group: g }: { group: Group }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const join = useJoinGroup(g.id);
  const leave = useLeaveGroup(g.id);
  const [note, setNote] = useState('');

  if (g.archivedAt) return <Notice>{t('groups.archived')}</Notice>;
  if (g.viewer.role) {
    return (
      <div className="actions">
        <LinkButton href={`/groups/${g.id}/chat`} variant="primary">
          {t('groups.openChat')}
        </LinkButton>
        {g.viewer.role !== 'owner' && (
          <Button variant="quiet" onPress={() => leave.mutate()} isPending={leave.isPending}>
            {t('groups.leave')}
          </Button>
        )}
        <ErrorNote>{errorText(t, leave.error)}</ErrorNote>
      </div>
    );
  }
  if (g.viewer.pendingRequest || join.data?.status === 'pending') return <Notice>{t('groups.pending')}</Notice>;
  if (g.joinPolicy === 'invite') return <p>{t('groups.inviteOnly')}</p>;
  return (
    <div className="stack">
      {g.joinPolicy === 'approval' && (
        <TextField label={t('groups.noteToModerators')} description={t('groups.noteHint')} multiline maxLength={500} value={note} onChange={setNote} />
      )}
      <div className="actions">
        <Button
          variant="primary"
          isPending={join.isPending}
          onPress={() =>
            join.mutate(note.trim() ? { message: note.trim() } : {}, {
              onSuccess: (res) => {
                if (res.status === 'member') navigate(`/groups/${g.id}/chat`);
              },
            })
          }
        >
          {g.joinPolicy === 'approval' ? t('groups.askToJoin') : t('groups.join')}
        </Button>
      </div>
      <ErrorNote>{errorText(t, join.error)}</ErrorNote>
    </div>
  );
}

function InviteSection({ groupId }: { groupId: string }) {
  const { t } = useTranslation();
  const invite = useCreateInvite(groupId);
  const [copied, setCopied] = useState(false);
  const link = invite.data ? `${window.location.origin}/invite#${invite.data.token}` : '';
  return (
    <section aria-labelledby="g-invite" className="card stack">
      <h2 id="g-invite">{t('groups.inviteTitle')}</h2>
      <p>{t('groups.inviteLead')}</p>
      {link ? (
        <>
          <TextField label={t('groups.inviteLink')} value={link} isReadOnly description={t('groups.inviteOnce')} />
          <Button
            onPress={() => {
              void navigator.clipboard?.writeText(link).then(() => setCopied(true));
            }}
          >
            {t('groups.copy')}
          </Button>
          <p role="status">{copied ? t('groups.copied') : ''}</p>
        </>
      ) : (
        <Button onPress={() => invite.mutate()} isPending={invite.isPending}>
          {t('groups.createInvite')}
        </Button>
      )}
      <ErrorNote>{errorText(t, invite.error)}</ErrorNote>
    </section>
  );
}
