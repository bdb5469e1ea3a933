import { AppError, ErrorCode } from '@hearth/common';

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * Per-user token bucket: a burst, then a steady rate. Kept in process memory,
 * so with N instances a user who spreads sockets over all of them gets at most
 * N times the rate; a bucket is tiny and exact, which a library would not improve.
 */
export class SendRateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one token or throws RATE_LIMITED with the wait in `retryAfterMs`. */
  take(key: string): void {
    const t = this.now();
    const b = this.buckets.get(key) ?? { tokens: this.burst, updatedAt: t };
    b.tokens = Math.min(this.burst, b.tokens + ((t - b.updatedAt) / 1000) * this.perSecond);
    b.updatedAt = t;
    if (b.tokens < 1) {
      this.buckets.set(key, b);
      const retryAfterMs = Math.ceil(((1 - b.tokens) / this.perSecond) * 1000);
      throw new AppError(ErrorCode.RATE_LIMITED, `Sending too fast; try again in ${retryAfterMs} ms`, { retryAfterMs }, retryAfterMs / 1000);
    }
    b.tokens -= 1;
    this.buckets.set(key, b);
    if (this.buckets.size > 100_000) this.evictFull(t);
  }

  private evictFull(t: number): void {
    for (const [k, b] of this.buckets) {
      if (b.tokens + ((t - b.updatedAt) / 1000) * this.perSecond >= this.burst) this.buckets.delete(k);
    }
  }
}
