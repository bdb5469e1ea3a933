import { useId, useState, type FormEvent } from 'react';
import { Button as AriaButton, SearchField, Input, Label, Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Button, ErrorNote, TextField } from '@/components/ui';
import { errorText } from '@/lib/errors';
import { useProposeTheme, useThemeSearch, type ThemeRef } from '../api/themes';

/**
 * Themes in people's own words: search, pick, or name a new one. Picked themes are toggle
 * buttons (aria-pressed), so the choice is clear without colour.
 */
export function ThemePicker({ value, onChange }: { value: ThemeRef[]; onChange: (next: ThemeRef[]) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [proposal, setProposal] = useState('');
  const [said, setSaid] = useState('');
  const search = useThemeSearch(q.trim());
  const propose = useProposeTheme();
  const listId = useId();
  const picked = new Set(value.map((v) => v.id));

  const toggle = (th: ThemeRef) => onChange(picked.has(th.id) ? value.filter((v) => v.id !== th.id) : [...value, { id: th.id, name: th.name }]);

  const submitProposal = (e: FormEvent) => {
    e.preventDefault();
    const name = proposal.trim();
    if (name.length < 2) return;
    propose.mutate(name, {
      onSuccess: (th) => {
        if (!picked.has(th.id)) onChange([...value, { id: th.id, name: th.name }]);
        setProposal('');
        setSaid(th.existed ? t('themes.alreadyThere', { name: th.name }) : t('themes.added', { name: th.name }));
      },
    });
  };

  const options = search.data?.items ?? [];
  return (
    <div className="theme-picker">
      <SearchField value={q} onChange={setQ} className="field">
        <Label>{t('themes.search')}</Label>
        <Input placeholder={t('themes.searchPlaceholder')} />
      </SearchField>
      <h3 id={listId} className="small-heading">
        {q ? t('themes.results') : t('themes.popular')}
      </h3>
      <ul className="chips" aria-labelledby={listId}>
        {options.map((th) => (
          <li key={th.id}>
            <AriaButton className="chip" aria-pressed={picked.has(th.id)} onPress={() => toggle(th)}>
              {picked.has(th.id) && <span aria-hidden="true">✓ </span>}
              {th.name}
            </AriaButton>
          </li>
        ))}
        {options.length === 0 && !search.isFetching && <li className="muted">{t('themes.none')}</li>}
      </ul>

      <h3 className="small-heading">{t('themes.yours')}</h3>
      {value.length === 0 ? (
        <p className="muted">{t('themes.noneYet')}</p>
      ) : (
        <ul className="chips" aria-label={t('themes.yours')}>
          {value.map((th) => (
            <li key={th.id}>
              <AriaButton className="chip chip-picked" onPress={() => toggle(th)} aria-label={t('themes.remove', { name: th.name })}>
                {th.name} <span aria-hidden="true">×</span>
              </AriaButton>
            </li>
          ))}
        </ul>
      )}

      <Form onSubmit={submitProposal} className="inline-form">
        <TextField label={t('themes.propose')} description={t('themes.proposeHint')} value={proposal} onChange={setProposal} maxLength={80} />
        <Button type="submit" isPending={propose.isPending}>
          {t('themes.add')}
        </Button>
      </Form>
      <ErrorNote>{errorText(t, propose.error)}</ErrorNote>
      <p role="status" className="muted">
        {said}
      </p>
    </div>
  );
}
