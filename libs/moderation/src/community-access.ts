import { Injectable } from '@nestjs/common';
import { AuthUser, isPlatformAdmin } from '@hearth/common';
import { moderationErrors } from './moderation.errors';
import { ModerationScope } from './moderation-scope';

/** Community-level configuration (automod, crisis, audit) is for that community's admins and platform admins. */
@Injectable()
export class CommunityAccess {
  readonly errors = moderationErrors;

  constructor(private readonly scope: ModerationScope) {}

  async assertCommunityAdmin(caller: AuthUser, communityId: string): Promise<void> {
    if (!(await this.scope.communityExists(communityId))) throw moderationErrors.communityNotFound();
    if (isPlatformAdmin(caller)) return;
    if (!(await this.scope.isCommunityAdmin(caller.id, communityId))) throw moderationErrors.notInScope('Only this community’s admins and platform admins can do this');
  }
}
