import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Browser, type Page } from '@playwright/test';
import { Api, type Session } from './api';
import { HearthServer } from './hearth-server';

type WorkerFixtures = { hearth: HearthServer; api: Api };
type TestFixtures = { checkA11y: (page: Page, screen: string) => Promise<void> };

export const test = base.extend<TestFixtures, WorkerFixtures>({
  hearth: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const server = new HearthServer();
      await server.start();
      await use(server);
      await server.dispose();
    },
    { scope: 'worker', timeout: 180_000 },
  ],
  api: [async ({ hearth }, use) => use(new Api(hearth.url)), { scope: 'worker' }],
  baseURL: async ({ hearth }, use) => use(hearth.url),
  checkA11y: async ({}, use) => {
    await use(async (page, screen) => {
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
      const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(bad.map((v) => `${screen}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    });
  },
});

export { expect };

/** A browser context already signed in as `s` (tokens put where the app keeps them). */
export async function signedInPage(browser: Browser, baseURL: string, s: Session): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  await context.addInitScript((session) => {
    if (!localStorage.getItem('hearth.session')) {
      localStorage.setItem('hearth.session', JSON.stringify({ accessToken: session.accessToken, refreshToken: session.refreshToken, expiresAt: Date.now() + 600_000 }));
    }
  }, s);
  return context.newPage();
}
