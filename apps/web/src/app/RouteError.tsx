import { useTranslation } from 'react-i18next';
import { LinkButton, PageTitle } from '@/components/ui';

export function RouteError({ notFound }: { notFound?: boolean }) {
  const { t } = useTranslation();
  const title = notFound ? t('errors.notFoundTitle') : t('errors.screenTitle');
  return (
    <main id="main" className="page narrow">
      <PageTitle title={title}>{title}</PageTitle>
      <p>{notFound ? t('errors.notFoundBody') : t('errors.screenBody')}</p>
      <LinkButton href="/" variant="primary">
        {t('errors.goHome')}
      </LinkButton>
    </main>
  );
}
