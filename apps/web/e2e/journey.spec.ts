import { expect, signedInPage, test } from './support/fixtures';
import { uname } from './support/api';
import { scene } from './support/scene';

test.describe.configure({ mode: 'serial' });

test('a newcomer signs up, names their themes, finds and joins a group, and talks live with someone', async ({ page, browser, api, baseURL, checkA11y }) => {
  const s = await scene(api);
  const username = uname('river');

  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome to Hearth' })).toBeVisible();
  await checkA11y(page, 'welcome');
  await page.getByRole('link', { name: 'Join Hearth' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Join Hearth' })).toBeVisible();
  await checkA11y(page, 'sign up');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Name shown to others').fill('River');
  await page.getByLabel('Password').fill('quiet mornings by the river');
  await page.getByRole('button', { name: 'Create my account' }).click();

  // Onboarding: themes in their own words, privacy in plain words.
  await expect(page.getByRole('heading', { level: 1, name: /Make Hearth yours/ })).toBeVisible();
  await page.getByLabel('Search themes').fill('sleep');
  await page.getByRole('button', { name: 'sleep', exact: true }).click();
  await expect(page.getByRole('button', { name: 'sleep', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await page.getByLabel('Add a theme in your words').fill('walking at dawn');
  await page.getByRole('button', { name: 'Add theme' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'walking at dawn' })).toBeVisible();
  await page.getByText('People in my groups', { exact: true }).click();
  await checkA11y(page, 'onboarding');
  await page.getByRole('button', { name: 'Save and continue' }).click();

  // Home suggests a group with its reason.
  await expect(page.getByRole('heading', { level: 1, name: 'Hello, River' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Night owls' })).toBeVisible();
  await checkA11y(page, 'home');

  // Discover: search by words and filter by language.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Find groups' }).click();
  await page.getByLabel('Search groups').fill('work');
  await page.getByLabel('Language').selectOption('es');
  await expect(page.getByRole('link', { name: 'Back to work' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Night owls' })).toHaveCount(0);
  await checkA11y(page, 'discover');
  await page.getByLabel('Search groups').fill('');
  await page.getByLabel('Language').selectOption('');
  await page.getByRole('link', { name: 'Night owls' }).click();

  // The group page, then join.
  await expect(page.getByRole('heading', { level: 1, name: 'Night owls' })).toBeVisible();
  await expect(page.getByText('Be kind. What is shared here stays here.')).toBeVisible();
  await checkA11y(page, 'group page');
  await page.getByRole('button', { name: 'Join this group' }).click();
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible();

  // A second person, in another browser context, joins the same room.
  const other = await api.register(uname('sam'), 'Sam');
  await api.req('POST', `/api/groups/${s.groups.night.id}/join`, {}, other.accessToken);
  const samPage = await signedInPage(browser, baseURL!, other);
  await samPage.goto(`/groups/${s.groups.night.id}/chat`);
  await expect(samPage.getByRole('textbox', { name: 'Message' })).toBeVisible();

  await page.getByRole('textbox', { name: 'Message' }).fill('Hello, is anyone else awake?');
  await page.keyboard.press('Enter');
  await expect(samPage.getByTestId('message-scroller').getByText('Hello, is anyone else awake?')).toBeVisible();

  // Typing shows, then a reply with an @mention picked from the suggestions.
  await samPage.getByRole('textbox', { name: 'Message' }).pressSequentially('I am here ');
  await expect(page.getByText('sam', { exact: false }).filter({ hasText: 'is writing' })).toBeVisible();
  await samPage.getByRole('textbox', { name: 'Message' }).pressSequentially('@riv');
  await expect(samPage.getByRole('option', { name: /River/ })).toBeVisible();
  await samPage.keyboard.press('Enter');
  await samPage.getByRole('textbox', { name: 'Message' }).pressSequentially('welcome');
  await samPage.keyboard.press('Enter');
  await expect(page.getByTestId('message-scroller').getByText(`I am here @${username} welcome`)).toBeVisible();
  // Announced politely to screen readers.
  await expect(page.getByTestId('announcer')).toContainText(`I am here @${username} welcome`);
  await checkA11y(page, 'group chat');

  // Reply, react, edit and take back my own message.
  const mine = page.getByRole('article', { name: 'Message from River' }).first();
  await mine.getByRole('button', { name: 'Edit' }).click();
  await page.getByRole('textbox', { name: 'Message' }).fill('Hello, is anyone else awake tonight?');
  await page.keyboard.press('Enter');
  await expect(samPage.getByTestId('message-scroller').getByText('Hello, is anyone else awake tonight?')).toBeVisible();
  const samsMessage = page.getByRole('article', { name: 'Message from Sam' }).first();
  await samsMessage.getByRole('button', { name: 'React' }).click();
  await page.getByRole('menuitem', { name: '🌱' }).click();
  await expect(samPage.getByRole('button', { name: /🌱: 1/ })).toBeVisible();
  // Pressing my own reaction again takes it back.
  await samsMessage.getByRole('button', { name: /🌱: 1/ }).click();
  await expect(samPage.getByRole('button', { name: /🌱: 1/ })).toHaveCount(0);
  await mine.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Take it back' }).click();
  await expect(samPage.getByText('This message was taken back by the person who wrote it.')).toBeVisible();

  // The notification centre shows the mention live.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Notifications/ }).click();
  await expect(page.getByRole('link', { name: 'Sam mentioned you' })).toBeVisible();
  await checkA11y(page, 'notifications');
  await samPage.context().close();
});
