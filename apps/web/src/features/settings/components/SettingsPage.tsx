import { useEffect, useState, type FormEvent } from 'react';
import { Form, Label, Radio, RadioGroup } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Button, ErrorNote, Loading, PageTitle, TextField } from '@/components/ui';
import { PrivacyChoices, type DmPolicy } from '@/features/onboarding';
import { ThemePicker, type ThemeRef } from '@/features/themes';
import { getAppearance, setAppearance, type Appearance } from '@/lib/appearance';
import { useMe, useSignOut } from '@/lib/auth/use-auth';
import { errorText } from '@/lib/errors';
import { LANGUAGES } from '@/lib/i18n';
import { useBlocks, useChangePassword, useUnblock, useUpdateMe } from '../api/settings';

export function SettingsPage() {
  const { t } = useTranslation();
  const me = useMe();
  if (!me.data) return <Loading label={t('common.loading')} />;
  return (
    <div className="stack-lg narrow">
      <PageTitle title={t('settings.title')}>{t('settings.title')}</PageTitle>
      <ProfileSection />
      <ThemesSection />
      <PrivacySection />
      <AppearanceSection />
      <PasswordSection />
      <BlocksSection />
      <SignOutSection />
    </div>
  );
}

function Saved({ show }: { show: boolean }) {
  const { t } = useTranslation();
  return (
    <span role="status" className="muted small">
      {show ? t('settings.saved') : ''}
    </span>
  );
}

function ProfileSection() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const update = useUpdateMe();
  const [displayName, setDisplayName] = useState(me.displayName);
  const [pronouns, setPronouns] = useState(me.pronouns ?? '');
  const [bio, setBio] = useState(me.bio ?? '');
  const [languages, setLanguages] = useState(me.languages.join(', '));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    update.mutate({
      displayName: displayName.trim() || me.displayName,
      pronouns: pronouns.trim() || null,
      bio: bio.trim() || null,
      languages: languages.split(',').map((l) => l.trim()).filter(Boolean),
    });
  };
  return (
    <section aria-labelledby="s-profile" className="card">
      <h2 id="s-profile">{t('settings.profile')}</h2>
      <p className="muted small">{t('settings.usernameIs', { username: me.username })}</p>
      <Form onSubmit={submit} className="stack">
        <TextField label={t('fields.displayName')} value={displayName} onChange={setDisplayName} maxLength={64} isRequired />
        <TextField label={t('fields.pronouns')} value={pronouns} onChange={setPronouns} maxLength={32} />
        <TextField label={t('fields.bio')} description={t('settings.bioHint')} value={bio} onChange={setBio} maxLength={500} multiline />
        <TextField label={t('fields.languages')} description={t('settings.languagesHint')} value={languages} onChange={setLanguages} />
        <ErrorNote>{errorText(t, update.error)}</ErrorNote>
        <div className="actions">
          <Button type="submit" variant="primary" isPending={update.isPending}>
            {t('settings.saveProfile')}
          </Button>
          <Saved show={update.isSuccess} />
        </div>
      </Form>
    </section>
  );
}

function ThemesSection() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const update = useUpdateMe();
  const [themes, setThemes] = useState<ThemeRef[]>(me.themes);
  return (
    <section aria-labelledby="s-themes" className="card">
      <h2 id="s-themes">{t('settings.themes')}</h2>
      <ThemePicker value={themes} onChange={setThemes} />
      <ErrorNote>{errorText(t, update.error)}</ErrorNote>
      <div className="actions">
        <Button variant="primary" onPress={() => update.mutate({ themeIds: themes.map((x) => x.id) })} isPending={update.isPending}>
          {t('settings.saveThemes')}
        </Button>
        <Saved show={update.isSuccess} />
      </div>
    </section>
  );
}

