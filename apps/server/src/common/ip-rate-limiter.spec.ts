import { describe, expect, it } from 'vitest';
import { IpRateLimiter } from './ip-rate-limiter.js';

describe('IpRateLimiter', () => {
  it('gives each address its own bucket', () => {
    const limiter = new IpRateLimiter(60, 2);
    expect([limiter.take('a', 0), limiter.take('a', 0), limiter.take('a', 0)]).toEqual([true, true, false]);
    expect(limiter.isExhausted('a', 0)).toBe(true);
    expect(limiter.isExhausted('b', 0)).toBe(false);
    expect(limiter.take('b', 0)).toBe(true);
    expect(limiter.take('a', 999)).toBe(false);
    expect(limiter.take('a', 1000)).toBe(true); // 60 a minute: one a second
    expect(limiter.retryAfterSeconds).toBe(1);
  });

  it('stays bounded: refilled buckets go first, then the oldest', () => {
    const limiter = new IpRateLimiter(60, 1, 3);
    for (const ip of ['a', 'b', 'c']) limiter.take(ip, 0);
    limiter.take('d', 0); // nothing refilled yet: the oldest (a) goes
    expect(limiter.size).toBe(3);
    expect(limiter.take('a', 0)).toBe(true); // forgotten, so a fresh bucket (b goes)
    limiter.take('e', 5000); // by now every bucket has refilled: all are forgotten
    expect(limiter.size).toBe(1);
    expect(limiter.take('c', 5000)).toBe(true);
  });
});
