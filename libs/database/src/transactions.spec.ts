import { Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { DataSource, EntityManager } from 'typeorm';
import { EventBus } from '@hearth/common';
import { Transactions } from './transactions';

declare module '@hearth/common' {
  interface DomainEventMap {
    'test.happened': { n: number };
  }
}

/** A DataSource whose transaction commits (resolves) or rolls back (rejects) like TypeORM's. */
function fakeDataSource(): { ds: DataSource; committed: number; rolledBack: number } {
  const state = { committed: 0, rolledBack: 0 };
  const ds = {
    transaction: async <T>(work: (em: EntityManager) => Promise<T>): Promise<T> => {
      try {
        const result = await work({} as EntityManager);
        state.committed++;
        return result;
      } catch (e) {
        state.rolledBack++;
        throw e;
      }
    },
  } as unknown as DataSource;
  return Object.assign(state, { ds });
}

describe('Transactions', () => {
  let emitter: EventEmitter2;
  let received: Array<{ n: number }>;
  beforeEach(() => {
    emitter = new EventEmitter2();
    received = [];
    emitter.on('test.happened', (p: { n: number }) => received.push(p));
  });

  it('publishes an event queued in a committed transaction once, after the commit', async () => {
    const f = fakeDataSource();
    const tx = new Transactions(f.ds, new EventBus(emitter));
    let seenInside = -1;
    await tx.run(async (t) => {
      t.emit('test.happened', { n: 1 });
      seenInside = received.length;
    });
    expect(seenInside).toBe(0);
    expect(f.committed).toBe(1);
    expect(received).toEqual([{ n: 1 }]);
  });

  it('never publishes an event queued in a transaction that rolled back', async () => {
    const f = fakeDataSource();
    const tx = new Transactions(f.ds, new EventBus(emitter));
    await expect(
      tx.run(async (t) => {
        t.emit('test.happened', { n: 2 });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(f.rolledBack).toBe(1);
    expect(received).toEqual([]);
  });

  it('a joined unit of work publishes with the outer commit, in order, after-commit callbacks included', async () => {
    const f = fakeDataSource();
    const tx = new Transactions(f.ds, new EventBus(emitter));
    const order: string[] = [];
    emitter.on('test.happened', (p: { n: number }) => order.push(`event ${p.n}`));
    await tx.run(async (outer) => {
      outer.emit('test.happened', { n: 1 });
      await tx.run(
        async (inner) => {
          inner.emit('test.happened', { n: 2 });
          inner.afterCommit(() => order.push('callback'));
        },
        { within: outer },
      );
      expect(order).toEqual([]);
    });
    expect(f.committed).toBe(1);
    expect(order).toEqual(['event 1', 'event 2', 'callback']);
  });

  it('a failing listener does not turn a committed transaction into an error', async () => {
    const f = fakeDataSource();
    emitter.on('test.happened', () => {
      throw new Error('listener broke');
    });
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const tx = new Transactions(f.ds, new EventBus(emitter));
    await expect(tx.run(async (t) => (t.emit('test.happened', { n: 3 }), 'done'))).resolves.toBe('done');
    expect(received).toEqual([{ n: 3 }]);
    expect(logged).toHaveBeenCalledTimes(1);
    logged.mockRestore();
  });
});
