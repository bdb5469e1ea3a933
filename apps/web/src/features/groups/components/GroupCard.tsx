import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Group } from '../api/groups';

/** A group in a list: its name is the link; themes, languages and size follow. */
export function GroupCard({ group, reason }: { group: Group; reason?: string }) {
  const { t } = useTranslation();
  return (
    <article className="group-card card">
      <h3>
        <Link to={`/groups/${group.id}`}>{group.name}</Link>
      </h3>
      <p className="muted small">
        {t('groups.members', { count: group.memberCount })}
        {group.languages.length > 0 && <> · {group.languages.join(', ')}</>}
        {group.joinPolicy !== 'open' && <> · {t(`groups.policy.${group.joinPolicy}`)}</>}
        {group.viewer.role && <> · {t('groups.youAreIn')}</>}
      </p>
      <p className="clamp">{group.description}</p>
      {group.themes.length > 0 && (
        <ul className="tags" aria-label={t('groups.themes')}>
          {group.themes.map((th) => (
            <li key={th.id}>{th.name}</li>
          ))}
        </ul>
      )}
      {reason && (
        <p className="reason">
          <span className="visually-hidden">{t('groups.whySuggested')} </span>
          {reason}
        </p>
      )}
    </article>
  );
}
