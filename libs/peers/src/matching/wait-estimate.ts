/**
 * Honest wait estimates: the median of how long matching requests recently waited
 * before this peer (or, with too few of theirs, any peer) accepted them, plus
 * the time until the peer's next availability window when they are not available
 * now. With too little history the answer is null ("no estimate yet"), never a guess.
 */
export const MIN_SAMPLES = 3;

export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function waitEstimateMinutes(input: {
  /** Minutes this peer's recent acceptances took. */
  peerSamples: readonly number[];
  /** Minutes any matching peer's recent acceptances took. */
  poolSamples: readonly number[];
  /** 0 when available now; minutes until the next window; null with no availability set. */
  minutesUntilAvailable: number | null;
}): number | null {
  const base = input.peerSamples.length >= MIN_SAMPLES ? median(input.peerSamples) : input.poolSamples.length >= MIN_SAMPLES ? median(input.poolSamples) : null;
  if (base === null) return null;
  const until = input.minutesUntilAvailable ?? 0;
  return Math.max(1, Math.round(base + until));
}
