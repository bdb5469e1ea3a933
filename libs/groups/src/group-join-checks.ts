import { Injectable } from '@nestjs/common';
import type { AppError } from '@hearth/common';
import type { Tx } from '@hearth/database';

/**
 * How someone is being added to a group: joining an open group (or staff joining
 * any), accepting an invite, a moderator approving their request, a community admin
 * giving a peer worker a role (joining them), or creating the group (its owner).
 */
export type GroupJoinVia = 'join' | 'invite' | 'approve' | 'role' | 'create';

export interface GroupJoinAttempt {
  groupId: string;
  communityId: string;
  userId: string;
  via: GroupJoinVia;
}

/**
 * A rule that may refuse an addition to a group (moderation: "banned from this
 * group", "suspended from this community"). Runs inside the adding transaction,
 * after the group row is locked; return the error to refuse, nothing to allow.
 */
export type GroupJoinCheck = (tx: Tx, attempt: GroupJoinAttempt) => Promise<AppError | null | undefined | void> | AppError | null | undefined | void;

/**
 * Where other libs register join checks (in their module's `onModuleInit`). Every
 * path that adds someone to a group runs them all, in registration order; the
 * first refusal wins and nothing is written.
 */
@Injectable()
export class GroupJoinChecks {
  private readonly checks: Array<{ name: string; check: GroupJoinCheck }> = [];

  register(check: GroupJoinCheck, name = check.name || `check-${this.checks.length + 1}`): void {
    this.checks.push({ name, check });
  }

  names(): string[] {
    return this.checks.map((c) => c.name);
  }

  /** Throws the first refusal. */
  async assertAllowed(tx: Tx, attempt: GroupJoinAttempt): Promise<void> {
    for (const { check } of this.checks) {
      const refused = await check(tx, attempt);
      if (refused) throw refused;
    }
  }
}
