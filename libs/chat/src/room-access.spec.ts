import { ErrorCode } from '@hearth/common';
import { roomAccessError } from './room-access';

describe('room access rules', () => {
  const open = { readOnly: false };
  const archived = { readOnly: true };

  it('a room that does not exist, or that the caller is not in, is NOT_FOUND for reading and posting alike', () => {
    for (const p of ['read', 'post'] as const) {
      expect(roomAccessError(null, false, p)?.code).toBe(ErrorCode.NOT_FOUND);
      expect(roomAccessError(open, false, p)?.code).toBe(ErrorCode.NOT_FOUND);
      expect(roomAccessError(archived, false, p)?.code).toBe(ErrorCode.NOT_FOUND);
    }
  });

  it('members read every room they are in, read-only ones included', () => {
    expect(roomAccessError(open, true, 'read')).toBeNull();
    expect(roomAccessError(archived, true, 'read')).toBeNull();
  });

  it('members post only where the room is not read-only', () => {
    expect(roomAccessError(open, true, 'post')).toBeNull();
    expect(roomAccessError(archived, true, 'post')?.code).toBe(ErrorCode.ROOM_READ_ONLY);
  });
});
