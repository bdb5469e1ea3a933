import { Injectable } from '@nestjs/common';
import type { AppError, AuthUser } from '@hearth/common';
import type { Tx } from '@hearth/database';
import type { EntityManager } from 'typeorm';
import type { SendMessageDto } from '../dto/message.dto';
import type { MessageView } from '../dto/message.view';

/** The room row as the writer locked it. */
export interface SendRoom {
  id: string;
  kind: 'group' | 'direct' | 'support';
  groupId: string | null;
  readOnly: boolean;
}

/** The author's membership of the room (absent: not a member). */
export interface SendMember {
  username: string;
  displayName: string;
  mutedUntil: Date | null;
}

/** One send on its way through the rules: read-only except `notes`. */
export interface SendDraft {
  readonly user: AuthUser;
  readonly dto: SendMessageDto;
  readonly room: SendRoom | undefined;
  readonly member: SendMember | undefined;
  readonly now: number;
  /** What a rule decided for its own `afterInsert`, keyed by the rule's name. */
  readonly notes: Map<string, unknown>;
  /**
   * Set by a rule's `check` (never refused): store the message but show it only to
   * its author until a moderator approves it (`messages.held_at`); the room gets a
   * placeholder with the same seq.
   */
  hold?: boolean;
}

export interface SentDraft {
  draft: SendDraft;
  message: MessageView;
}

/**
 * A named check on the send path, registered by the lib that owns it. Rules run
 * in `order` inside the batch transaction (rooms locked): `prefetch` once per
 * batch for what the checks need (one query, not one per message), then `check`
 * for each send; the first refusal wins. `afterInsert` runs in the same
 * transaction with the messages that were written, for side effects that must
 * commit with them (a case, an alert queued on `tx`).
 */
export interface SendRule<S = unknown> {
  readonly name: string;
  /** Lower runs first. Chat uses 100-499; moderation 500-699; peers 700-899. */
  readonly order: number;
  prefetch?(drafts: readonly SendDraft[], em: EntityManager): Promise<S>;
  check(draft: SendDraft, state: S): AppError | undefined;
  afterInsert?(sent: readonly SentDraft[], state: S, tx: Tx): Promise<void>;
}

/** Where libs register their send rules (in `onModuleInit`). */
@Injectable()
export class SendRules {
  private rules: SendRule[] = [];

  register<S>(rule: SendRule<S>): void {
    if (this.rules.some((r) => r.name === rule.name)) throw new Error(`Send rule "${rule.name}" is registered twice`);
    this.rules = [...this.rules, rule as SendRule].sort((a, b) => a.order - b.order);
  }

  /** In order. */
  list(): readonly SendRule[] {
    return this.rules;
  }
}

/** Runs the rules over the drafts: the refusal of each draft, or undefined when it may be written. */
export async function runSendRules(
  rules: readonly SendRule[],
  drafts: readonly SendDraft[],
  em: EntityManager,
): Promise<{ refusals: Array<AppError | undefined>; states: Map<SendRule, unknown> }> {
  const states = new Map<SendRule, unknown>();
  const refusals: Array<AppError | undefined> = drafts.map(() => undefined);
  let open = drafts.map((_, i) => i);
  for (const rule of rules) {
    if (!open.length) break;
    const state = rule.prefetch ? await rule.prefetch(open.map((i) => drafts[i]), em) : undefined;
    states.set(rule, state);
    open = open.filter((i) => {
      const refusal = rule.check(drafts[i], state);
      if (refusal) refusals[i] = refusal;
      return !refusal;
    });
  }
  return { refusals, states };
}
