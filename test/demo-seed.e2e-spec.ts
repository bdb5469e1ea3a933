import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { DEMO_COMMUNITY, DEMO_GROUPS, DEMO_PASSWORD, DEMO_PEOPLE } from '../apps/api/src/seed/demo-content';
import { DemoSeedResult, seedDemo } from '../apps/api/src/seed/demo-seed';
import { createTestApp, TestApp } from './support/test-app';

describe('demo community seed (npm run seed:demo)', () => {
  let t: TestApp;
  let first: DemoSeedResult;
  const tokens = new Map<string, string>();

  const signIn = async (username: string) => {
    if (!tokens.has(username)) {
      const res = await t.http().post('/api/auth/login').send({ username, password: DEMO_PASSWORD }).expect(200);
      tokens.set(username, res.body.accessToken);
    }
    return { Authorization: `Bearer ${tokens.get(username)}` };
  };
  const history = async (username: string, roomId: string) =>
    (await t.http().get(`/api/rooms/${roomId}/messages?after=0&limit=200`).set(await signIn(username)).expect(200)).body.messages as Array<{
      seq: number;
      body: string;
      replyToId: string | null;
      author: { username: string };
      reactions: Array<{ emoji: string; count: number }>;
    }>;

  beforeAll(async () => {
    t = await createTestApp();
    first = await seedDemo(t.app, t.url);
  });
  afterAll(() => t.close());

  it('makes a community with a code of conduct, run by the demo community admin', async () => {
    expect(first.alreadyThere).toBe(false);
    const res = await t.http().get(`/api/communities/${first.communityId}`).set(await signIn('demo.member')).expect(200);
    expect(res.body).toEqual(expect.objectContaining({ slug: DEMO_COMMUNITY.slug, name: DEMO_COMMUNITY.name }));
    expect(res.body.codeOfConduct).toMatch(/Be kind/);
    const admins = await t.http().get(`/api/communities/${first.communityId}/admins`).set(await signIn('demo.platform')).expect(200);
    const host = await t.http().get('/api/me').set(await signIn('demo.community')).expect(200);
    expect(admins.body.map((a: { userId: string }) => a.userId)).toEqual([host.body.id]);
  });

  it('gives each demo account its role, a profile and themes in people’s own words', async () => {
    const roles: Record<string, string> = {};
    for (const username of ['demo.member', 'demo.peer', 'demo.community', 'demo.platform']) {
      roles[username] = (await t.http().get('/api/me').set(await signIn(username)).expect(200)).body.role;
    }
    expect(roles).toEqual({ 'demo.member': 'member', 'demo.peer': 'peer', 'demo.community': 'member', 'demo.platform': 'admin' });
    const me = await t.http().get('/api/me').set(await signIn('demo.member')).expect(200);
    expect(me.body.displayName).toBe('Sam');
    expect(me.body.themes.map((x: { name: string }) => x.name).sort()).toEqual(['creative life', 'finding work again', 'sleep']);
    const themes = await t.http().get('/api/themes?limit=100').set(await signIn('demo.member')).expect(200);
    expect(themes.body.items.map((x: { name: string }) => x.name)).toEqual(expect.arrayContaining(['living with voices', 'grief', 'sleep', 'creative life', 'finding work again']));
    expect(first.accounts.map((a) => a.username)).toEqual(['demo.member', 'demo.peer', 'demo.community', 'demo.platform']);
  });

  it('makes open, approval and private groups, each with its conversation in order, replies and reactions', async () => {
    expect(first.groups.map((g) => g.key)).toEqual(DEMO_GROUPS.map((g) => g.key));
    for (const spec of DEMO_GROUPS) {
      const group = first.groups.find((g) => g.key === spec.key)!;
      const view = await t.http().get(`/api/groups/${group.id}`).set(await signIn('demo.peer')).expect(200);
      expect(view.body).toEqual(expect.objectContaining({ visibility: spec.visibility, joinPolicy: spec.joinPolicy, communityId: first.communityId }));
      expect(view.body.viewer.role).toBe('moderator');
      const messages = await history('demo.peer', group.roomId);
      expect(messages.map((m) => [m.seq, m.author.username, m.body])).toEqual(spec.conversation.map((m, i) => [i + 1, m.from, m.body]));
      spec.conversation.forEach((m, i) => {
        expect(messages[i].replyToId !== null).toBe(m.replyTo !== undefined);
        expect(messages[i].reactions.reduce((n, r) => n + r.count, 0)).toBe(m.reactions?.length ?? 0);
      });
    }
  });

  it('lets the demo member explore: in the open and private groups, free to ask to join the approval one, with a mention waiting', async () => {
    const mine = await t.http().get('/api/me/groups').set(await signIn('demo.member')).expect(200);
    const names = mine.body.items.map((g: { name: string }) => g.name).sort();
    expect(names).toEqual(DEMO_GROUPS.filter((g) => g.members.includes('demo.member')).map((g) => g.name).sort());
    expect(names).toContain('After a loss');
    const voices = first.groups.find((g) => g.key === 'voices')!;
    const requests = await t.http().get(`/api/groups/${voices.id}/join-requests`).set(await signIn('demo.peer')).expect(200);
    expect(requests.body.items.map((r: { displayName: string }) => r.displayName)).toEqual(['Ben']);
    const notifications = await t.http().get('/api/me/notifications').set(await signIn('demo.member')).expect(200);
    expect(notifications.body.items.map((n: { kind: string }) => n.kind)).toContain('mention');
  });

  it('uses no clinical words and no diagnoses anywhere in the demo', () => {
    const text = JSON.stringify({ DEMO_COMMUNITY, DEMO_GROUPS, DEMO_PEOPLE });
    const clinical = /\w*(diagnos|patient|disorder|schizo|bipolar|depress|psychos|symptom|medicat|illness|clinical|mental)\w*/gi;
    expect(text.match(clinical) ?? []).toEqual([]);
  });

  it('run again, says the demo is already there and duplicates nothing', async () => {
    const before = await Promise.all(first.groups.map((g) => history('demo.peer', g.roomId)));
    const again = await seedDemo(t.app, t.url);
    expect(again.alreadyThere).toBe(true);
    expect(again.communityId).toBe(first.communityId);
    expect(again.groups).toEqual(first.groups);
    const after = await Promise.all(first.groups.map((g) => history('demo.peer', g.roomId)));
    expect(after).toEqual(before);
    const communities = await t.http().get(`/api/communities?q=${DEMO_COMMUNITY.slug}`).set(await signIn('demo.platform')).expect(200);
    expect(communities.body.items).toHaveLength(1);
  });

  it('refuses to run with NODE_ENV=production, saying why', () => {
    const root = join(__dirname, '..');
    const res = spawnSync(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', join(root, 'apps/api/src/seed/main.ts')],
      { cwd: root, env: { ...process.env, NODE_ENV: 'production', TS_NODE_PROJECT: join(root, 'tsconfig.json') }, encoding: 'utf8', timeout: 60_000 },
    );
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/refuses to run with NODE_ENV=production/);
    expect(res.stdout).not.toMatch(/demo community/i);
  });
});
