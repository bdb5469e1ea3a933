import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_FILTER, APP_GUARD, DiscoveryModule, Reflector } from '@nestjs/core';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import { AccountModule } from '@hearth/account';
import { AuditModule } from '@hearth/audit';
import { ChatModule } from '@hearth/chat';
import { NotificationsModule } from '@hearth/notifications';
import { PeersModule } from '@hearth/peers';
import { AuthModule, HearthThrottlerGuard, JwtAuthGuard, throttlerOptions } from '@hearth/auth';
import { EventBusModule, HttpExceptionFilter, PersonalDataModule, RequestSanitizerMiddleware, RoleValidityModule } from '@hearth/common';
import { HearthConfigModule } from '@hearth/config';
import { CommunitiesModule } from '@hearth/communities';
import { DatabaseModule } from '@hearth/database';
import { GroupsModule } from '@hearth/groups';
import { HealthModule } from '@hearth/health';
import { ModerationModule } from '@hearth/moderation';
import { RealtimeModule } from '@hearth/realtime';
import { RecoveryModule } from '@hearth/recovery';
import { ThemesModule } from '@hearth/themes';
import { UsersModule } from '@hearth/users';
import { loggerOptions } from './logger.options';
import { WebClientModule } from './web-client.module';

@Module({
  imports: [
    HearthConfigModule,
    // The OpenAPI wiring (openapi.ts) reads route decorators through DiscoveryService.
    DiscoveryModule,
    LoggerModule.forRootAsync({ inject: [ConfigService], useFactory: loggerOptions }),
    EventEmitterModule.forRoot({ wildcard: false, ignoreErrors: false }),
    EventBusModule,
    PersonalDataModule,
    RoleValidityModule,
    ThrottlerModule.forRootAsync({ inject: [ConfigService, Reflector], useFactory: throttlerOptions }),
    DatabaseModule,
    AuditModule,
    HealthModule,
    UsersModule,
    AuthModule,
    RealtimeModule,
    ThemesModule,
    CommunitiesModule,
    GroupsModule,
    ChatModule,
    NotificationsModule,
    ModerationModule,
    RecoveryModule,
    AccountModule,
    PeersModule,
    // Last: the client's catch-all route must not shadow any API route.
    WebClientModule,
  ],
  providers: [
    { provide: APP_FILTER, useClass: HttpExceptionFilter },
    // Order matters: authenticate first, then count requests.
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: HearthThrottlerGuard },
  ],
})
export class AppModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestSanitizerMiddleware).forRoutes('*path');
  }
}
