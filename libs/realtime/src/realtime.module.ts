import { Global, Module } from '@nestjs/common';
import { AuthModule } from '@hearth/auth';
import { UsersModule } from '@hearth/users';
import { RealtimeGateway } from './realtime.gateway';
import { RealtimePublisher } from './realtime-publisher';
import { ShutdownDrain } from './shutdown-drain';

/** The socket transport: handshake, connection lifecycle and the publisher every lib may inject. */
@Global()
@Module({
  imports: [AuthModule, UsersModule],
  providers: [RealtimeGateway, RealtimePublisher, ShutdownDrain],
  exports: [RealtimePublisher, ShutdownDrain],
})
export class RealtimeModule {}
