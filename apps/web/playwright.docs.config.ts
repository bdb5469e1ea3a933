import { defineConfig } from '@playwright/test';
import base from './playwright.config';

/** `npm run screenshots -w apps/web`: pictures of the main screens for docs/screenshots (not part of npm test). */
export default defineConfig({
  ...base,
  testDir: './docs-shots',
  testMatch: '*.shots.ts',
  reporter: [['list']],
});
