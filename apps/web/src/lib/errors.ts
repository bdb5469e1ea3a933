import type { TFunction } from 'i18next';
import { ApiError } from '@/lib/api/client';

/** A calm sentence for an error: known codes have their own words; the server's message otherwise. */
export function errorText(t: TFunction, err: unknown): string | null {
  if (!err) return null;
  if (err instanceof ApiError) {
    const key = `errors.${err.code}`;
    const known = t(key, { defaultValue: '' });
    if (known) return known;
    if (err.status >= 500) return t('errors.generic');
    return err.body?.message ?? t('errors.generic');
  }
  if (err instanceof TypeError) return t('errors.network');
  return t('errors.generic');
}
