import { Module, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AuthModule } from '@hearth/auth';
import { ChatModule, SendRules } from '@hearth/chat';
import type { ModerationConfig } from '@hearth/config';
import { GroupJoinChecks, GroupsModule } from '@hearth/groups';
import { NotificationsModule } from '@hearth/notifications';
import { UsersModule } from '@hearth/users';
import { ActionsService } from './actions.service';
import { AppealsService } from './appeals.service';
import { AutomodService } from './automod.service';
import { CasesService } from './cases.service';
import { CommunityAccess } from './community-access';
import { CommunityModerationService } from './community-moderation.service';
import { CrisisService } from './crisis/crisis.service';
import { CommunityModerationController, ModerationController, ReportsController } from './moderation.controller';
import { ModerationExpiryService } from './moderation-expiry.service';
import { ModerationPersonalData } from './moderation.personal-data';
import { ModerationRelay } from './moderation.relay';
import { ModerationScope } from './moderation-scope';
import { ReportsService } from './reports.service';
import { moderationSendRules } from './rules/moderation-send-rules';

@Module({
  imports: [ChatModule, GroupsModule, UsersModule, NotificationsModule, AuthModule],
  controllers: [ReportsController, ModerationController, CommunityModerationController],
  providers: [
    ModerationScope,
    CommunityAccess,
    AutomodService,
    CasesService,
    ReportsService,
    ActionsService,
    AppealsService,
    CommunityModerationService,
    CrisisService,
    ModerationRelay,
    ModerationPersonalData,
    ModerationExpiryService,
  ],
  exports: [CrisisService, ActionsService, ModerationScope, CasesService],
})
export class ModerationModule implements OnModuleInit {
  constructor(
    private readonly sendRules: SendRules,
    private readonly automod: AutomodService,
    private readonly cases: CasesService,
    private readonly config: ConfigService,
    private readonly joinChecks: GroupJoinChecks,
    private readonly actions: ActionsService,
  ) {}

  onModuleInit(): void {
    const deps = {
      matchersFor: (roomIds: readonly string[], em: Parameters<AutomodService['matchersFor']>[1]) => this.automod.matchersFor(roomIds, em),
      openCase: this.cases.open.bind(this.cases),
      addressees: this.cases.addressees.bind(this.cases),
      recordPileOn: this.cases.recordPileOn.bind(this.cases),
      newAccountHours: () => this.config.getOrThrow<ModerationConfig>('moderation').newAccountHours,
    };
    for (const rule of moderationSendRules(deps)) this.sendRules.register(rule);
    // Banned from a group or suspended from its community: cannot join, be invited, or be approved back in.
    this.joinChecks.register((tx, attempt) => this.actions.joinRefusal(tx, attempt), 'moderation-bans');
  }
}
