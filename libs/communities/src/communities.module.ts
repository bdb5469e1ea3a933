import { Module, OnModuleInit } from '@nestjs/common';
import { PersonalDataRegistry } from '@hearth/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UsersModule } from '@hearth/users';
import { Community } from './entities/community.entity';
import { CommunityAdmin } from './entities/community-admin.entity';
import { CommunitiesController } from './communities.controller';
import { CommunitiesService } from './communities.service';
import { communitiesPersonalData } from './communities.personal-data';

@Module({
  imports: [TypeOrmModule.forFeature([Community, CommunityAdmin]), UsersModule],
  controllers: [CommunitiesController],
  providers: [CommunitiesService],
  exports: [CommunitiesService],
})
export class CommunitiesModule implements OnModuleInit {
  constructor(private readonly personalData: PersonalDataRegistry) {}

  onModuleInit(): void {
    for (const contributor of communitiesPersonalData) this.personalData.register(contributor);
  }
}
