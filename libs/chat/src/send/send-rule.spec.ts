import type { EntityManager } from 'typeorm';
import { AppError, AuthUser, ErrorCode } from '@hearth/common';
import { blockRule, chatSendRules, membershipRule, muteRule, readOnlyRule, replyRule } from './chat-send-rules';
import { runSendRules, SendDraft, SendRule, SendRules } from './send-rule';

const user: AuthUser = { id: 'u1', username: 'ana', role: 'member', sessionId: 's1' };
const NOW = Date.parse('2026-11-29T12:00:00Z');

function draft(over: Partial<SendDraft> & { roomId?: string; replyToId?: string } = {}): SendDraft {
  const roomId = over.roomId ?? 'r1';
  return {
    user: over.user ?? user,
    dto: { roomId, clientMsgId: 'c1', body: 'hello', replyToId: over.replyToId },
    room: 'room' in over ? over.room : { id: roomId, kind: 'group', groupId: 'g1', readOnly: false },
    member: 'member' in over ? over.member : { username: 'ana', displayName: 'Ana', mutedUntil: null },
    now: NOW,
    notes: new Map(),
  };
}

/** An EntityManager whose query answers from a canned list (and records what was asked). */
function fakeEm(answers: unknown[][]): EntityManager & { asked: string[] } {
  const asked: string[] = [];
  return { asked, query: async (sql: string) => (asked.push(sql), answers.shift() ?? []) } as unknown as EntityManager & { asked: string[] };
}

const code = (e: AppError | undefined) => e?.code;

describe('chat send rules, one by one', () => {
  it('membership: a non-member (or an unknown room) is told the room does not exist', () => {
    expect(code(membershipRule.check(draft({ member: undefined }), undefined))).toBe(ErrorCode.NOT_FOUND);
    expect(code(membershipRule.check(draft({ room: undefined }), undefined))).toBe(ErrorCode.NOT_FOUND);
    expect(membershipRule.check(draft(), undefined)).toBeUndefined();
  });

  it('read-only: an archived group’s room takes no new messages', () => {
    expect(code(readOnlyRule.check(draft({ room: { id: 'r1', kind: 'group', groupId: 'g1', readOnly: true } }), undefined))).toBe(ErrorCode.ROOM_READ_ONLY);
    expect(readOnlyRule.check(draft(), undefined)).toBeUndefined();
  });

  it('mute: refused with MUTED, details.until and a retry hint while the mute lasts; allowed once it ended', () => {
    const until = new Date(NOW + 90_000);
    const refusal = muteRule.check(draft({ member: { username: 'ana', displayName: 'Ana', mutedUntil: until } }), undefined)!;
    expect(refusal.code).toBe(ErrorCode.MUTED);
    expect(refusal.details).toEqual({ until: until.toISOString() });
    expect(refusal.retryAfterSeconds).toBe(90);
    expect(muteRule.check(draft({ member: { username: 'ana', displayName: 'Ana', mutedUntil: new Date(NOW - 1) } }), undefined)).toBeUndefined();
  });

  it('block: in a direct room, refused when the other person blocked the sender; group rooms ask nothing', async () => {
    const direct = draft({ roomId: 'd1', room: { id: 'd1', kind: 'direct', groupId: null, readOnly: false } });
    const em = fakeEm([[{ room_id: 'd1', blocked_id: 'u1' }]]);
    const blocked = await blockRule.prefetch!([direct], em);
    expect(code(blockRule.check(direct, blocked))).toBe(ErrorCode.DM_NOT_ALLOWED);
    const groupEm = fakeEm([]);
    const none = await blockRule.prefetch!([draft()], groupEm);
    expect(groupEm.asked).toHaveLength(0);
    expect(blockRule.check(draft(), none)).toBeUndefined();
  });

  it('reply-to: must name a message of the same room', async () => {
    const d = draft({ replyToId: 'm9' });
    const state = await replyRule.prefetch!([d], fakeEm([[{ id: 'm9', room_id: 'other-room' }]]));
    expect(code(replyRule.check(d, state))).toBe(ErrorCode.VALIDATION_FAILED);
    const ok = await replyRule.prefetch!([d], fakeEm([[{ id: 'm9', room_id: 'r1' }]]));
    expect(replyRule.check(d, ok)).toBeUndefined();
    expect(replyRule.check(draft(), await replyRule.prefetch!([draft()], fakeEm([])))).toBeUndefined();
  });
});

describe('the send-rule pipeline, in order', () => {
  it('runs chat’s rules in the documented order', () => {
    const rules = new SendRules();
    for (const r of [...chatSendRules].reverse()) rules.register(r);
    expect(rules.list().map((r) => r.name)).toEqual(['membership', 'read-only', 'mute', 'block', 'reply-to']);
  });

  it('refuses a name registered twice', () => {
    const rules = new SendRules();
    rules.register(membershipRule);
    expect(() => rules.register({ ...membershipRule })).toThrow(/twice/);
  });

  it('the first refusal wins, later rules do not see a refused draft, and each prefetch runs once per batch', async () => {
    const seen: string[] = [];
    const prefetches: number[] = [];
    const rule = (name: string, order: number, refuse: (d: SendDraft) => boolean): SendRule<number> => ({
      name,
      order,
      prefetch: async (ds) => (prefetches.push(ds.length), ds.length),
      check: (d) => (seen.push(`${name}:${d.dto.clientMsgId}`), refuse(d) ? new AppError(ErrorCode.FORBIDDEN, name) : undefined),
    });
    const rules = new SendRules();
    rules.register(rule('second', 20, (d) => d.dto.clientMsgId === 'b'));
    rules.register(rule('first', 10, (d) => d.dto.clientMsgId === 'a'));
    const a = { ...draft(), dto: { ...draft().dto, clientMsgId: 'a' } };
    const b = { ...draft(), dto: { ...draft().dto, clientMsgId: 'b' } };
    const c = { ...draft(), dto: { ...draft().dto, clientMsgId: 'c' } };
    const { refusals } = await runSendRules(rules.list(), [a, b, c], fakeEm([]));
    expect(refusals.map((r) => r?.message)).toEqual(['first', 'second', undefined]);
    expect(seen).toEqual(['first:a', 'first:b', 'first:c', 'second:b', 'second:c']);
    expect(prefetches).toEqual([3, 2]);
  });
});
