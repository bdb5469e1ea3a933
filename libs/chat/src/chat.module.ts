import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@hearth/auth';
import { NotificationsModule } from '@hearth/notifications';
import { UsersModule } from '@hearth/users';
import { DirectRoomsService } from './direct-rooms.service';
import { Message } from './entities/message.entity';
import { MessageReaction } from './entities/message-reaction.entity';
import { Room } from './entities/room.entity';
import { RoomMember } from './entities/room-member.entity';
import { UserBlock } from './entities/user-block.entity';
import { MessagesService } from './messages.service';
import { ChatGateway } from './realtime/chat.gateway';
import { RoomsController } from './rooms.controller';
import { RoomsService } from './rooms.service';

@Module({
  imports: [TypeOrmModule.forFeature([Room, RoomMember, Message, MessageReaction, UserBlock]), AuthModule, UsersModule, NotificationsModule],
  controllers: [RoomsController],
  providers: [RoomsService, MessagesService, DirectRoomsService, ChatGateway],
  exports: [RoomsService, MessagesService],
})
export class ChatModule {}
