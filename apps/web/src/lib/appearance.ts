/** Light, dark, or follow the device. Stored per browser; applied as data-theme on <html>. */
export type Appearance = 'system' | 'light' | 'dark';
const KEY = 'hearth.appearance';

export function getAppearance(): Appearance {
  const v = typeof localStorage !== 'undefined' ? localStorage.getItem(KEY) : null;
  return v === 'light' || v === 'dark' ? v : 'system';
}

export function setAppearance(a: Appearance): void {
  try {
    if (a === 'system') localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, a);
  } catch {
    /* ignore */
  }
  applyAppearance(a);
}

export function applyAppearance(a: Appearance = getAppearance()): void {
  if (typeof document === 'undefined') return;
  if (a === 'system') document.documentElement.removeAttribute('data-theme');
  else document.documentElement.setAttribute('data-theme', a);
}
