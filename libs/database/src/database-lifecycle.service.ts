import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig, DatabaseConfig } from '@hearth/config';
import { ModuleRef } from '@nestjs/core';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { EmbeddedPostgresHandle, startEmbeddedPostgres } from './embedded-postgres';

/** Owns the embedded PostgreSQL (when DATABASE_URL is unset) and closes things in order on shutdown. */
@Injectable()
export class DatabaseLifecycleService implements OnApplicationShutdown {
  private readonly logger = new Logger('Database');
  private embedded?: EmbeddedPostgresHandle;

  constructor(
    private readonly config: ConfigService,
    private readonly moduleRef: ModuleRef,
  ) {}

  async resolveUrl(): Promise<string> {
    const url = this.config.getOrThrow<DatabaseConfig>('database').url;
    if (url) return url;
    const dir = join(this.config.getOrThrow<AppConfig>('app').dataDir, 'postgres');
    this.logger.log(`DATABASE_URL is unset: starting embedded PostgreSQL in ${dir}`);
    this.embedded = await startEmbeddedPostgres({
      dir,
      persistent: true,
      onLog: (line) => line && this.logger.debug(line),
    });
    this.logger.log('Embedded PostgreSQL is ready');
    return this.embedded.url;
  }

  async onApplicationShutdown(): Promise<void> {
    try {
      const ds = this.moduleRef.get(DataSource, { strict: false });
      if (ds?.isInitialized) await ds.destroy();
    } catch {
      /* no data source was created */
    }
    if (this.embedded) {
      await this.embedded.stop();
      this.logger.log('Embedded PostgreSQL stopped');
    }
  }
}
