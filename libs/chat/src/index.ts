export * from './chat.module';
export * from './rooms.service';
export * from './entities/room.entity';
export * from './entities/room-member.entity';
