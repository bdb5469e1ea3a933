import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '@hearth/notifications';
import { UsersModule } from '@hearth/users';
import { ChatGateway } from './chat.gateway';
import { DirectRoomsService } from './direct-rooms.service';
import { Message } from './entities/message.entity';
import { MessageReaction } from './entities/message-reaction.entity';
import { Room } from './entities/room.entity';
import { RoomMember } from './entities/room-member.entity';
import { ChatPersonalData } from './chat.personal-data';
import { MessagesService } from './messages.service';
import { RoomsController } from './rooms.controller';
import { RoomsService } from './rooms.service';
import { chatSendRules } from './send/chat-send-rules';
import { MessageWriter } from './send/message-writer.service';
import { SendRules } from './send/send-rule';

@Module({
  imports: [TypeOrmModule.forFeature([Room, RoomMember, Message, MessageReaction]), UsersModule, NotificationsModule],
  controllers: [RoomsController],
  providers: [RoomsService, MessagesService, MessageWriter, SendRules, DirectRoomsService, ChatGateway, ChatPersonalData],
  exports: [RoomsService, MessagesService, SendRules],
})
export class ChatModule implements OnModuleInit {
  constructor(private readonly sendRules: SendRules) {}

  onModuleInit(): void {
    for (const rule of chatSendRules) this.sendRules.register(rule);
  }
}
