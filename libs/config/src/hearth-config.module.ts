import { Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { appConfig, authConfig, databaseConfig, moderationConfig, notificationsConfig, realtimeConfig } from './configuration';
import { validateEnv } from './env.validation';

@Global()
@Module({
  imports: [
    ConfigModule.forRoot({
      isGlobal: true,
      ignoreEnvFile: true,
      cache: true,
      validate: validateEnv,
      load: [appConfig, databaseConfig, authConfig, realtimeConfig, moderationConfig, notificationsConfig],
    }),
  ],
  exports: [ConfigModule],
})
export class HearthConfigModule {}
