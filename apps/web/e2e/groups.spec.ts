import { ADMIN } from './support/hearth-server';
import { expect, signedInPage, test } from './support/fixtures';
import { uname } from './support/api';
import { scene } from './support/scene';

test('an invite link lets someone into an invite-only group; an ask-to-join request is answered and notified', async ({ browser, api, baseURL, checkA11y }) => {
  const s = await scene(api);
  const owner = await api.login(ADMIN.username, ADMIN.password);
  const guest = await api.register(uname('guest'), 'Guest');

  // The owner makes an invite link on the group page.
  const o = await signedInPage(browser, baseURL!, owner);
  await o.goto(`/groups/${s.groups.circle.id}`);
  await o.getByRole('button', { name: 'Make an invite link' }).click();
  const link = await o.getByRole('textbox', { name: 'Invite link' }).inputValue();
  expect(link).toMatch(/\/invite#.+/);
  await checkA11y(o, 'group page (moderator)');

  // The guest cannot join without it, and joins with it.
  const g = await signedInPage(browser, baseURL!, guest);
  await g.goto(`/groups/${s.groups.circle.id}`);
  await expect(g.getByText('This group welcomes people by invitation.')).toBeVisible();
  await g.goto(link.replace(/^https?:\/\/[^/]+/, ''));
  await expect(g.getByRole('heading', { level: 2, name: 'Grief circle' })).toBeVisible();
  await checkA11y(g, 'invite');
  await g.getByRole('button', { name: 'Join the group' }).click();
  await expect(g.getByRole('heading', { level: 1, name: 'Grief circle' })).toBeVisible();
  await expect(g.getByRole('textbox', { name: 'Message' })).toBeVisible();

  // Asking to join an approval group: pending, then approved by a moderator, then a live notification.
  await g.goto(`/groups/${s.groups.studio.id}`);
  await g.getByRole('textbox', { name: 'A note to the moderators' }).fill('I paint a little.');
  await g.getByRole('button', { name: 'Ask to join' }).click();
  await expect(g.getByText("Your request is with the group's moderators.")).toBeVisible();
  const requests = await api.req<{ items: { id: string; userId: string }[] }>('GET', `/api/groups/${s.groups.studio.id}/join-requests`, undefined, owner.accessToken);
  const mine = requests.items.find((r) => r.userId === guest.user.id)!;
  await api.req('POST', `/api/groups/${s.groups.studio.id}/join-requests/${mine.id}/approve`, {}, owner.accessToken);
  await expect(g.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Notifications.*1 unread/ })).toBeVisible();
  await g.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Notifications/ }).click();
  await g.getByRole('link', { name: /Your request to join a group was accepted/ }).click();
  await expect(g.getByRole('heading', { level: 1, name: 'Open studio' })).toBeVisible();
  await expect(g.getByRole('link', { name: 'Open the conversation' })).toBeVisible();
  await o.context().close();
  await g.context().close();
});
