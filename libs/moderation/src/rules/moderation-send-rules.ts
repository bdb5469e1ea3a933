import type { EntityManager } from 'typeorm';
import type { SendDraft, SendRule, SentDraft } from '@hearth/chat';
import type { Tx } from '@hearth/database';
import type { AutomodHit, CommunityMatchers } from '../automod.service';
import { caseKeys, PileOnSignal } from '../cases.service';
import { normalizeForMatch } from '../matching/normalize';
import { moderationErrors } from '../moderation.errors';

/** What the moderation rules share on a draft (`draft.notes`), so a message is folded once for every rule set. */
export const NOTE = {
  context: 'moderation.context',
  folded: 'moderation.folded',
  automod: 'moderation.automod',
  crisis: 'moderation.crisis',
} as const;

export interface DraftContext {
  communityId: string | null;
  matchers: CommunityMatchers;
}

export interface AutomodNote {
  hit: AutomodHit;
}

/** What the rules need from the rest of the lib (kept narrow so each rule is unit-testable with fakes). */
export interface ModerationRuleDeps {
  matchersFor(roomIds: readonly string[], em: EntityManager): Promise<Map<string, DraftContext>>;
  openCase: (tx: Tx, c: Parameters<import('../cases.service').CasesService['open']>[1]) => Promise<unknown>;
  addressees: import('../cases.service').CasesService['addressees'];
  recordPileOn: import('../cases.service').CasesService['recordPileOn'];
  newAccountHours: () => number;
}

/** block > hold > nudge > flag: the strongest matching rule decides. */
const STRENGTH: Record<AutomodHit['action'], number> = { block: 4, hold: 3, nudge: 2, flag: 1 };

const LINK = /\bhttps?:\/\/|\bwww\.|\b[a-z0-9-]{2,}\.(?:com|net|org|io|ly|me|info|xyz|app|co|ru|tk|gg|link|click|site|online|biz)\b/i;
export const hasLink = (body: string) => LINK.test(body);

/** Folds each draft's body once and attaches its community's compiled rules (one query per batch). */
async function attachContext(deps: ModerationRuleDeps, drafts: readonly SendDraft[], em: EntityManager): Promise<void> {
  const missing = drafts.filter((d) => !d.notes.has(NOTE.context));
  if (!missing.length) return;
  const byRoom = await deps.matchersFor([...new Set(missing.map((d) => d.dto.roomId))], em);
  for (const d of missing) {
    const ctx = byRoom.get(d.dto.roomId);
    if (!ctx) continue;
    d.notes.set(NOTE.context, ctx);
    d.notes.set(NOTE.folded, normalizeForMatch(d.dto.body));
  }
}

const contextOf = (d: SendDraft) => d.notes.get(NOTE.context) as DraftContext | undefined;
const foldedOf = (d: SendDraft) => d.notes.get(NOTE.folded) as string | undefined;

/** Accounts in their first hours cannot post links (spam and grooming are the usual first moves). */
export function newAccountLinksRule(deps: ModerationRuleDeps): SendRule<Set<string>> {
  return {
    name: 'new-account-links',
    order: 500,
    async prefetch(drafts, em) {
      const hours = deps.newAccountHours();
      const authors = [...new Set(drafts.filter((d) => d.user.role === 'member' && hasLink(d.dto.body)).map((d) => d.user.id))];
      if (!hours || !authors.length) return new Set<string>();
      // Read-only read of the users lib's users.
      const rows: Array<{ id: string }> = await em.query(`SELECT id FROM users WHERE id = ANY($1::uuid[]) AND created_at > now() - make_interval(hours => $2)`, [authors, hours]);
      return new Set(rows.map((r) => r.id));
    },
    check: (d, tooNew) => (tooNew.has(d.user.id) && hasLink(d.dto.body) ? moderationErrors.newAccountLinks(deps.newAccountHours()) : undefined),
  };
}

/**
 * Community phrase rules: `block` refuses with the rule's reason, `nudge` asks the
 * sender to reconsider (sent anyway with `confirmNudge: true`), `hold` stores the
 * message for the author and moderators only, `flag` delivers it and opens a case.
 */
