import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PersonalDataRegistry } from '@hearth/common';
import { ChatModule } from '@hearth/chat';
import { CommunitiesModule } from '@hearth/communities';
import { NotificationsModule } from '@hearth/notifications';
import { ThemesModule } from '@hearth/themes';
import { UsersModule } from '@hearth/users';
import { Group } from './entities/group.entity';
import { GroupMember } from './entities/group-member.entity';
import { GroupJoinRequest } from './entities/group-join-request.entity';
import { GroupInvite } from './entities/group-invite.entity';
import { GroupsController } from './groups.controller';
import { InvitesController } from './invites.controller';
import { MeGroupsController } from './me-groups.controller';
import { GroupsService } from './groups.service';
import { GroupAccess } from './group-access.service';
import { GroupJoinChecks } from './group-join-checks';
import { GroupMembers } from './group-members';
import { GroupMembershipsService } from './memberships.service';
import { GroupJoinRequestsService } from './join-requests.service';
import { GroupInvitesService } from './invites.service';
import { groupsPersonalData } from './groups.personal-data';

@Module({
  imports: [TypeOrmModule.forFeature([Group, GroupMember, GroupJoinRequest, GroupInvite]), ChatModule, CommunitiesModule, NotificationsModule, ThemesModule, UsersModule],
  controllers: [GroupsController, InvitesController, MeGroupsController],
  providers: [GroupsService, GroupAccess, GroupJoinChecks, GroupMembers, GroupMembershipsService, GroupJoinRequestsService, GroupInvitesService],
  exports: [GroupsService, GroupAccess, GroupJoinChecks, GroupMembershipsService, GroupJoinRequestsService, GroupInvitesService],
})
export class GroupsModule implements OnModuleInit {
  constructor(private readonly personalData: PersonalDataRegistry) {}

  onModuleInit(): void {
    for (const contributor of groupsPersonalData) this.personalData.register(contributor);
  }
}
