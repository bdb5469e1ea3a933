import { describe, expect, it, vi } from 'vitest';
import { lastContiguousSeq, mergeMessages, resyncRoom, type TimelineMessage } from './timeline';

const m = (seq: number, extra: Partial<TimelineMessage> = {}): TimelineMessage => ({
  id: `m${seq}`,
  roomId: 'r',
  seq,
  clientMsgId: `c${seq}`,
  body: `body ${seq}`,
  editedAt: null,
  deletedAt: null,
  ...extra,
});

describe('mergeMessages', () => {
  it('orders by seq and keeps each seq once, however often it arrives', () => {
    const merged = mergeMessages([m(1), m(3)], [m(2), m(3), m(1), m(4)]);
    expect(merged.map((x) => x.seq)).toEqual([1, 2, 3, 4]);
  });

  it('replaces a message with its later version (edit, deletion) and never with an older one', () => {
    const edited = m(2, { body: 'edited', editedAt: '2026-01-01T10:00:00Z' });
    const deleted = m(2, { body: null, deletedAt: '2026-01-01T11:00:00Z' });
    expect(mergeMessages([m(1), m(2)], [edited])[1].body).toBe('edited');
    expect(mergeMessages([m(1), deleted], [edited])[1].body).toBeNull();
  });

  it('returns the same array when nothing is new, so the screen does not re-render', () => {
    const existing = [m(1, { editedAt: '2026-01-01T10:00:00Z' })];
    expect(mergeMessages(existing, [])).toBe(existing);
    expect(mergeMessages(existing, [m(1)])).toBe(existing);
  });
});

describe('lastContiguousSeq', () => {
  it('is where a resync starts: the end of the run without gaps', () => {
    expect(lastContiguousSeq([])).toBe(0);
    expect(lastContiguousSeq([m(5), m(6), m(7)])).toBe(7);
    expect(lastContiguousSeq([m(5), m(6), m(9)])).toBe(6);
  });
});

describe('resyncRoom', () => {
  it('asks for everything after the last seq, page by page, until the server has no more', async () => {
    const sync = vi
      .fn()
      .mockResolvedValueOnce({ messages: [m(11), m(12)], hasMore: true })
      .mockResolvedValueOnce({ messages: [m(13)], hasMore: false });
    const missed = await resyncRoom(10, sync);
    expect(sync.mock.calls.map((c) => c[0])).toEqual([10, 12]);
    expect(missed.map((x) => x.seq)).toEqual([11, 12, 13]);
  });

  it('stops on an empty page even if the server says there is more', async () => {
    const sync = vi.fn().mockResolvedValue({ messages: [], hasMore: true });
    expect(await resyncRoom(3, sync)).toEqual([]);
    expect(sync).toHaveBeenCalledTimes(1);
  });
});
