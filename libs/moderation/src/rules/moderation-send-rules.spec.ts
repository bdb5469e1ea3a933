import type { SendDraft, SentDraft } from '@hearth/chat';
import type { Tx } from '@hearth/database';
import type { EntityManager } from 'typeorm';
import type { AutomodHit, CommunityMatchers } from '../automod.service';
import { PhraseMatcher } from '../matching/phrase-matcher';
import { automodRule, crisisRule, DraftContext, hasLink, ModerationRuleDeps, newAccountLinksRule, NOTE, pileOnRule } from './moderation-send-rules';

const hit = (action: AutomodHit['action'], reason = `${action} reason`): AutomodHit => ({ ruleId: action, action, rule: 'Rule', reason });

function matchers(): CommunityMatchers {
  return {
    version: 1,
    automod: new PhraseMatcher([
      { phrase: 'spam link', value: hit('block') },
      { phrase: 'pills', value: hit('hold') },
      { phrase: 'you are psycho', value: hit('nudge') },
      { phrase: 'meet offline', value: hit('flag') },
    ]),
    crisis: new PhraseMatcher([
      { phrase: 'kill myself', value: 'en' },
      { phrase: 'quiero morir', value: 'es' },
    ]),
    pileOnWindowMinutes: 10,
    pileOnThreshold: 3,
  };
}

function deps(over: Partial<ModerationRuleDeps> = {}): ModerationRuleDeps & { opened: unknown[]; signals: unknown[]; matchQueries: number } {
  const d = {
    opened: [] as unknown[],
    signals: [] as unknown[],
    matchQueries: 0,
    async matchersFor(roomIds: readonly string[]) {
      d.matchQueries++;
      return new Map<string, DraftContext>(roomIds.map((id) => [id, { communityId: 'c1', matchers: matchers() }]));
    },
    openCase: async (_tx: Tx, c: unknown) => void d.opened.push(c),
    addressees: async (_em: EntityManager, msgs: ReadonlyArray<{ id: string }>) => new Map(msgs.map((m) => [m.id, new Set(['victim'])])),
    recordPileOn: async (_tx: Tx, signals: readonly unknown[]) => void d.signals.push(...signals),
    newAccountHours: () => 24,
    ...over,
  };
  return d as never;
}

const draft = (body: string, extra: Partial<SendDraft['dto']> = {}, role: 'member' | 'peer' = 'member'): SendDraft => ({
  user: { id: `u-${body.length}`, username: 'u', role, sessionId: 's' },
  dto: { roomId: 'r1', clientMsgId: 'c', body, ...extra },
  room: { id: 'r1', kind: 'group', groupId: 'g1', readOnly: false },
  member: { username: 'u', displayName: 'u', mutedUntil: null },
  now: Date.now(),
  notes: new Map(),
  hold: false,
});

const em = {} as EntityManager;
const emitted: Array<[string, unknown]> = [];
const tx = { em, emit: (name: string, p: unknown) => void emitted.push([name, p]), afterCommit: () => undefined } as unknown as Tx;
const sent = (d: SendDraft, id = 'm1'): SentDraft => ({ draft: d, message: { id, roomId: d.dto.roomId, seq: 1, clientMsgId: 'c', author: null, body: d.dto.body, replyToId: null, createdAt: '', editedAt: null, deletedAt: null, hidden: false, reactions: [] } });

