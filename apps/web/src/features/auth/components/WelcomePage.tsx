import { useTranslation } from 'react-i18next';
import { LinkButton, PageTitle } from '@/components/ui';
import { AuthLayout } from './AuthLayout';

export function WelcomePage() {
  const { t } = useTranslation();
  return (
    <AuthLayout>
      <PageTitle title={t('welcome.title')}>{t('welcome.title')}</PageTitle>
      <p className="lead">{t('welcome.lead')}</p>
      <ul className="plain-list">
        <li>{t('welcome.point1')}</li>
        <li>{t('welcome.point2')}</li>
        <li>{t('welcome.point3')}</li>
      </ul>
      <div className="actions">
        <LinkButton href="/sign-up" variant="primary">
          {t('welcome.join')}
        </LinkButton>
        <LinkButton href="/sign-in">{t('welcome.signIn')}</LinkButton>
      </div>
    </AuthLayout>
  );
}
