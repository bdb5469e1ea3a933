import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ThemesModule } from '@hearth/themes';
import { User } from './entities/user.entity';
import { UserBlock } from './entities/user-block.entity';
import { BlocksController } from './blocks.controller';
import { BlocksService } from './blocks.service';
import { UsersPersonalData } from './users.personal-data';
import { MeController } from './me.controller';
import { MeService } from './me.service';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([User, UserBlock]), ThemesModule],
  controllers: [MeController, BlocksController],
  providers: [UsersService, MeService, BlocksService, UsersPersonalData],
  exports: [UsersService, BlocksService],
})
export class UsersModule {}