describe('automod send rule', () => {
  it('folds each message once per batch with one lookup for all rooms', async () => {
    const d = deps();
    const rule = automodRule(d);
    const drafts = [draft('hello'), draft('world')];
    await rule.prefetch!(drafts, em);
    expect(d.matchQueries).toBe(1);
    expect(drafts.every((x) => typeof x.notes.get(NOTE.folded) === 'string')).toBe(true);
  });

  it('block refuses with the rule’s reason; the strongest matching action wins', async () => {
    const rule = automodRule(deps());
    const x = draft('spam link and pills');
    await rule.prefetch!([x], em);
    expect(rule.check(x, undefined)).toMatchObject({ code: 'AUTOMOD_BLOCKED', message: 'block reason' });
  });

  it('nudge refuses with NUDGE until the same send carries confirmNudge', async () => {
    const rule = automodRule(deps());
    const x = draft('you are psycho');
    await rule.prefetch!([x], em);
    expect(rule.check(x, undefined)).toMatchObject({ code: 'NUDGE' });
    const y = draft('you are psycho', { confirmNudge: true });
    await rule.prefetch!([y], em);
    expect(rule.check(y, undefined)).toBeUndefined();
  });

  it('hold marks the draft held (never refused); hold and flag open a case after insert', async () => {
    const d = deps();
    const rule = automodRule(d);
    const held = draft('selling pills');
    const flagged = draft('lets meet offline');
    await rule.prefetch!([held, flagged], em);
    expect(rule.check(held, undefined)).toBeUndefined();
    expect(held.hold).toBe(true);
    expect(rule.check(flagged, undefined)).toBeUndefined();
    expect(flagged.hold).toBe(false);
    await rule.afterInsert!([sent(held, 'm1'), sent(flagged, 'm2')], undefined, tx);
    expect(d.opened).toEqual([expect.objectContaining({ kind: 'hold', messageId: 'm1' }), expect.objectContaining({ kind: 'automod', messageId: 'm2' })]);
  });
});

describe('crisis send rule', () => {
  it('never refuses; after insert opens a priority case and queues resources for the sender', async () => {
    const d = deps();
    const rule = crisisRule(d);
    const x = draft('some days I want to k i l l myself');
    const y = draft('quiero morir');
    const z = draft('a normal day');
    await rule.prefetch!([x, y, z], em);
    for (const v of [x, y, z]) expect(rule.check(v, undefined)).toBeUndefined();
    emitted.length = 0;
    await rule.afterInsert!([sent(x, 'm1'), sent(y, 'm2'), sent(z, 'm3')], undefined, tx);
    expect(d.opened).toEqual([expect.objectContaining({ kind: 'crisis', priority: 3, messageId: 'm1' }), expect.objectContaining({ kind: 'crisis', messageId: 'm2' })]);
    expect(emitted.map(([n]) => n)).toEqual(['moderation.crisis.detected', 'moderation.crisis.detected']);
  });
});

describe('new-account links rule', () => {
  it('refuses links from accounts the prefetch found too new, and only links', async () => {
    const rule = newAccountLinksRule(deps());
    const link = draft('see https://example.org');
    const words = draft('no links. really.');
    const tooNew = new Set([link.user.id, words.user.id]);
    expect(rule.check(link, tooNew)).toMatchObject({ code: 'NEW_ACCOUNT_LIMIT' });
    expect(rule.check(words, tooNew)).toBeUndefined();
    expect(rule.check(link, new Set())).toBeUndefined();
  });

  it('asks nothing of the database when no draft has a link, or when the limit is off', async () => {
    const query = jest.fn();
    expect(await newAccountLinksRule(deps()).prefetch!([draft('hello')], { query } as unknown as EntityManager)).toEqual(new Set());
    expect(await newAccountLinksRule(deps({ newAccountHours: () => 0 })).prefetch!([draft('www.example.org')], { query } as unknown as EntityManager)).toEqual(new Set());
    expect(query).not.toHaveBeenCalled();
  });

  it('recognises links', () => {
    for (const s of ['http://a.b', 'https://x.org/y', 'www.example.org', 'visit cheap-pills.com']) expect(hasLink(s)).toBe(true);
    for (const s of ['e.g. this', 'I am ok.Thanks', 'no link']) expect(hasLink(s)).toBe(false);
  });
});

describe('pile-on rule', () => {
  it('records a signal for each person a rule-matching message addresses', async () => {
    const d = deps();
    const flagged = draft('meet offline');
    const plain = draft('hello there');
    await automodRule(d).prefetch!([flagged, plain], em);
    automodRule(d).check(flagged, undefined);
    automodRule(d).check(plain, undefined);
    await pileOnRule(d).afterInsert!([sent(flagged, 'm1'), sent(plain, 'm2')], undefined, tx);
    expect(d.signals).toEqual([{ roomId: 'r1', targetUserId: 'victim', authorId: flagged.user.id, messageId: 'm1' }]);
  });
});
