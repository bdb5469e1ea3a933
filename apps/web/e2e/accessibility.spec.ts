import { expect, signedInPage, test } from './support/fixtures';
import { uname } from './support/api';
import { scene } from './support/scene';
import type { Locator, Page } from '@playwright/test';

/** Presses Tab until `target` has focus (at most 40 times), as a keyboard user would. */
async function tabTo(page: Page, target: Locator) {
  for (let i = 0; i < 40; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('could not reach the element with Tab');
}

test.describe('at 360 px wide, in dark colours, with reduced motion', () => {
  test.use({ viewport: { width: 360, height: 740 }, colorScheme: 'dark', reducedMotion: 'reduce' });

  test('every main screen fits without sideways scrolling and has no serious accessibility problem', async ({ browser, api, baseURL, checkA11y }) => {
    const s = await scene(api);
    const kai = await api.register(uname('kai'), 'Kai');
    await api.req('POST', `/api/groups/${s.groups.night.id}/join`, {}, kai.accessToken);
    const page = await signedInPage(browser, baseURL!, kai);
    await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
    await page.setViewportSize({ width: 360, height: 740 });
    for (const [path, heading] of [
      ['/home', 'Hello, Kai'],
      ['/discover', 'Find groups'],
      [`/groups/${s.groups.studio.id}`, 'Open studio'],
      [`/groups/${s.groups.night.id}/chat`, 'Night owls'],
      ['/messages', 'Messages'],
      ['/notifications', 'Notifications'],
      ['/settings', 'Settings'],
      ['/onboarding', 'Make Hearth yours'],
    ] as const) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
      await checkA11y(page, `${path} at 360px, dark`);
    }
    await page.context().close();
  });
});

test('a person can do everything by keyboard: skip link, navigation, ask to join, write and reply', async ({ browser, api, baseURL }) => {
  const s = await scene(api);
  const noor = await api.register(uname('noor'), 'Noor');
  await api.req('POST', `/api/groups/${s.groups.work.id}/join`, {}, noor.accessToken);
  const page = await signedInPage(browser, baseURL!, noor);
  await page.goto('/home');
  await expect(page.getByRole('heading', { level: 1, name: 'Hello, Noor' })).toBeVisible();

  // The skip link is the first stop and moves focus to the content.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();

  // The navigation works from the keyboard, and focus lands on the new screen's heading.
  const findGroups = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Find groups' });
  await findGroups.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Find groups' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('searchbox', { name: 'Search groups' })).toBeFocused();
  await page.keyboard.type('studio');
  const result = page.getByRole('link', { name: 'Open studio' });
  await expect(result).toBeVisible();
  await tabTo(page, result);
  await page.keyboard.press('Enter');

  // Ask to join an approval-only group.
  await expect(page.getByRole('heading', { level: 1, name: 'Open studio' })).toBeFocused();
  const note = page.getByRole('textbox', { name: 'A note to the moderators' });
  await tabTo(page, note);
  await page.keyboard.type('I draw on quiet evenings.');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Ask to join' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText("Your request is with the group's moderators.")).toBeVisible();

  // In a conversation: write, then reply to a message through its Reply button.
  await page.goto(`/groups/${s.groups.work.id}/chat`);
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.focus();
  await page.keyboard.type('Morning, all.');
  await page.keyboard.press('Enter');
  const mine = page.getByRole('article', { name: 'Message from Noor' }).last();
  await expect(mine).toContainText('Morning, all.');
  await mine.getByRole('button', { name: 'Reply to Noor' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Replying to Noor')).toBeVisible();
  await box.focus();
  await page.keyboard.type('(and a reply to myself)');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('article', { name: 'Message from Noor' }).last()).toContainText('In reply to');
  // The conversation itself can be scrolled from the keyboard.
  await page.getByRole('region', { name: 'Conversation' }).focus();
  await expect(page.getByRole('region', { name: 'Conversation' })).toBeFocused();
  await page.context().close();
});
