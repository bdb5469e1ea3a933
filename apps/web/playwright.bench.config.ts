import { defineConfig } from '@playwright/test';
import base from './playwright.config';

/** `npm run bench:web` (root): measures the built app in Chromium; bench/print-result.mjs prints the JSON last. */
export default defineConfig({
  ...base,
  testDir: './bench',
  testMatch: '*.bench.ts',
  timeout: 600_000,
  reporter: [['line']],
});
