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
const ASCII = /^[\x00-\x7f]*$/;

// Character classes by code for the ASCII fast path (most messages); other characters go through the Unicode regexes.
const isAsciiLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
const isAsciiDigit = (c: number) => c >= 48 && c <= 57;
const isLetter = (ch: string) => (ch.charCodeAt(0) < 128 ? isAsciiLetter(ch.charCodeAt(0)) : LETTER.test(ch));
const isKept = (ch: string) => {
  const c = ch.charCodeAt(0);
  return c < 128 ? isAsciiLetter(c) || isAsciiDigit(c) : KEEP.test(ch);
};
/** `$`, `@` and `|` may stand for letters at the start of a word ("$uicide"). */
const isLeadingLookalike = (ch: string) => ch === '$' || ch === '@' || ch === '|';

/** Punctuation around a word is not part of it ("followers!" is "followers"); leading `$`, `@` and `|` may stand for letters. */
function trimEdges(raw: string): string {
  const chars = [...raw];
  let i = 0;
  let j = chars.length;
  while (i < j && !isKept(chars[i]) && !isLeadingLookalike(chars[i])) i++;
  while (j > i && !isKept(chars[j - 1])) j--;
  return i === 0 && j === chars.length ? raw : chars.slice(i, j).join('');
}

function foldWord(raw: string): string {
  const word = trimEdges(raw);
  let hasLetter = false;
  for (const ch of word) {
    if (isLetter(ch)) {
      hasLetter = true;
      break;
    }
  }
  let out = '';
  let last = '';
  for (const ch of word) {
    const c = hasLetter ? (SUBSTITUTIONS[ch] ?? ch) : ch;
    // Punctuation inside a word is dropped: "k.i.l.l" is "kill".
    if (!isKept(c)) continue;
    // Repeated letters collapse: "kiiill" and "kill" both become "kil".
    if (c === last) continue;
    out += c;
    last = c;
  }
  return out;
}

/** The folded words of `text`, in order. Runs of three or more single letters ("s e l f") are joined into one word. */
export function foldWords(text: string): string[] {
  const plain = ASCII.test(text) ? text : text.normalize('NFKD').replace(MARKS, '');
  const words = plain.toLowerCase().split(/\s+/u).map(foldWord).filter(Boolean);
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
