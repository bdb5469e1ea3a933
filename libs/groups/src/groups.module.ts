import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
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
import { GroupMembershipsService } from './memberships.service';
import { GroupsPersonalData } from './groups.personal-data';

@Module({
  imports: [TypeOrmModule.forFeature([Group, GroupMember, GroupJoinRequest, GroupInvite]), ChatModule, CommunitiesModule, NotificationsModule, ThemesModule, UsersModule],
  controllers: [GroupsController, InvitesController, MeGroupsController],
  providers: [GroupsPersonalData, GroupsService, GroupMembershipsService],
  exports: [GroupsService, GroupMembershipsService],
})
export class GroupsModule {}
