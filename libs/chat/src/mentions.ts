const MENTION = /(^|[^A-Za-z0-9_.-])@([A-Za-z0-9_.-]{3,32})/g;

/** Lower-cased, unique usernames mentioned as `@name` in a body. */
export function extractMentions(body: string): string[] {
  const names = new Set<string>();
  for (const m of body.matchAll(MENTION)) names.add(m[2].replace(/\.+$/, '').toLowerCase());
  return [...names].filter((n) => n.length >= 3);
}