export function automodRule(deps: ModerationRuleDeps): SendRule<void> {
  return {
    name: 'automod',
    order: 550,
    prefetch: (drafts, em) => attachContext(deps, drafts, em),
    check(d) {
      const ctx = contextOf(d);
      const folded = foldedOf(d);
      if (!ctx || folded === undefined) return undefined;
      const hits = ctx.matchers.automod.matchFolded(folded);
      if (!hits.length) return undefined;
      const hit = hits.reduce((a, b) => (STRENGTH[b.action] > STRENGTH[a.action] ? b : a));
      if (hit.action === 'block') return moderationErrors.automodBlocked(hit.reason, hit.rule);
      if (hit.action === 'nudge' && d.dto.confirmNudge !== true) return moderationErrors.nudge(hit.reason, hit.rule);
      if (hit.action === 'hold') d.hold = true;
      d.notes.set(NOTE.automod, { hit } satisfies AutomodNote);
      return undefined;
    },
    async afterInsert(sent, _state, tx) {
      for (const s of sent) {
        const note = s.draft.notes.get(NOTE.automod) as AutomodNote | undefined;
        if (!note || (note.hit.action !== 'hold' && note.hit.action !== 'flag')) continue;
        // Support sessions stay private to their two people (see the crisis rule).
        if (s.draft.room?.kind === 'support') continue;
        await deps.openCase(tx, {
          kind: note.hit.action === 'hold' ? 'hold' : 'automod',
          priority: 1,
          subjectKey: caseKeys.message(s.message.id),
          communityId: contextOf(s.draft)?.communityId ?? null,
          roomId: s.message.roomId,
          messageId: s.message.id,
          targetUserId: s.draft.user.id,
        });
      }
    },
  };
}

/**
 * Crisis phrases never block: the message is delivered, its sender alone receives
 * `crisis:resources`, and a priority case alerts the room's peer workers.
 */
export function crisisRule(deps: ModerationRuleDeps): SendRule<void> {
  return {
    name: 'crisis',
    order: 600,
    prefetch: (drafts, em) => attachContext(deps, drafts, em),
    check(d) {
      const ctx = contextOf(d);
      const folded = foldedOf(d);
      if (!ctx || folded === undefined) return undefined;
      const languages = ctx.matchers.crisis.matchFolded(folded);
      if (languages.length) d.notes.set(NOTE.crisis, languages);
      return undefined;
    },
    async afterInsert(sent, _state, tx) {
      for (const s of sent) {
        if (!s.draft.notes.has(NOTE.crisis)) continue;
        const communityId = contextOf(s.draft)?.communityId ?? null;
        // A 1:1 support session is private to its two people: the peer in it is the human who responds
        // (the peers lib marks the session for a debrief). No case shows it to reviewers unless a participant reports.
        if (s.draft.room?.kind !== 'support')
          await deps.openCase(tx, {
            kind: 'crisis',
            priority: 3,
            subjectKey: caseKeys.crisis(s.message.roomId, s.draft.user.id),
            communityId,
            roomId: s.message.roomId,
            messageId: s.message.id,
            targetUserId: s.draft.user.id,
          });
        tx.emit('moderation.crisis.detected', { userId: s.draft.user.id, roomId: s.message.roomId, messageId: s.message.id, communityId });
      }
    },
  };
}

/** Messages that matched a rule and address someone count towards a possible pile-on on that person. */
export function pileOnRule(deps: ModerationRuleDeps): SendRule<void> {
  return {
    name: 'pile-on',
    order: 650,
    check: () => undefined,
    async afterInsert(sent: readonly SentDraft[], _state, tx) {
      const flagged = sent.filter((s) => s.draft.notes.has(NOTE.automod));
      if (!flagged.length) return;
      const to = await deps.addressees(
        tx.em,
        flagged.map((s) => ({ id: s.message.id, roomId: s.message.roomId, authorId: s.draft.user.id, body: s.draft.dto.body, replyToId: s.message.replyToId })),
      );
      const signals: PileOnSignal[] = flagged.flatMap((s) => [...(to.get(s.message.id) ?? [])].map((targetUserId) => ({ roomId: s.message.roomId, targetUserId, authorId: s.draft.user.id, messageId: s.message.id })));
      const ctxByRoom = new Map(flagged.map((s) => [s.message.roomId, contextOf(s.draft)]));
      await deps.recordPileOn(tx, signals, (roomId) => {
        const ctx = ctxByRoom.get(roomId);
        return { communityId: ctx?.communityId ?? null, windowMinutes: ctx?.matchers.pileOnWindowMinutes ?? 10, threshold: ctx?.matchers.pileOnThreshold ?? 3 };
      });
    },
  };
}

export const moderationSendRules = (deps: ModerationRuleDeps): SendRule[] =>
  [newAccountLinksRule(deps), automodRule(deps), crisisRule(deps), pileOnRule(deps)] as SendRule[];
