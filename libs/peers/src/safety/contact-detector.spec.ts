import { detectContact } from './contact-detector';

describe('detectContact', () => {
  it.each([
    ['call me on 07700 900123', ['phone']],
    ['my number is +44 (0)20 7946-0958', ['phone']],
    ['555-123-4567', ['phone']],
    ['write to sam.doe+x@example.org', ['email']],
    ['sam dot doe at gmail dot com', ['email']],
    ['samdoe at gmail dot com', ['email']],
    ['samdoe [at] gmail [dot] com', ['email']],
    ['add me on insta @sunny_days', ['social']],
    ['my snap is sunnyday, add me', ['social']],
    ['https://t.me/sunnyday', ['social']],
    ['find me on instagram.com/sunny', ['social']],
  ])('%s → %j', (body, kinds) => {
    expect(detectContact(body)).toEqual(kinds);
  });

  it.each([
    'I slept 7 hours last night and walked 3 km',
    'It was 2024 when things got hard, maybe 12 or 13 months',
    'I saw a post on instagram about sleep hygiene',
    'thanks @helper for listening',
    'meet at 10:30 tomorrow in the group?',
    'my score went from 12 to 18',
  ])('no contact in: %s', (body) => {
    expect(detectContact(body)).toEqual([]);
  });
});
