import type { ValueTransformer } from 'typeorm';

/** PostgreSQL bigint arrives as a string; seqs and counters stay far below 2^53, so numbers are safe. */
export const bigintToNumber: ValueTransformer = {
  to: (v: number | undefined) => v,
  from: (v: string | null) => (v === null ? null : Number(v)),
};
