import { Foundation1764300000000 } from './1764300000000-foundation';
import { Chat1764300001000 } from './1764300001000-chat';
import { Groups1764300002000 } from './1764300002000-groups';
import { Audit1764400000000 } from './1764400000000-audit';
import { Moderation1764500000000 } from './1764500000000-moderation';
import { Recovery1764600000000 } from './1764600000000-recovery';

/** Every migration, in order. Listed explicitly so the same list works compiled and under ts-jest. */
export const migrations = [Foundation1764300000000, Chat1764300001000, Groups1764300002000, Audit1764400000000, Moderation1764500000000, Recovery1764600000000];
