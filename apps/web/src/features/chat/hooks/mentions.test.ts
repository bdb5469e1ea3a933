import { describe, expect, it } from 'vitest';
import { insertMention, matchPeople, mentionAt } from './mentions';

describe('mentions', () => {
  it('finds the @word being typed at the caret', () => {
    expect(mentionAt('hi @sa', 6)).toEqual({ start: 3, query: 'sa' });
    expect(mentionAt('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionAt('mail me@home', 12)).toBeNull();
    expect(mentionAt('hi @sam there', 13)).toBeNull();
  });

  it('puts the chosen username in place of the query and moves the caret after it', () => {
    expect(insertMention('hi @sa and', 3, 6, 'sam_r')).toEqual({ text: 'hi @sam_r  and', caret: 10 });
  });

  it('matches usernames and names from their start, case-insensitively', () => {
    const people = [
      { id: '1', username: 'sam_r', displayName: 'Sam' },
      { id: '2', username: 'river', displayName: 'River' },
      { id: '3', username: 'alex', displayName: 'Samira' },
    ];
    expect(matchPeople(people, 'SA').map((p) => p.id)).toEqual(['1', '3']);
    expect(matchPeople(people, '').length).toBe(3);
  });
});
