import { displayThemeName, themeKey } from './theme-name';

describe('themeKey', () => {
  it.each([
    ['Grief', 'grief'],
    ['  GRIEF ', 'grief'],
    ['Self-care', 'selfcare'],
    ['self care', 'selfcare'],
    ['self   care', 'selfcare'],
    ['Finding work again', 'findingworkagain'],
    ['Deuil éprouvé', 'deuileprouve'],
    ['ÉCRITURE', 'ecriture'],
    ['Søvn', 'sovn'],
    ['Straße', 'strasse'],
    ['living with voices!', 'livingwithvoices'],
  ])('%j has key %j', (name, key) => {
    expect(themeKey(name)).toBe(key);
  });

  it('treats names that differ only by case, accents and spacing as the same', () => {
    expect(themeKey('Créative Life')).toBe(themeKey('creative   life'));
  });

  it('keeps names that differ by a letter apart (those are near-duplicates, not duplicates)', () => {
    expect(themeKey('sleep')).not.toBe(themeKey('sleeps'));
    expect(themeKey('voices')).not.toBe(themeKey('choices'));
  });

  it('keeps non-Latin scripts', () => {
    expect(themeKey('Сон и отдых')).toBe('сониотдых');
    expect(themeKey('悲嘆')).toBe('悲嘆');
  });

  it('gives an empty key for a name without letters or digits', () => {
    expect(themeKey(' -- ')).toBe('');
    expect(themeKey('🙂')).toBe('');
  });
});

describe('displayThemeName', () => {
  it('trims and collapses whitespace but keeps the person’s own wording and case', () => {
    expect(displayThemeName('  Finding   work\tagain ')).toBe('Finding work again');
    expect(displayThemeName('Deuil')).toBe('Deuil');
  });
});
