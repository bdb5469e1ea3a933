import { Global, Injectable, Logger, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainEventMap, DomainEventName, EventBus } from '@hearth/common';

/**
 * A unit of work: the transaction's EntityManager plus an outbox of domain
 * events that are published only after the transaction commits (and dropped
 * when it rolls back). Pass it down instead of a bare EntityManager whenever
 * the callee may need to announce something.
 */
export interface Tx {
  readonly em: EntityManager;
  emit<K extends DomainEventName>(name: K, payload: DomainEventMap[K]): void;
  /** Runs after commit, in order with the queued events (e.g. a non-event side effect). */
  afterCommit(fn: () => void): void;
}

type Queued = () => void;

class QueuedTx implements Tx {
  readonly queue: Queued[] = [];

  constructor(
    readonly em: EntityManager,
    private readonly bus: EventBus,
  ) {}

  emit<K extends DomainEventName>(name: K, payload: DomainEventMap[K]): void {
    this.queue.push(() => this.bus.emit(name, payload));
  }

  afterCommit(fn: () => void): void {
    this.queue.push(fn);
  }
}

/** The one way to run a transaction that publishes events. */
@Injectable()
export class Transactions {
  private readonly logger = new Logger('Transactions');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bus: EventBus,
  ) {}

  /**
   * Runs `work` in a transaction and publishes what it queued once it committed.
   * With `within`, joins that outer unit of work instead (its events go out with the outer commit).
   */
  async run<T>(work: (tx: Tx) => Promise<T>, options: { within?: Tx } = {}): Promise<T> {
    if (options.within) return work(options.within);
    let tx!: QueuedTx;
    const result = await this.dataSource.transaction((em) => {
      tx = new QueuedTx(em, this.bus);
      return work(tx);
    });
    // Committed: a failing listener must not turn the caller's success into an error.
    for (const publish of tx.queue) {
      try {
        publish();
      } catch (e) {
        this.logger.error({ err: { name: (e as Error)?.name, message: (e as Error)?.message } }, 'After-commit listener failed');
      }
    }
    return result;
  }

  /** Publishes at once: for code that changed nothing transactional but must announce (e.g. a single-statement write). */
  publish<K extends DomainEventName>(name: K, payload: DomainEventMap[K]): void {
    this.bus.emit(name, payload);
  }
}

@Global()
@Module({ providers: [Transactions], exports: [Transactions] })
export class TransactionsModule {}
