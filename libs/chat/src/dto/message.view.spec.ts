import { MessageView, placeholderOf, viewFor } from './message.view';

const m = (over: Partial<MessageView> = {}): MessageView => ({
  id: 'm1',
  roomId: 'r1',
  seq: 7,
  clientMsgId: 'c',
  author: { id: 'a', username: 'a', displayName: 'A' },
  body: 'hello',
  replyToId: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  editedAt: null,
  deletedAt: null,
  hidden: false,
  reactions: [{ emoji: '💛', count: 1 }],
  ...over,
});

describe('what a reader may see of a message', () => {
  it('a placeholder keeps the id and seq, without body or reactions', () => {
    expect(placeholderOf(m(), 'blocked')).toMatchObject({ id: 'm1', seq: 7, body: null, reactions: [], placeholder: 'blocked' });
  });

  it('a held message is its author’s alone', () => {
    expect(viewFor(m({ held: true }), 'a', false)).toMatchObject({ body: 'hello', held: true });
    expect(viewFor(m({ held: true }), 'b', false)).toMatchObject({ body: null, placeholder: 'held' });
  });

  it('a blocked author’s message is a placeholder for the blocker; tombstones stay tombstones', () => {
    expect(viewFor(m(), 'b', true)).toMatchObject({ body: null, placeholder: 'blocked' });
    expect(viewFor(m(), 'b', false)).toEqual(m());
    const tomb = m({ body: null, hidden: true, reactions: [] });
    expect(viewFor(tomb, 'b', true)).toBe(tomb);
  });
});
