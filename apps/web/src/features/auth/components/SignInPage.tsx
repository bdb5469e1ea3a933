import { useState, type FormEvent } from 'react';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { Button, ErrorNote, PageTitle, TextField, TextLink } from '@/components/ui';
import { errorText } from '@/lib/errors';
import { useSignIn } from '../api/auth';
import { AuthLayout } from './AuthLayout';

export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const from = (useLocation().state as { from?: string } | null)?.from;
  const signIn = useSignIn();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    signIn.mutate({ username, password }, { onSuccess: () => navigate(from && from !== '/sign-in' ? from : '/home', { replace: true }) });
  };

  return (
    <AuthLayout>
      <PageTitle title={t('signIn.title')}>{t('signIn.title')}</PageTitle>
      <Form onSubmit={submit} className="stack">
        <TextField label={t('fields.username')} name="username" autoComplete="username" isRequired value={username} onChange={setUsername} />
        <TextField label={t('fields.password')} name="password" type="password" autoComplete="current-password" isRequired value={password} onChange={setPassword} />
        <ErrorNote>{errorText(t, signIn.error)}</ErrorNote>
        <Button type="submit" variant="primary" isPending={signIn.isPending}>
          {t('signIn.submit')}
        </Button>
      </Form>
      <p>
        {t('signIn.noAccount')} <TextLink href="/sign-up">{t('signIn.createOne')}</TextLink>
      </p>
    </AuthLayout>
  );
}
