import { useState, type FormEvent } from 'react';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Button, ErrorNote, PageTitle, TextField, TextLink } from '@/components/ui';
import { errorText } from '@/lib/errors';
import { useSignUp } from '../api/auth';
import { AuthLayout } from './AuthLayout';

export function SignUpPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const signUp = useSignUp();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    signUp.mutate(
      { username, password, ...(displayName.trim() ? { displayName: displayName.trim() } : {}) },
      { onSuccess: () => navigate('/onboarding', { replace: true }) },
    );
  };

  return (
    <AuthLayout>
      <PageTitle title={t('signUp.title')}>{t('signUp.title')}</PageTitle>
      <p>{t('signUp.lead')}</p>
      <Form onSubmit={submit} className="stack">
        <TextField
          label={t('fields.username')}
          description={t('signUp.usernameHint')}
          name="username"
          autoComplete="username"
          isRequired
          minLength={3}
          maxLength={32}
          pattern="[A-Za-z0-9_.\-]{3,32}"
          value={username}
          onChange={setUsername}
        />
        <TextField label={t('fields.displayName')} description={t('signUp.displayNameHint')} name="displayName" maxLength={64} value={displayName} onChange={setDisplayName} />
        <TextField
          label={t('fields.password')}
          description={t('signUp.passwordHint')}
          name="password"
          type="password"
          autoComplete="new-password"
          isRequired
          minLength={10}
          value={password}
          onChange={setPassword}
        />
        <ErrorNote>{errorText(t, signUp.error)}</ErrorNote>
        <Button type="submit" variant="primary" isPending={signUp.isPending}>
          {t('signUp.submit')}
        </Button>
      </Form>
      <p>
        {t('signUp.haveAccount')} <TextLink href="/sign-in">{t('signUp.signIn')}</TextLink>
      </p>
    </AuthLayout>
  );
}
