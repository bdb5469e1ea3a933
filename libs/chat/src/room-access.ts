import type { AppError } from '@hearth/common';
import { chatErrors } from './chat.errors';
import type { RoomKind } from './entities/room.entity';

/** What a caller wants to do in a room: read it (history, sync, join its channel, react) or post in it (send, edit). */
export type RoomPermission = 'read' | 'post';

/** A room as access decisions see it. */
export interface RoomContext {
  id: string;
  kind: RoomKind;
  groupId: string | null;
  lastSeq: number;
  readOnly: boolean;
}

/**
 * The room access rules in one place: null when allowed, else the error to throw.
 * A room the caller is not in is "not found", so its existence does not leak.
 * (The send path applies the same rules as its `membership` and `read-only` send rules, batched.)
 */
export function roomAccessError(room: Pick<RoomContext, 'readOnly'> | null, member: boolean, permission: RoomPermission): AppError | null {
  if (!room || !member) return chatErrors.roomNotFound();
  switch (permission) {
    case 'read':
      return null;
    case 'post':
      return room.readOnly ? chatErrors.readOnly() : null;
    default:
      return assertUnreachable(permission);
  }
}

function assertUnreachable(x: never): never {
  throw new Error(`Unhandled room permission: ${String(x)}`);
}
