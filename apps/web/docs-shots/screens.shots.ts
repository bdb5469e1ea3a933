import { fileURLToPath } from 'node:url';
import { expect, signedInPage, test } from '../e2e/support/fixtures';
import { uname } from '../e2e/support/api';
import { post } from '../e2e/support/conversation';
import { scene } from '../e2e/support/scene';

const out = (name: string) => fileURLToPath(new URL(`../../../docs/screenshots/${name}.png`, import.meta.url));

test('screenshots of the main screens', async ({ browser, api, baseURL, page }) => {
  test.setTimeout(180_000);
  const s = await scene(api);
  const maya = await api.register(uname('maya'), 'Maya');
  const jo = await api.register(uname('jo'), 'Jo');
  const ravi = await api.register(uname('ravi'), 'Ravi');
  for (const who of [maya, jo, ravi]) await api.req('POST', `/api/groups/${s.groups.night.id}/join`, {}, who.accessToken);
  await api.req('PATCH', '/api/me', { themeIds: [s.themes.sleep, s.themes['creative life']] }, maya.accessToken);
  const room = s.groups.night.roomId;
  await post(api, jo, room, 'Evening, everyone. Another 3 a.m. wake-up here, so I am trying the "get up and read" idea.');
  const r1 = await post(api, ravi, room, 'Same. What are you reading?');
  await post(api, jo, room, 'A slow novel about a lighthouse keeper. Boring in the best way.', r1.id);
  await post(api, maya, room, 'That sounds perfect. I keep a notebook by the bed now: writing the worries down helps a bit.');
  await post(api, ravi, room, `@${maya.user.username} that is a lovely idea, I might try it tonight.`);
  for (let i = 0; i < 3; i++) await post(api, jo, room, ['Small win: I slept until 5 today.', 'Thank you both for being here.', 'Going to try the notebook too 🌱'][i]);

  // Signed out.
  await page.setViewportSize({ width: 1100, height: 760 });
  await page.goto('/welcome');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.screenshot({ path: out('welcome') });

  const m = await signedInPage(browser, baseURL!, maya);
  await m.setViewportSize({ width: 1100, height: 760 });
  await m.goto('/onboarding');
  await expect(m.getByRole('heading', { level: 2, name: 'Your privacy' })).toBeVisible();
  await expect(m.getByRole('button', { name: 'sleep', exact: true })).toBeVisible();
  await m.screenshot({ path: out('onboarding'), fullPage: true });
  await m.goto('/home');
  await expect(m.getByRole('heading', { level: 2, name: 'Groups you might like' })).toBeVisible();
  await expect(m.getByText('Loading…')).toHaveCount(0);
  await m.screenshot({ path: out('home') });
  await m.goto('/discover');
  await expect(m.getByRole('link', { name: 'Back to work' })).toBeVisible();
  await m.screenshot({ path: out('discover') });
  await m.goto(`/groups/${s.groups.studio.id}`);
  await expect(m.getByRole('button', { name: 'Ask to join' })).toBeVisible();
  await m.screenshot({ path: out('group') });
  await m.goto(`/groups/${s.groups.night.id}/chat`);
  await expect(m.getByTestId('message-scroller').getByText('Going to try the notebook too 🌱')).toBeVisible();
  await m.screenshot({ path: out('chat') });
  await m.goto('/notifications');
  await expect(m.getByRole('link', { name: 'Ravi mentioned you' })).toBeVisible();
  await m.screenshot({ path: out('notifications') });
  await m.goto('/settings');
  await expect(m.getByRole('heading', { level: 2, name: 'Privacy' })).toBeVisible();
  await m.screenshot({ path: out('settings') });

  // A phone, in dark colours.
  const phone = await signedInPage(browser, baseURL!, jo);
  await phone.setViewportSize({ width: 360, height: 740 });
  await phone.emulateMedia({ colorScheme: 'dark' });
  await phone.goto(`/groups/${s.groups.night.id}/chat`);
  await expect(phone.getByTestId('message-scroller').getByText('Going to try the notebook too 🌱')).toBeVisible();
  await phone.screenshot({ path: out('chat-phone-dark') });
  await phone.goto('/home');
  await expect(phone.getByRole('heading', { level: 1 })).toBeVisible();
  await phone.screenshot({ path: out('home-phone-dark') });
});
