/** The @word being typed just before the caret, if any. Pure, for the composer's autocomplete. */
export function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const m = /(^|[\s(])@([A-Za-z0-9_.-]{0,32})$/.exec(before);
  if (!m) return null;
  return { start: caret - m[2].length - 1, query: m[2] };
}

/** Replaces the @query at `start` with the chosen @username and a space; returns text and new caret. */
export function insertMention(text: string, start: number, caret: number, username: string): { text: string; caret: number } {
  const insert = `@${username} `;
  return { text: text.slice(0, start) + insert + text.slice(caret), caret: start + insert.length };
}

export interface Person {
  id: string;
  username: string;
  displayName: string;
}

export function matchPeople(people: Person[], query: string, limit = 6): Person[] {
  const q = query.toLowerCase();
  return people
    .filter((p) => p.username.toLowerCase().startsWith(q) || p.displayName.toLowerCase().startsWith(q) || (q.length > 1 && p.username.toLowerCase().includes(q)))
    .slice(0, limit);
}
