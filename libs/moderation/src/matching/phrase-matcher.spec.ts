import { foldWords, normalizeForMatch } from './normalize';
import { PhraseMatcher } from './phrase-matcher';

describe('normalizeForMatch', () => {
  it('folds case, accents and repeated letters', () => {
    expect(foldWords('ÉCHEC Néant')).toEqual(['echec', 'neant']);
    expect(foldWords('kiiiilllll')).toEqual(['kil']);
  });

  it('undoes common substitutions inside words but leaves plain numbers alone', () => {
    expect(foldWords('s3lf h4rm')).toEqual(['self', 'harm']);
    expect(foldWords('$uicid3')).toEqual(['suicide']);
    expect(foldWords('call 024 now')).toEqual(['cal', '024', 'now']);
    expect(foldWords('followers! (really?)')).toEqual(['folowers', 'realy']);
  });

  it('drops punctuation inside words and joins spaced-out letters', () => {
    expect(foldWords('k.i.l.l')).toEqual(['kil']);
    expect(foldWords('s e l f harm')).toEqual(['self', 'harm']);
    expect(foldWords('a b')).toEqual(['a', 'b']);
  });

  it('pads the folded text with spaces for whole-word matching', () => {
    expect(normalizeForMatch('  Hello   World ')).toBe(' helo world ');
  });
});

describe('PhraseMatcher', () => {
  const m = new PhraseMatcher([
    { phrase: 'self harm', value: 'sh' },
    { phrase: 'kill', value: 'kill' },
    { phrase: 'psycho', value: 'label' },
    { phrase: 'quiero morir', value: 'es' },
    { phrase: 'he', value: 'he' },
    { phrase: 'she', value: 'she' },
  ]);

  it('matches obfuscated spellings of a phrase', () => {
    expect(m.match('thinking about s3lf h4rm again')).toEqual(['sh']);
    expect(m.match('SELF-HARM')).toEqual(['sh']);
    expect(m.match('selfharm')).toEqual(['sh']);
    expect(m.match('s e l f   h a r m')).toEqual(['sh']);
    expect(m.match('I want to k.i.l.l')).toEqual(['kill']);
    expect(m.match('KIIIILL')).toEqual(['kill']);
    expect(m.match('ps¥cho')).toEqual([]);
    expect(m.match('what a psych0')).toEqual(['label']);
    expect(m.match('Quiero MORÍR')).toEqual(['es']);
  });

  it('matches whole words only', () => {
    expect(m.match('what a skill')).toEqual([]);
    expect(m.match('killer whales')).toEqual([]);
    expect(m.match('selfharmony')).toEqual([]);
  });

  it('finds overlapping and several phrases in one pass', () => {
    expect(m.match('she said he would kill').sort()).toEqual(['he', 'kill', 'she']);
  });

  it('returns nothing for an empty set or empty text', () => {
    expect(new PhraseMatcher([]).match('anything')).toEqual([]);
    expect(m.match('')).toEqual([]);
    expect(new PhraseMatcher([{ phrase: '...', value: 1 }]).size).toBe(0);
  });

  it('scales to a thousand phrases without a regex per phrase', () => {
    // Letters only: digits fold to look-alike letters, so "word99" and "word9" are the same phrase.
    const name = (i: number) => `zq${'abcdefghij'[Math.floor(i / 100)]}x${'abcdefghij'[Math.floor(i / 10) % 10]}y${'abcdefghij'[i % 10]}`;
    const big = new PhraseMatcher(Array.from({ length: 1000 }, (_, i) => ({ phrase: `${name(i)} thing`, value: i })));
    expect(big.size).toBe(1000);
    expect(big.match(`this has ${name(999)} thing in it`)).toEqual([999]);
    expect(big.match(`this has ${name(999)} in it`)).toEqual([]);
    const started = process.hrtime.bigint();
    for (let i = 0; i < 2000; i++) big.match('an ordinary message about my day, nothing more to see here at all');
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(2000);
  });
});
