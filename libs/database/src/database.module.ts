import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { DatabaseConfig } from '@hearth/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions } from 'typeorm';
import { DatabaseLifecycleService } from './database-lifecycle.service';
import { migrations } from './migrations';
import { runMigrationsLocked } from './run-migrations';
import { TransactionsModule } from './transactions';

@Global()
@Module({
  providers: [DatabaseLifecycleService],
  exports: [DatabaseLifecycleService],
})
class DatabaseLifecycleModule {}

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      imports: [DatabaseLifecycleModule],
      inject: [ConfigService, DatabaseLifecycleService],
      useFactory: async (config: ConfigService, lifecycle: DatabaseLifecycleService) => ({
        type: 'postgres' as const,
        url: await lifecycle.resolveUrl(),
        autoLoadEntities: true,
        synchronize: false,
        migrations,
        migrationsRun: false,
        logging: false,
        extra: {
          max: config.getOrThrow<DatabaseConfig>('database').poolSize,
          connectionTimeoutMillis: 10_000,
          application_name: 'hearth',
        },
      }),
      dataSourceFactory: async (options?: DataSourceOptions) => {
        const ds = await new DataSource(options!).initialize();
        await runMigrationsLocked(ds);
        return ds;
      },
    }),
    TransactionsModule,
  ],
  exports: [TransactionsModule],
})
export class DatabaseModule {}
