import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UsersModule } from '@hearth/users';
import { Community } from './entities/community.entity';
import { CommunityAdmin } from './entities/community-admin.entity';
import { CommunitiesController } from './communities.controller';
import { CommunitiesService } from './communities.service';
import { CommunitiesPersonalData } from './communities.personal-data';

@Module({
  imports: [TypeOrmModule.forFeature([Community, CommunityAdmin]), UsersModule],
  controllers: [CommunitiesController],
  providers: [CommunitiesPersonalData, CommunitiesService],
  exports: [CommunitiesService],
})
export class CommunitiesModule {}
