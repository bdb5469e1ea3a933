import type { Api } from './api';

export interface Scene {
  communityId: string;
  themes: Record<string, string>;
  groups: Record<string, { id: string; roomId: string }>;
}

let cached: Promise<Scene> | null = null;

/** A small community with themes and groups, made once per server through the API as the platform admin. */
export function scene(api: Api): Promise<Scene> {
  cached ??= (async () => {
    const admin = await api.admin();
    const t = admin.accessToken;
    const suffix = Date.now().toString(36);
    const community = await api.req<{ id: string }>('POST', '/api/communities', { name: `Riverside network ${suffix}`, slug: `riverside-${suffix}`, description: 'Peer support across the river towns.' }, t);
    const themes: Record<string, string> = {};
    for (const name of ['sleep', 'finding work again', 'creative life', 'grief']) themes[name] = await api.theme(t, name);
    const groups: Scene['groups'] = {};
    const defs = [
      { key: 'night', name: 'Night owls', description: 'For the long nights: sleep, rest and quiet company.', themeIds: [themes.sleep], joinPolicy: 'open', languages: ['en'] },
      { key: 'work', name: 'Back to work', description: 'Finding work again, at our own pace.', themeIds: [themes['finding work again']], joinPolicy: 'open', languages: ['en', 'es'] },
      { key: 'studio', name: 'Open studio', description: 'Drawing, music and writing together.', themeIds: [themes['creative life']], joinPolicy: 'approval', languages: ['en'] },
      { key: 'circle', name: 'Grief circle', description: 'A small circle for those who are grieving.', themeIds: [themes.grief], joinPolicy: 'invite', languages: ['en'] },
    ];
    for (const d of defs) {
      const g = await api.req<{ id: string; roomId: string }>(
        'POST',
        `/api/communities/${community.id}/groups`,
        { name: d.name, description: d.description, themeIds: d.themeIds, visibility: 'public', joinPolicy: d.joinPolicy, languages: d.languages, rules: 'Be kind. What is shared here stays here.' },
        t,
      );
      groups[d.key] = { id: g.id, roomId: g.roomId };
    }
    return { communityId: community.id, themes, groups };
  })();
  return cached;
}

/** Forget the cached scene (a new server after a worker restart). */
export const resetScene = () => {
  cached = null;
};
