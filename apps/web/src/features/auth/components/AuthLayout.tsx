import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function AuthLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="auth-layout">
      <a className="skip-link" href="#main">
        {t('shell.skip')}
      </a>
      <header className="auth-brand">
        <span aria-hidden="true" className="brand-mark" /> Hearth
      </header>
      <main id="main" className="auth-card" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
