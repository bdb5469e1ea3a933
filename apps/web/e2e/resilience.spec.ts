import { expect, signedInPage, test } from './support/fixtures';
import { uname } from './support/api';
import { scene } from './support/scene';
import type { Page } from '@playwright/test';

/** The bodies shown in the conversation, top to bottom. */
const bodies = (page: Page) => page.getByTestId('message-scroller').locator('.message-body').allInnerTexts();

test('the server stops and starts again mid-conversation: every message arrives exactly once and in order', async ({ browser, api, baseURL, hearth }) => {
  test.setTimeout(180_000);
  const s = await scene(api);
  const ana = await api.register(uname('ana'), 'Ana');
  const ben = await api.register(uname('ben'), 'Ben');
  for (const who of [ana, ben]) await api.req('POST', `/api/groups/${s.groups.work.id}/join`, {}, who.accessToken);

  const a = await signedInPage(browser, baseURL!, ana);
  const b = await signedInPage(browser, baseURL!, ben);
  for (const p of [a, b]) {
    await p.goto(`/groups/${s.groups.work.id}/chat`);
    await expect(p.getByRole('textbox', { name: 'Message' })).toBeVisible();
    await expect(p.getByRole('status').filter({ hasText: 'Connected' })).toBeAttached();
  }

  const tag = Date.now().toString(36);
  const say = async (p: Page, text: string) => {
    await p.getByRole('textbox', { name: 'Message' }).fill(text);
    await p.getByRole('textbox', { name: 'Message' }).press('Enter');
  };
  await say(a, `${tag} one`);
  await say(b, `${tag} two`);
  await say(a, `${tag} three`);
  await expect.poll(() => bodies(b)).toEqual(expect.arrayContaining([`${tag} one`, `${tag} two`, `${tag} three`]));

  // The server goes away. Ana keeps writing: her messages wait in the outbox, shown as sending.
  await hearth.stop();
  await expect(a.getByText(/You are offline for a moment/)).toBeVisible();
  await say(a, `${tag} four (written offline)`);
  await say(a, `${tag} five (written offline)`);
  await expect(a.getByRole('article', { name: 'Your message, not yet delivered' })).toHaveCount(2);
  await expect(a.getByRole('article', { name: 'Your message, not yet delivered' }).first()).toContainText('Sending…');

  await hearth.start();

  // Back online: the outbox is delivered with the same ids, Ben resyncs, and writes again.
  await expect(a.getByRole('article', { name: 'Your message, not yet delivered' })).toHaveCount(0, { timeout: 30_000 });
  await expect(b.getByTestId('message-scroller').getByText(`${tag} five (written offline)`)).toBeVisible({ timeout: 30_000 });
  await expect(b.getByRole('status').filter({ hasText: 'Connected' })).toBeAttached({ timeout: 30_000 });
  await say(b, `${tag} six`);

  const expected = [`${tag} one`, `${tag} two`, `${tag} three`, `${tag} four (written offline)`, `${tag} five (written offline)`, `${tag} six`];
  for (const p of [a, b]) {
    await expect.poll(async () => (await bodies(p)).filter((x) => x.startsWith(tag))).toEqual(expected);
  }
  // And the server holds each exactly once.
  const history = await api.req<{ messages: { body: string | null }[] }>('GET', `/api/rooms/${s.groups.work.roomId}/messages?limit=100`, undefined, (await api.login(ana.user.username, ana.password!)).accessToken);
  expect(history.messages.map((m) => m.body).filter((x) => x?.startsWith(tag))).toEqual(expected);

  // A reload shows the same conversation (nothing kept only in the browser).
  await a.reload();
  await expect.poll(async () => (await bodies(a)).filter((x) => x.startsWith(tag))).toEqual(expected);
  await a.context().close();
  await b.context().close();
});