function PrivacySection() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const update = useUpdateMe();
  const [dmPolicy, setDmPolicy] = useState(me.privacy.dmPolicy as DmPolicy);
  const [showPresence, setShowPresence] = useState(me.privacy.showPresence);
  return (
    <section aria-labelledby="s-privacy" className="card">
      <h2 id="s-privacy">{t('settings.privacy')}</h2>
      <PrivacyChoices dmPolicy={dmPolicy} showPresence={showPresence} onDmPolicy={setDmPolicy} onShowPresence={setShowPresence} />
      <ErrorNote>{errorText(t, update.error)}</ErrorNote>
      <div className="actions">
        <Button variant="primary" onPress={() => update.mutate({ privacy: { dmPolicy, showPresence } })} isPending={update.isPending}>
          {t('settings.savePrivacy')}
        </Button>
        <Saved show={update.isSuccess} />
      </div>
    </section>
  );
}

function AppearanceSection() {
  const { t, i18n } = useTranslation();
  const [appearance, setAp] = useState<Appearance>(getAppearance());
  useEffect(() => setAppearance(appearance), [appearance]);
  return (
    <section aria-labelledby="s-appearance" className="card stack">
      <h2 id="s-appearance">{t('settings.appearance')}</h2>
      <RadioGroup value={appearance} onChange={(v) => setAp(v as Appearance)} className="radio-group" orientation="horizontal">
        <Label>{t('settings.colours')}</Label>
        {(['system', 'light', 'dark'] as const).map((a) => (
          <Radio key={a} value={a} className="radio">
            {t(`settings.colour.${a}`)}
          </Radio>
        ))}
      </RadioGroup>
      <RadioGroup value={i18n.resolvedLanguage ?? 'en'} onChange={(v) => void i18n.changeLanguage(v)} className="radio-group" orientation="horizontal">
        <Label>{t('settings.language')}</Label>
        {LANGUAGES.map((l) => (
          <Radio key={l.code} value={l.code} className="radio">
            <span lang={l.code}>{l.label}</span>
          </Radio>
        ))}
      </RadioGroup>
    </section>
  );
}

function PasswordSection() {
  const { t } = useTranslation();
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    change.mutate(
      { currentPassword: current, newPassword: next },
      {
        onSuccess: () => {
          setCurrent('');
          setNext('');
        },
      },
    );
  };
  return (
    <section aria-labelledby="s-password" className="card">
      <h2 id="s-password">{t('settings.password')}</h2>
      <p className="muted">{t('settings.passwordLead')}</p>
      <Form onSubmit={submit} className="stack">
        <TextField label={t('settings.currentPassword')} type="password" autoComplete="current-password" value={current} onChange={setCurrent} isRequired />
        <TextField
          label={t('settings.newPassword')}
          description={t('signUp.passwordHint')}
          type="password"
          autoComplete="new-password"
          value={next}
          onChange={setNext}
          minLength={10}
          isRequired
        />
        <ErrorNote>{errorText(t, change.error)}</ErrorNote>
        <div className="actions">
          <Button type="submit" variant="primary" isPending={change.isPending}>
            {t('settings.changePassword')}
          </Button>
          <span role="status" className="muted small">
            {change.isSuccess ? t('settings.passwordChanged') : ''}
          </span>
        </div>
      </Form>
    </section>
  );
}

function BlocksSection() {
  const { t } = useTranslation();
  const blocks = useBlocks();
  const unblock = useUnblock();
  return (
    <section aria-labelledby="s-blocks" className="card">
      <h2 id="s-blocks">{t('settings.blocked')}</h2>
      <p className="muted">{t('settings.blockedLead')}</p>
      {blocks.data?.length ? (
        <ul className="card-list">
          {blocks.data.map((u) => (
            <li key={u.id} className="row-between">
              <span>
                {u.displayName} <span className="muted">@{u.username}</span>
              </span>
              <Button variant="quiet" onPress={() => unblock.mutate(u.id)} aria-label={t('settings.unblockName', { name: u.displayName })}>
                {t('settings.unblock')}
              </Button>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('settings.noBlocked')}</p>
      )}
    </section>
  );
}

function SignOutSection() {
  const { t } = useTranslation();
  const signOut = useSignOut();
  const navigate = useNavigate();
  return (
    <section aria-labelledby="s-signout" className="card">
      <h2 id="s-signout">{t('settings.signOutTitle')}</h2>
      <p className="muted">{t('settings.signOutLead')}</p>
      <Button
        onPress={async () => {
          await signOut();
          navigate('/welcome', { replace: true });
        }}
      >
        {t('settings.signOut')}
      </Button>
    </section>
  );
}
