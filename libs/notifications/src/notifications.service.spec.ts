import { NotificationsService } from './notifications.service';

/** `create` honours each person's per-kind preferences, for every lib that notifies. */
describe('NotificationsService.create and preferences', () => {
  const service = new NotificationsService({} as never, {} as never, {} as never, {} as never, {} as never, { getOrThrow: () => 0 } as never);

  function fakeTx(prefs: Array<{ user_id: string; kind: string; in_app: boolean; live: boolean }>) {
    const emitted: Array<{ name: string; payload: unknown }> = [];
    let n = 0;
    const tx = {
      em: {
        query: jest.fn(async () => prefs),
        create: (_cls: unknown, i: object) => ({ ...i }),
        save: jest.fn(async (rows: object[]) => rows.map((r) => ({ ...r, id: `n${++n}` }))),
      },
      emit: (name: string, payload: unknown) => emitted.push({ name, payload }),
      afterCommit: () => undefined,
    };
    return { tx, emitted };
  }

  it('with no preferences, stores every notification and pushes them all', async () => {
    const { tx, emitted } = fakeTx([]);
    const saved = await service.create(tx as never, [
      { userId: 'a', kind: 'mention', data: {} },
      { userId: 'b', kind: 'reply', data: {} },
    ]);
    expect(saved).toHaveLength(2);
    expect(emitted).toEqual([{ name: 'notification.created', payload: saved }]);
  });

  it('in-app off drops the notification for that person and kind only; live off stores it without pushing', async () => {
    const { tx, emitted } = fakeTx([
      { user_id: 'a', kind: 'mention', in_app: false, live: true },
      { user_id: 'b', kind: 'mention', in_app: true, live: false },
    ]);
    const saved = await service.create(tx as never, [
      { userId: 'a', kind: 'mention', data: {} },
      { userId: 'a', kind: 'reply', data: {} },
      { userId: 'b', kind: 'mention', data: {} },
    ]);
    expect(saved.map((s) => [s.userId, s.kind])).toEqual([
      ['a', 'reply'],
      ['b', 'mention'],
    ]);
    expect(emitted).toHaveLength(1);
    expect((emitted[0].payload as Array<{ userId: string }>).map((p) => p.userId)).toEqual(['a']);
  });

  it('writes and emits nothing when every notification is turned off', async () => {
    const { tx, emitted } = fakeTx([{ user_id: 'a', kind: 'mention', in_app: false, live: false }]);
    expect(await service.create(tx as never, [{ userId: 'a', kind: 'mention', data: {} }])).toEqual([]);
    expect(tx.em.save).not.toHaveBeenCalled();
    expect(emitted).toEqual([]);
  });
});
