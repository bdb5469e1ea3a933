/** Letters NFKD does not decompose into base + accent. */
const FOLD: Record<string, string> = { ø: 'o', æ: 'ae', œ: 'oe', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ß: 'ss', ı: 'i' };

/** How a theme name is shown: trimmed, inner whitespace collapsed to one space, as the person wrote it otherwise. */
export function displayThemeName(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/gu, ' ');
}

/**
 * The identity of a theme name: two names with the same key are the same theme.
 * Case, accents, spacing and punctuation do not count ("Self-care" = "self care" = "SELFCARE";
 * "Deuil" = "deuil"; "Ansiedade" ≠ "Ansiedades" — that one is a near-duplicate, found by trigrams).
 * Returns '' for a name with no letters or digits.
 */
export function themeKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[øæœłđðþßı]/g, (c) => FOLD[c] ?? c)
    .replace(/[^\p{L}\p{N}]/gu, '');
}
