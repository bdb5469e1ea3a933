import { INestApplication } from '@nestjs/common';
import { AdminBootstrapService } from '@hearth/auth';
import { DEMO_COMMUNITY, DEMO_GROUPS, DEMO_PASSWORD, DEMO_PEOPLE, DEMO_THEMES, DemoGroup, DemoPerson } from './demo-content';

/*
 * Loads the demo community through the public REST API of a running Hearth (the same
 * validation, authorization and transactions as any client), so it stays right when the
 * services behind the API change. Every step is get-or-create and every message carries a
 * fixed clientMsgId, so running it again completes a half-made demo and never duplicates.
 * The only step below the API is the platform admin, created as ADMIN_USERNAME would be.
 */

export interface DemoAccount {
  username: string;
  password: string;
  displayName: string;
  purpose: string;
}

export interface DemoSeedResult {
  /** True when the demo community was there before this run. */
  alreadyThere: boolean;
  communityId: string;
  groups: Array<{ key: string; id: string; roomId: string; name: string }>;
  accounts: DemoAccount[];
}

interface Session {
  id: string;
  token: string;
  person: DemoPerson;
}

interface ApiError {
  code?: string;
  message?: string;
  details?: Record<string, unknown>;
}

export class DemoSeedError extends Error {}

export const demoAccounts = (): DemoAccount[] =>
  DEMO_PEOPLE.filter((p) => p.purpose).map((p) => ({ username: p.username, password: DEMO_PASSWORD, displayName: p.displayName, purpose: p.purpose! }));

/** `baseUrl`: where `app` listens, e.g. http://127.0.0.1:41234. */
export async function seedDemo(app: INestApplication, baseUrl: string, log: (line: string) => void = () => undefined): Promise<DemoSeedResult> {
  const api = client(baseUrl);
  const platform = DEMO_PEOPLE.find((p) => p.role === 'admin')!;
  await app.get(AdminBootstrapService).ensureAdmin(platform.username, DEMO_PASSWORD);
  const admin = await api.signIn(platform);

  const existing = await findCommunity(api, admin);
  if (existing) log(`The demo community "${DEMO_COMMUNITY.name}" is already there; checking it is complete.`);

  const people = new Map<string, Session>([[platform.username, admin]]);
  for (const person of DEMO_PEOPLE) {
    if (person.role !== 'admin') people.set(person.username, await api.signUpOrIn(person));
  }
  const as = (username: string) => people.get(username) ?? fail(`No demo person "${username}"`);
  for (const person of DEMO_PEOPLE.filter((p) => p.role === 'peer')) {
    await api.call(admin, 'PATCH', `/api/admin/users/${as(person.username).id}`, { role: 'peer', reason: 'Demo peer worker (training records are not part of the demo)' }, [200]);
  }

  const host = as('demo.community');
  const themeIds = new Map<string, string>();
  for (const theme of DEMO_THEMES) themeIds.set(theme.name, await ensureTheme(api, host, theme));
  const themeId = (name: string) => themeIds.get(name) ?? fail(`No demo theme "${name}"`);

  for (const person of DEMO_PEOPLE) {
    await api.call(as(person.username), 'PATCH', '/api/me', {
      displayName: person.displayName,
      pronouns: person.pronouns ?? null,
      bio: person.bio,
      languages: ['en'],
      themeIds: person.themes.map(themeId),
    }, [200]);
  }

  const community =
    existing ??
    (await api.call<{ id: string }>(admin, 'POST', '/api/communities', {
      name: DEMO_COMMUNITY.name,
      slug: DEMO_COMMUNITY.slug,
      description: DEMO_COMMUNITY.description,
      codeOfConduct: DEMO_COMMUNITY.codeOfConduct,
      languages: DEMO_COMMUNITY.languages,
      membersCanCreateGroups: false,
    }, [201]));
  await api.call(admin, 'POST', `/api/communities/${community.id}/admins`, { userId: host.id }, [200, 201]);

  const groups: DemoSeedResult['groups'] = [];
  const { items: hostGroups } = await api.call<{ items: Array<{ id: string; name: string; communityId: string; roomId: string }> }>(host, 'GET', '/api/me/groups', undefined, [200]);
  for (const spec of DEMO_GROUPS) {
    const group =
      hostGroups.find((g) => g.communityId === community.id && g.name === spec.name) ??
      (await api.call<{ id: string; roomId: string }>(host, 'POST', `/api/communities/${community.id}/groups`, {
        name: spec.name,
        description: spec.description,
        rules: spec.rules,
        themeIds: spec.themes.map(themeId),
        visibility: spec.visibility,
        joinPolicy: spec.joinPolicy,
        languages: ['en'],
      }, [201]));
    const peers = DEMO_PEOPLE.filter((p) => p.role === 'peer').map((p) => p.username);
    await admit(api, host, group.id, spec, [...spec.members, ...peers].map(as));
    for (const username of peers) {
      await api.call(host, 'PATCH', `/api/groups/${group.id}/members/${as(username).id}`, { role: 'moderator' }, [200]);
    }
    for (const username of spec.pending ?? []) {
      await api.call(as(username), 'POST', `/api/groups/${group.id}/join`, { message: 'Hi, a friend told me about this circle. Could I join?' }, [200, 201]);
    }
    await converse(api, group.roomId, spec, as);
    groups.push({ key: spec.key, id: group.id, roomId: group.roomId, name: spec.name });
    log(`${existing ? 'Checked' : 'Made'} "${spec.name}" (${spec.visibility}, ${spec.joinPolicy}): ${spec.members.length} members, ${spec.conversation.length} messages`);
  }

  return { alreadyThere: !!existing, communityId: community.id, groups, accounts: demoAccounts() };
}

