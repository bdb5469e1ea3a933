import { expect, signedInPage, test } from './support/fixtures';
import { uname } from './support/api';
import { scene } from './support/scene';

test('a long conversation: new messages since my last visit are marked, I can jump to them, and older history loads upward without filling the page', async ({ browser, api, baseURL, checkA11y }) => {
  test.setTimeout(150_000);
  const s = await scene(api);
  const tess = await api.register(uname('tess'), 'Tess');
  const writer = await api.register(uname('writer'), 'Wren');
  // A group of its own, so the count of messages is known.
  const admin = await api.admin();
  const g = await api.req<{ id: string; roomId: string }>(
    'POST',
    `/api/communities/${s.communityId}/groups`,
    { name: `Long evenings ${Date.now().toString(36)}`, description: 'A long conversation.', themeIds: [s.themes.sleep], visibility: 'public', joinPolicy: 'open' },
    admin.accessToken,
  );
  for (const who of [tess, writer]) await api.req('POST', `/api/groups/${g.id}/join`, {}, who.accessToken);
  const send = async (from: number, to: number) => {
    let i = from;
    const worker = async () => {
      while (i <= to) {
        const n = i++;
        await api.req('POST', `/api/rooms/${g.roomId}/messages`, { clientMsgId: `hist-${g.id}-${n}`, body: `Line ${String(n).padStart(3, '0')}` }, writer.accessToken);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
  };
  await send(1, 150);
  // Tess has read up to the 150th message; then 150 more arrive while she is away.
  await api.req('POST', `/api/rooms/${g.roomId}/read`, { seq: 150 }, tess.accessToken);
  await send(151, 300);

  const page = await signedInPage(browser, baseURL!, tess);
  await page.goto('/home');
  await expect(page.getByRole('listitem').filter({ hasText: /Long evenings/ }).getByText('150 new')).toBeVisible();
  await page.getByRole('link', { name: /Long evenings/ }).click();
  // The latest page (50) is loaded; the first unread is older, so jumping loads back to it.
  await expect(page.getByTestId('message-scroller').locator('.message-body').first()).toBeVisible();
  await page.getByRole('button', { name: 'Jump to first unread' }).click();
  await expect(page.getByText('New since your last visit')).toBeVisible();
  await expect(page.locator('[data-seq="151"]')).toBeVisible();
  await checkA11y(page, 'long conversation');

  // Scrolling up to the very start loads every older page, yet only a few dozen rows are ever in the DOM.
  const scroller = page.getByTestId('message-scroller');
  let maxRows = 0;
  for (let i = 0; i < 80 && !(await page.locator('.conversation-start').isVisible()); i++) {
    await scroller.evaluate((el) => (el.scrollTop = 0));
    await page.waitForTimeout(100);
    maxRows = Math.max(maxRows, await page.locator('.message-row').count());
  }
  await expect(page.getByText('This is the start of the conversation.')).toBeVisible();
  await expect(page.locator('[data-seq="1"]')).toBeVisible();
  expect(maxRows).toBeGreaterThan(5);
  expect(maxRows).toBeLessThan(80);

  // Reading to the end clears the unread count on Home.
  await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(page.locator('[data-seq="300"]')).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
  await expect(page.getByRole('link', { name: /Long evenings/ })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: /Long evenings/ }).getByText(/new$/)).toHaveCount(0);
  await page.context().close();
});
