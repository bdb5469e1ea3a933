import { csvField, csvLine } from './csv';

describe('csvField', () => {
  it('quotes commas, quotes and newlines', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });

  it('defuses spreadsheet formulas in text cells but leaves numbers alone', () => {
    expect(csvField('=HYPERLINK("x")', { text: true })).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('@sum', { text: true })).toBe("'@sum");
    expect(csvField(-3)).toBe('-3');
  });

  it('writes empty for null and ends lines with CRLF', () => {
    expect(csvLine([csvField(null), csvField(1)])).toBe(',1\r\n');
  });
});
