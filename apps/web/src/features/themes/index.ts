export { ThemePicker } from './components/ThemePicker';
export type { ThemeRef } from './api/themes';
