import { Global, Injectable, Module } from '@nestjs/common';
import type { PlatformRole } from './auth-user';

/**
 * Resolves the role a person holds right now, given the role stored on their account.
 * Returns the role to use for this request (and may itself correct the stored one).
 */
export type RoleCheck = (userId: string) => Promise<PlatformRole>;

/**
 * Where a lib that grants a role on conditions registers the check that the role
 * still holds (peers: "at least one verified, unexpired training record"). The
 * auth path that builds `AuthUser` (REST and socket handshake) asks it on every
 * request, so a lapsed role ends at once, not only when a job runs.
 */
@Injectable()
export class RoleValidity {
  private readonly checks = new Map<PlatformRole, RoleCheck>();

  register(role: PlatformRole, check: RoleCheck): void {
    if (this.checks.has(role)) throw new Error(`A role check for "${role}" is registered twice`);
    this.checks.set(role, check);
  }

  /** The stored role when no check applies to it. */
  effectiveRole(userId: string, stored: PlatformRole): Promise<PlatformRole> {
    const check = this.checks.get(stored);
    return check ? check(userId) : Promise.resolve(stored);
  }
}

@Global()
@Module({ providers: [RoleValidity], exports: [RoleValidity] })
export class RoleValidityModule {}
