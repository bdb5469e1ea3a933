import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UsersModule } from '@hearth/users';
import { Community } from './entities/community.entity';
import { CommunityAdmin } from './entities/community-admin.entity';
import { CommunitiesController } from './communities.controller';
import { CommunitiesService } from './communities.service';

@Module({
  imports: [TypeOrmModule.forFeature([Community, CommunityAdmin]), UsersModule],
  controllers: [CommunitiesController],
  providers: [CommunitiesService],
  exports: [CommunitiesService],
})
export class CommunitiesModule {}
