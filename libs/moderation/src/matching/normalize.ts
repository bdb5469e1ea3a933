/**
 * Folds text so that phrase rules match what people actually type: case, accents,
 * spacing, repeated letters and common character substitutions (`s3lf h4rm`,
 * `k.i.l.l`, `kiiill`, `s e l f`). Phrases and messages go through the same fold,
 * then an automaton matches whole words (never a user-supplied regular expression).
 */

/** Look-alike characters, used only inside a word that has letters (so "024" stays a number). */
const SUBSTITUTIONS: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '8': 'b',
  '9': 'g',
  '@': 'a',
  $: 's',
  '!': 'i',
  '|': 'l',
  '€': 'e',
  '£': 'l',
};

const MARKS = /\p{M}+/gu;
const LETTER = /\p{L}/u;
const KEEP = /[\p{L}\p{N}]/u;

/** Punctuation around a word is not part of it ("followers!" is "followers"); leading `$`, `@` and `|` may stand for letters. */
const EDGES = /^[^\p{L}\p{N}$@|]+|[^\p{L}\p{N}]+$/gu;

function foldWord(raw: string): string {
  const word = raw.replace(EDGES, '');
  const hasLetter = LETTER.test(word);
  let out = '';
  for (const ch of word) {
    const c = hasLetter ? (SUBSTITUTIONS[ch] ?? ch) : ch;
    // Punctuation inside a word is dropped: "k.i.l.l" is "kill".
    if (!KEEP.test(c)) continue;
    // Repeated letters collapse: "kiiill" and "kill" both become "kil".
    if (out.length && out[out.length - 1] === c) continue;
    out += c;
  }
  return out;
}

/** The folded words of `text`, in order. Runs of three or more single letters ("s e l f") are joined into one word. */
export function foldWords(text: string): string[] {
  const words = text.normalize('NFKD').replace(MARKS, '').toLowerCase().split(/\s+/u).map(foldWord).filter(Boolean);
  const out: string[] = [];
  for (let i = 0; i < words.length; ) {
    let j = i;
    while (j < words.length && words[j].length === 1) j++;
    if (j - i >= 3) {
      out.push(foldWord(words.slice(i, j).join('')));
      i = j;
    } else {
      out.push(words[i]);
      i++;
    }
  }
  return out;
}

/** The folded text with a space at each end, so whole-word patterns (also space-delimited) match at the edges. */
export function normalizeForMatch(text: string): string {
  return ` ${foldWords(text).join(' ')} `;
}