async function findCommunity(api: Client, admin: Session): Promise<{ id: string } | undefined> {
  const page = await api.call<{ items: Array<{ id: string; slug: string }> }>(admin, 'GET', `/api/communities?q=${encodeURIComponent(DEMO_COMMUNITY.slug)}&limit=100`, undefined, [200]);
  return page.items.find((c) => c.slug === DEMO_COMMUNITY.slug);
}

/** A theme by its name: proposed, or the existing one the 409 names. */
async function ensureTheme(api: Client, as: Session, theme: { name: string; description: string }): Promise<string> {
  const res = await api.raw(as, 'POST', '/api/themes', theme);
  if (res.status === 201) return (res.body as { id: string }).id;
  const error = res.body as ApiError;
  if (res.status === 409 && error.code === 'THEME_EXISTS' && typeof error.details?.themeId === 'string') return error.details.themeId;
  return fail(`Could not make the theme "${theme.name}": ${res.status} ${error.code} ${error.message}`);
}

/** Brings each person into the group the way its join policy asks: join, ask and be approved, or accept an invite. */
async function admit(api: Client, host: Session, groupId: string, spec: DemoGroup, people: Session[]): Promise<void> {
  let inviteToken: string | undefined;
  for (const person of people) {
    const { items: mine } = await api.call<{ items: Array<{ id: string }> }>(person, 'GET', '/api/me/groups', undefined, [200]);
    if (mine.some((g) => g.id === groupId)) continue;
    if (spec.joinPolicy === 'invite') {
      inviteToken ??= (await api.call<{ token: string }>(host, 'POST', `/api/groups/${groupId}/invites`, { expiresInHours: 24, maxUses: 50 }, [201])).token;
      await api.call(person, 'POST', '/api/invites/accept', { token: inviteToken }, [200, 201]);
      continue;
    }
    const joined = await api.call<{ status: 'member' | 'pending'; request?: { id: string } | null }>(
      person,
      'POST',
      `/api/groups/${groupId}/join`,
      spec.joinPolicy === 'approval' ? { message: 'I would like to join, thank you.' } : {},
      [200, 201],
    );
    if (joined.status === 'pending') {
      const { items: requests } = await api.call<{ items: Array<{ id: string; userId: string }> }>(host, 'GET', `/api/groups/${groupId}/join-requests`, undefined, [200]);
      const request = requests.find((r) => r.userId === person.id) ?? fail(`No join request from ${person.person.username}`);
      await api.call(host, 'POST', `/api/groups/${groupId}/join-requests/${request.id}/approve`, undefined, [200, 201]);
    }
  }
}

async function converse(api: Client, roomId: string, spec: DemoGroup, as: (username: string) => Session): Promise<void> {
  const ids: string[] = [];
  for (const [i, message] of spec.conversation.entries()) {
    const sent = await api.call<{ id: string }>(as(message.from), 'POST', `/api/rooms/${roomId}/messages`, {
      clientMsgId: `demo-${spec.key}-${i}`,
      body: message.body,
      ...(message.replyTo !== undefined ? { replyToId: ids[message.replyTo] } : {}),
    }, [200, 201]);
    ids.push(sent.id);
    for (const reaction of message.reactions ?? []) {
      await api.call(as(reaction.from), 'POST', `/api/messages/${sent.id}/reactions`, { emoji: reaction.emoji }, [200, 201]);
    }
  }
}

type Client = ReturnType<typeof client>;

function client(baseUrl: string) {
  const raw = async (as: Session | undefined, method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { ...(as ? { authorization: `Bearer ${as.token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const call = async <T = unknown>(as: Session | undefined, method: string, path: string, body: unknown, expect: number[]): Promise<T> => {
    const res = await raw(as, method, path, body);
    if (!expect.includes(res.status)) {
      const e = (res.body ?? {}) as ApiError;
      fail(`${method} ${path.split('?')[0]} answered ${res.status} ${e.code ?? ''}: ${e.message ?? ''}`);
    }
    return res.body as T;
  };
  const session = (person: DemoPerson, body: unknown): Session => {
    const r = body as { user: { id: string }; accessToken: string };
    return { id: r.user.id, token: r.accessToken, person };
  };
  return {
    raw,
    call,
    async signIn(person: DemoPerson): Promise<Session> {
      const res = await raw(undefined, 'POST', '/api/auth/login', { username: person.username, password: DEMO_PASSWORD });
      if (res.status !== 200) {
        fail(`The demo account "${person.username}" exists but does not take the demo password (${(res.body as ApiError)?.code}); was it changed?`);
      }
      return session(person, res.body);
    },
    async signUpOrIn(person: DemoPerson): Promise<Session> {
      const res = await raw(undefined, 'POST', '/api/auth/register', { username: person.username, password: DEMO_PASSWORD, displayName: person.displayName });
      if (res.status === 201) return session(person, res.body);
      if (res.status === 409) return this.signIn(person);
      return fail(`Could not make the demo account "${person.username}": ${res.status} ${(res.body as ApiError)?.code}`);
    },
  };
}

function fail(message: string): never {
  throw new DemoSeedError(message);
}
