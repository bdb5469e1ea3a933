import { AppError } from '@hearth/common';
import { SendRateLimiter } from './send-rate-limiter';

describe('SendRateLimiter', () => {
  it('allows a burst, then refuses with the time to wait, then refills at the steady rate', () => {
    let now = 1_000_000;
    const limiter = new SendRateLimiter(10, 1, () => now);
    for (let i = 0; i < 10; i++) limiter.take('u');
    let err: AppError | undefined;
    try {
      limiter.take('u');
    } catch (e) {
      err = e as AppError;
    }
    expect(err?.code).toBe('RATE_LIMITED');
    expect(err?.details).toEqual({ retryAfterMs: 1000 });
    now += 1000;
    expect(() => limiter.take('u')).not.toThrow();
    expect(() => limiter.take('u')).toThrow();
  });

  it('keeps users apart', () => {
    const limiter = new SendRateLimiter(1, 1, () => 0);
    limiter.take('a');
    expect(() => limiter.take('b')).not.toThrow();
    expect(() => limiter.take('a')).toThrow();
  });
});
