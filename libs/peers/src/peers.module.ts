import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChatModule, SendRules } from '@hearth/chat';
import { CommunitiesModule } from '@hearth/communities';
import { ModerationModule } from '@hearth/moderation';
import { NotificationsModule } from '@hearth/notifications';
import { ThemesModule } from '@hearth/themes';
import { UsersModule } from '@hearth/users';
import { PeerProfile } from './entities/peer-profile.entity';
import { SupportRequest } from './entities/support-request.entity';
import { SupportSession } from './entities/support-session.entity';
import { TrainingRecord } from './entities/training-record.entity';
import { MatchingService } from './matching/matching.service';
import { PeerProfilesService } from './peer-profiles.service';
import { PeerRoleService } from './peer-role.service';
import { PeersAdminController } from './peers-admin.controller';
import { PeersAdminService } from './peers-admin.service';
import { PeersController } from './peers.controller';
import { PeersPersonalData } from './peers.personal-data';
import { PeersRelay } from './peers.relay';
import { SupportContactRule } from './safety/contact-send-rule';
import { supportBlockRule } from './safety/support-block-rule';
import { SupportCrisisResources } from './safety/crisis-resources';
import { SupportCases } from './safety/support-cases';
import { SupportController } from './support.controller';
import { SupportRequestsService } from './support-requests.service';
import { SupportSessionsService } from './support-sessions.service';
import { TrainingRecordsService } from './training-records.service';

@Module({
  imports: [TypeOrmModule.forFeature([PeerProfile, TrainingRecord, SupportRequest, SupportSession]), UsersModule, ThemesModule, CommunitiesModule, ChatModule, NotificationsModule, ModerationModule],
  controllers: [PeersController, SupportController, PeersAdminController],
  providers: [
    PeerRoleService,
    PeerProfilesService,
    TrainingRecordsService,
    MatchingService,
    SupportRequestsService,
    SupportSessionsService,
    PeersAdminService,
    PeersRelay,
    PeersPersonalData,
    SupportContactRule,
    SupportCrisisResources,
    SupportCases,
  ],
  exports: [PeerRoleService, SupportSessionsService, MatchingService, TrainingRecordsService],
})
export class PeersModule implements OnModuleInit {
  constructor(
    private readonly sendRules: SendRules,
    private readonly contactRule: SupportContactRule,
  ) {}

  onModuleInit(): void {
    this.sendRules.register(supportBlockRule);
    this.sendRules.register(this.contactRule);
  }
}
