import { DEFAULT_CRISIS_RESOURCES } from './crisis-defaults';
import { rankResources } from './crisis.service';

describe('rankResources', () => {
  const names = (r: { name: string }[]) => r.map((x) => x.name);

  it('puts the line for the person’s country and language first', () => {
    expect(names(rankResources(DEFAULT_CRISIS_RESOURCES, 'en', 'US').resources)[0]).toMatch(/988/);
    expect(names(rankResources(DEFAULT_CRISIS_RESOURCES, 'en', 'GB').resources)[0]).toBe('Samaritans');
    expect(names(rankResources(DEFAULT_CRISIS_RESOURCES, 'es', 'ES').resources)[0]).toMatch(/024/);
  });

  it('leads with the worldwide directory when the country is unknown, and keeps everything else under more', () => {
    const r = rankResources(DEFAULT_CRISIS_RESOURCES, 'en', null);
    expect(names(r.resources)[0]).toMatch(/findahelpline|Find A Helpline/i);
    expect(r.resources.length + r.more.length).toBe(DEFAULT_CRISIS_RESOURCES.length);
    expect(r.resources.length).toBeLessThanOrEqual(2);
  });
});
