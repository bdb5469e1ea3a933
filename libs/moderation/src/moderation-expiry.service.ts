import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { ModerationConfig } from '@hearth/config';
import { ActionsService } from './actions.service';

/**
 * Restrictions end by themselves. Mutes, bans and community suspensions are checked
 * against their end whenever they matter; an account suspension changes the account's
 * status, so this sweeper restores it when its end passes (any instance may run it:
 * each row is taken with SKIP LOCKED).
 */
@Injectable()
export class ModerationExpiryService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('ModerationExpiry');
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    private readonly actions: ActionsService,
    private readonly config: ConfigService,
  ) {}

  onModuleInit(): void {
    const seconds = this.config.getOrThrow<ModerationConfig>('moderation').sweepSeconds;
    this.timer = setInterval(() => void this.sweep(), seconds * 1000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async sweep(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      return await this.actions.liftExpiredAccountSuspensions();
    } catch (e) {
      this.logger.warn(`Expiry sweep failed: ${(e as Error)?.name}`);
      return 0;
    } finally {
      this.running = false;
    }
  }
}
