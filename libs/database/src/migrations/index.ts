import { Foundation1764300000000 } from './1764300000000-foundation';

/** Every migration, in order. Listed explicitly so the same list works compiled and under ts-jest. */
export const migrations = [Foundation1764300000000];
