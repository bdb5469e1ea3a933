import { Injectable, Logger } from '@nestjs/common';
import { AppError, ErrorCode } from '@hearth/common';

/** What the instance must finish before it closes (e.g. the send queue), given how long it may take. */
export type DrainTask = (deadline: number) => Promise<void>;

/**
 * A graceful stop. On SIGTERM the instance first stops taking new work
 * (new socket connections and new sends are refused with SERVICE_UNAVAILABLE
 * and a retry hint), then lets every registered task finish what it already
 * accepted within the drain time, and only then lets Nest close sockets,
 * the HTTP server, the pool and PostgreSQL.
 */
@Injectable()
export class ShutdownDrain {
  private readonly logger = new Logger('Shutdown');
  private readonly tasks: Array<{ name: string; run: DrainTask }> = [];
  private drainingSince: number | null = null;

  register(name: string, run: DrainTask): void {
    this.tasks.push({ name, run });
  }

  get draining(): boolean {
    return this.drainingSince !== null;
  }

  /** Throws SERVICE_UNAVAILABLE while draining: the client retries on another instance. */
  assertAccepting(): void {
    if (this.draining) throw new AppError(ErrorCode.SERVICE_UNAVAILABLE, 'This server is restarting; retry in a moment', undefined, 1);
  }

  /** Stops taking new work and waits (at most `timeoutMs`) for every task. Idempotent. */
  async drain(timeoutMs: number): Promise<void> {
    if (this.draining) return;
    this.drainingSince = Date.now();
    const deadline = this.drainingSince + timeoutMs;
    this.logger.log(`Draining: finishing accepted work (at most ${timeoutMs} ms)`);
    await Promise.all(
      this.tasks.map(async (t) => {
        try {
          await t.run(deadline);
        } catch (e) {
          this.logger.warn(`Drain of ${t.name} ended early: ${(e as Error)?.message}`);
        }
      }),
    );
    this.logger.log(`Drained in ${Date.now() - this.drainingSince} ms`);
  }
}
