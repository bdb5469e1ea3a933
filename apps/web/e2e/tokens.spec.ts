import { test as base, expect } from '@playwright/test';
import { Api, uname } from './support/api';
import { HearthServer } from './support/hearth-server';

/*
 * A server of its own whose access tokens live 60 s (the shortest allowed): the app must refresh
 * them (with rotation) without the person noticing, and the socket, which the server closes when
 * its token expires, must come back with a fresh one and keep the conversation live.
 */
const test = base.extend<object, { shortLived: HearthServer }>({
  shortLived: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const server = new HearthServer({ ACCESS_TOKEN_TTL_SECONDS: '60' });
      await server.start();
      await use(server);
      await server.dispose();
    },
    { scope: 'worker', timeout: 180_000 },
  ],
});

test('tokens are refreshed and rotated transparently; the socket comes back after its token expires', async ({ browser, shortLived }) => {
  test.setTimeout(180_000);
  const api = new Api(shortLived.url);
  const admin = await api.admin();
  const community = await api.req<{ id: string }>('POST', '/api/communities', { name: 'Short tokens', slug: `short-${Date.now().toString(36)}`, description: 'Testing refresh.' }, admin.accessToken);
  const theme = await api.theme(admin.accessToken, 'patience');
  const g = await api.req<{ id: string; roomId: string }>(
    'POST',
    `/api/communities/${community.id}/groups`,
    { name: 'Slow and steady', description: 'A place to wait.', themeIds: [theme], visibility: 'public', joinPolicy: 'open' },
    admin.accessToken,
  );
  const lee = await api.register(uname('lee'), 'Lee');
  const other = await api.register(uname('oli'), 'Oli');
  for (const who of [lee, other]) await api.req('POST', `/api/groups/${g.id}/join`, {}, who.accessToken);

  const context = await browser.newContext({ baseURL: shortLived.url });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('Username').fill(lee.user.username);
  await page.getByLabel('Password').fill(lee.password!);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hello, Lee' })).toBeVisible();
  await page.goto(`/groups/${g.id}/chat`);
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible();
  const firstRefresh = await page.evaluate(() => JSON.parse(localStorage.getItem('hearth.session')!).refreshToken as string);

  // Past the first token's lifetime.
  await page.waitForTimeout(70_000);

  // Live messages still arrive (the socket was re-authenticated), and sending still works.
  await api.req('POST', `/api/rooms/${g.roomId}/messages`, { clientMsgId: crypto.randomUUID(), body: 'Still here after a minute?' }, (await api.login(other.user.username, other.password!)).accessToken);
  await expect(page.getByTestId('message-scroller').getByText('Still here after a minute?')).toBeVisible({ timeout: 20_000 });
  await page.getByRole('textbox', { name: 'Message' }).fill('Yes, still here.');
  await page.getByRole('textbox', { name: 'Message' }).press('Enter');
  await expect(page.getByRole('article', { name: 'Message from Lee' }).last()).toContainText('Yes, still here.');
  await expect(page.getByRole('article', { name: 'Your message, not yet delivered' })).toHaveCount(0);

  // REST calls work too, and the refresh token was rotated (the first one is spent).
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  const now = await page.evaluate(() => JSON.parse(localStorage.getItem('hearth.session')!).refreshToken as string);
  expect(now).not.toBe(firstRefresh);
  const reuse = await fetch(`${shortLived.url}/api/auth/refresh`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refreshToken: firstRefresh }) });
  expect(reuse.status).toBe(401);
  await context.close();
});
