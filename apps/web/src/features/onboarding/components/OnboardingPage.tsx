import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Button, ErrorNote, PageTitle } from '@/components/ui';
import { ThemePicker, type ThemeRef } from '@/features/themes';
import { api, call } from '@/lib/api/client';
import { meKey, useMe } from '@/lib/auth/use-auth';
import { errorText } from '@/lib/errors';
import { PrivacyChoices, type DmPolicy } from './PrivacyChoices';

export function OnboardingPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const me = useMe();
  const [themes, setThemes] = useState<ThemeRef[]>([]);
  const [dmPolicy, setDmPolicy] = useState<DmPolicy>('shared_groups');
  const [showPresence, setShowPresence] = useState(true);
  useEffect(() => {
    if (!me.data) return;
    setThemes(me.data.themes);
    setDmPolicy(me.data.privacy.dmPolicy as DmPolicy);
    setShowPresence(me.data.privacy.showPresence);
  }, [me.data]);

  const save = useMutation({
    mutationFn: () => call(api.PATCH('/api/me', { body: { themeIds: themes.map((x) => x.id), privacy: { dmPolicy, showPresence } } })),
    onSuccess: (user) => {
      qc.setQueryData(meKey, user);
      navigate('/home');
    },
  });

  return (
    <div className="narrow stack-lg">
      <PageTitle title={t('onboarding.title')}>{t('onboarding.title', { name: me.data?.displayName ?? '' })}</PageTitle>
      <p className="lead">{t('onboarding.lead')}</p>
      <section aria-labelledby="ob-themes" className="card">
        <h2 id="ob-themes">{t('onboarding.themesTitle')}</h2>
        <p>{t('onboarding.themesLead')}</p>
        <ThemePicker value={themes} onChange={setThemes} />
      </section>
      <section aria-labelledby="ob-privacy" className="card">
        <h2 id="ob-privacy">{t('onboarding.privacyTitle')}</h2>
        <p>{t('onboarding.privacyLead')}</p>
        <PrivacyChoices dmPolicy={dmPolicy} showPresence={showPresence} onDmPolicy={setDmPolicy} onShowPresence={setShowPresence} />
      </section>
      <ErrorNote>{errorText(t, save.error)}</ErrorNote>
      <div className="actions">
        <Button variant="primary" onPress={() => save.mutate()} isPending={save.isPending}>
          {t('onboarding.save')}
        </Button>
        <Button variant="quiet" onPress={() => navigate('/home')}>
          {t('onboarding.later')}
        </Button>
      </div>
    </div>
  );
}
