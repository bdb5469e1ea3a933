import { extractMentions } from './mentions';

describe('extractMentions', () => {
  it('finds @names at the start, after spaces and punctuation, once each, lower-cased', () => {
    expect(extractMentions('@River thanks, and (@sam_k) too. @river!')).toEqual(['river', 'sam_k']);
  });
  it('ignores e-mail-like text and too-short names', () => {
    expect(extractMentions('mail me at a@example.org or @ab')).toEqual([]);
  });
  it('drops a trailing sentence dot', () => {
    expect(extractMentions('see you @alex.')).toEqual(['alex']);
  });
});
