import { expect, signedInPage, test } from './support/fixtures';
import { uname } from './support/api';
import { scene } from './support/scene';

test('direct messages, live notifications, and blocking someone', async ({ browser, api, baseURL, checkA11y }) => {
  const s = await scene(api);
  const cleo = await api.register(uname('cleo'), 'Cleo');
  const dev = await api.register(uname('dev'), 'Dev');
  for (const who of [cleo, dev]) await api.req('POST', `/api/groups/${s.groups.night.id}/join`, {}, who.accessToken);

  const c = await signedInPage(browser, baseURL!, cleo);
  const d = await signedInPage(browser, baseURL!, dev);
  await d.goto('/home');
  await expect(d.getByRole('heading', { level: 1, name: 'Hello, Dev' })).toBeVisible();

  // Cleo writes in the group; Dev's notification badge and centre update live when mentioned.
  await c.goto(`/groups/${s.groups.night.id}/chat`);
  await c.getByRole('textbox', { name: 'Message' }).fill(`Thinking of you @${dev.user.username}`);
  await c.getByRole('textbox', { name: 'Message' }).press('Enter');
  await expect(d.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Notifications.*1 unread/ })).toBeVisible();
  await d.getByRole('link', { name: /Notifications/ }).click();
  await expect(d.getByRole('link', { name: 'Cleo mentioned you' })).toBeVisible();
  await d.getByRole('button', { name: 'Mark all as read' }).click();
  await expect(d.getByText('0 new notifications')).toBeVisible();

  // Dev opens a private conversation from Cleo's name in the group.
  await d.goto(`/groups/${s.groups.night.id}/chat`);
  await d.getByRole('article', { name: 'Message from Cleo' }).last().getByRole('button', { name: 'Cleo', exact: true }).click();
  await d.getByRole('menuitem', { name: 'Send a private message' }).click();
  await expect(d.getByRole('heading', { level: 1, name: 'With Cleo' })).toBeVisible();
  await d.getByRole('textbox', { name: 'Message' }).fill('Thank you, that means a lot.');
  await d.getByRole('textbox', { name: 'Message' }).press('Enter');
  await checkA11y(d, 'direct conversation');

  await c.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Messages/ }).click();
  await expect(c.getByRole('link', { name: 'Dev' })).toBeVisible();
  await checkA11y(c, 'messages');
  await c.getByRole('link', { name: 'Dev' }).click();
  await expect(c.getByTestId('message-scroller').getByText('Thank you, that means a lot.')).toBeVisible();

  // Cleo blocks Dev: Dev can no longer message her; she can undo it in Settings.
  await c.goto(`/groups/${s.groups.night.id}/chat`);
  await d.goto(`/groups/${s.groups.night.id}/chat`);
  await d.getByRole('textbox', { name: 'Message' }).fill('Good night, everyone');
  await d.getByRole('textbox', { name: 'Message' }).press('Enter');
  await c.getByRole('article', { name: 'Message from Dev' }).last().getByRole('button', { name: 'Dev', exact: true }).click();
  await c.getByRole('menuitem', { name: 'Block Dev' }).click();
  await checkA11y(c, 'block dialog');
  await c.getByRole('alertdialog').getByRole('button', { name: 'Block' }).click();
  await expect(c.getByText('Dev is blocked.')).toBeAttached();
  const refused = await fetch(`${baseURL}/api/rooms/direct`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${(await api.login(dev.user.username, dev.password!)).accessToken}` },
    body: JSON.stringify({ userId: cleo.user.id }),
  });
  expect(refused.status).toBeGreaterThanOrEqual(400);
  await c.goto('/settings');
  await expect(c.getByRole('button', { name: 'Unblock Dev' })).toBeVisible();
  await c.getByRole('button', { name: 'Unblock Dev' }).click();
  await expect(c.getByText('You have not blocked anyone.')).toBeVisible();
  await c.context().close();
  await d.context().close();
});

test('settings: profile, privacy, colours and language; a password change signs out other devices; sign out', async ({ browser, api, baseURL, checkA11y }) => {
  const eli = await api.register(uname('eli'), 'Eli');
  const laptop = await signedInPage(browser, baseURL!, eli);
  const phoneSession = await api.login(eli.user.username, eli.password!);
  const phone = await signedInPage(browser, baseURL!, phoneSession);
  await phone.goto('/home');
  await expect(phone.getByRole('heading', { level: 1, name: 'Hello, Eli' })).toBeVisible();

  await laptop.goto('/settings');
  await expect(laptop.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await checkA11y(laptop, 'settings');
  await laptop.getByLabel('Name shown to others').fill('Eli R.');
  await laptop.getByLabel('Pronouns').fill('they/them');
  await laptop.getByRole('button', { name: 'Save profile' }).click();
  await expect(laptop.getByRole('status').filter({ hasText: 'Saved.' }).first()).toBeVisible();
  await laptop.getByText('Nobody for now', { exact: true }).click();
  await laptop.getByText('Show others when I am here', { exact: true }).click();
  await laptop.getByRole('button', { name: 'Save privacy' }).click();
  await expect
    .poll(() => api.req<{ displayName: string; pronouns: string; privacy: { dmPolicy: string; showPresence: boolean } }>('GET', '/api/me', undefined, phoneSession.accessToken))
    .toMatchObject({ displayName: 'Eli R.', pronouns: 'they/them', privacy: { dmPolicy: 'nobody', showPresence: false } });

  // Dark colours and Spanish.
  await laptop.getByText('Dark', { exact: true }).click();
  await expect(laptop.locator('html')).toHaveAttribute('data-theme', 'dark');
  await checkA11y(laptop, 'settings (dark)');
  await laptop.getByText('Español', { exact: true }).click();
  await expect(laptop.getByRole('heading', { level: 2, name: 'Perfil' })).toBeVisible();
  await expect(laptop.locator('html')).toHaveAttribute('lang', 'es');
  await laptop.getByText('English', { exact: true }).click();

  // Changing the password keeps this device signed in and signs the phone out.
  await laptop.getByLabel('Current password').fill(eli.password!);
  await laptop.getByLabel('New password').fill('a brand new calm passphrase');
  await laptop.getByRole('button', { name: 'Change password' }).click();
  await expect(laptop.getByText('Your password is changed. Other devices are signed out.')).toBeVisible();
  await phone.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Find groups' }).click();
  await expect(phone.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible({ timeout: 20_000 });
  await checkA11y(phone, 'sign in');

  // Signing out here ends this session too.
  await laptop.getByRole('button', { name: 'Sign out' }).click();
  await expect(laptop.getByRole('heading', { level: 1, name: 'Welcome to Hearth' })).toBeVisible();
  await laptop.goto('/home');
  await expect(laptop.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  // …and the new password works.
  await laptop.getByLabel('Username').fill(eli.user.username);
  await laptop.getByLabel('Password').fill('a brand new calm passphrase');
  await laptop.getByRole('button', { name: 'Sign in' }).click();
  await expect(laptop.getByRole('heading', { level: 1, name: 'Hello, Eli R.' })).toBeVisible();
  await laptop.context().close();
  await phone.context().close();
});
