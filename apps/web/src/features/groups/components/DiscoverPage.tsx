import { useDeferredValue, useEffect, useState } from 'react';
import { Input, Label, SearchField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Loading, PageTitle } from '@/components/ui';
import { useThemeOptions } from '../hooks/use-theme-options';
import { useGroupSearch } from '../api/groups';
import { GroupCard } from './GroupCard';

const LANGS = ['en', 'es', 'fr', 'pt', 'de', 'it', 'ar', 'zh'];

export function DiscoverPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  // The words typed live in the field's own state (the URL follows), so fast typing loses nothing.
  const [q, setQ] = useState(() => params.get('q') ?? '');
  const theme = params.get('theme') ?? '';
  const language = params.get('language') ?? '';
  const deferredQ = useDeferredValue(q);
  const results = useGroupSearch({ q: deferredQ.trim(), theme, language });
  const themes = useThemeOptions();

  const set = (k: string, v: string) =>
    setParams(
      (p) => {
        if (v) p.set(k, v);
        else p.delete(k);
        return p;
      },
      { replace: true },
    );

  useEffect(() => {
    const timer = setTimeout(() => set('q', q.trim()), 300);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q]);

  const count = results.data?.items.length ?? 0;
  return (
    <div className="stack-lg">
      <PageTitle title={t('discover.title')}>{t('discover.title')}</PageTitle>
      <p className="lead">{t('discover.lead')}</p>
      <div className="filters" role="search">
        <SearchField value={q} onChange={setQ} className="field">
          <Label>{t('discover.search')}</Label>
          <Input placeholder={t('discover.searchPlaceholder')} />
        </SearchField>
        <div className="field">
          <label htmlFor="f-theme">{t('discover.theme')}</label>
          <select id="f-theme" value={theme} onChange={(e) => set('theme', e.target.value)}>
            <option value="">{t('discover.anyTheme')}</option>
            {themes.map((th) => (
              <option key={th.id} value={th.id}>
                {th.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-lang">{t('discover.language')}</label>
          <select id="f-lang" value={language} onChange={(e) => set('language', e.target.value)}>
            <option value="">{t('discover.anyLanguage')}</option>
            {LANGS.map((l) => (
              <option key={l} value={l}>
                {t(`languages.${l}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p role="status" className="muted">
        {results.isFetching ? t('common.loading') : t('discover.count', { count })}
      </p>
      {results.isPending ? (
        <Loading label={t('common.loading')} />
      ) : (
        <ul className="grid">
          {results.data?.items.map((g) => (
            <li key={g.id}>
              <GroupCard group={g} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
