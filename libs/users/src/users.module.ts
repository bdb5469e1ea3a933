import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ThemesModule } from '@hearth/themes';
import { User } from './entities/user.entity';
import { MeController } from './me.controller';
import { MeService } from './me.service';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([User]), ThemesModule],
  controllers: [MeController],
  providers: [UsersService, MeService],
  exports: [UsersService],
})
export class UsersModule {}
