import { Module, OnModuleInit } from '@nestjs/common';
import { PersonalDataRegistry } from '@hearth/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Theme } from './entities/theme.entity';
import { UserTheme } from './entities/user-theme.entity';
import { GroupTheme } from './entities/group-theme.entity';
import { ThemesController } from './themes.controller';
import { ThemesService } from './themes.service';
import { themesPersonalData } from './themes.personal-data';

/** Depends on nothing but the database: users and groups depend on it, never the reverse. */
@Module({
  imports: [TypeOrmModule.forFeature([Theme, UserTheme, GroupTheme])],
  controllers: [ThemesController],
  providers: [ThemesService],
  exports: [ThemesService],
})
export class ThemesModule implements OnModuleInit {
  constructor(private readonly personalData: PersonalDataRegistry) {}

  onModuleInit(): void {
    for (const contributor of themesPersonalData) this.personalData.register(contributor);
  }
}
