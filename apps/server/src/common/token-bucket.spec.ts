import { describe, expect, it } from 'vitest';
import { TokenBucket } from './token-bucket.js';

describe('TokenBucket', () => {
  it('allows a burst, then refills at its rate', () => {
    const bucket = new TokenBucket(20, 40, 0);
    const burst = Array.from({ length: 50 }, () => bucket.take(0));
    expect(burst.filter(Boolean)).toHaveLength(40);
    expect(bucket.take(49)).toBe(false); // 49 ms: under one token
    expect(bucket.take(50)).toBe(true); // 50 ms at 20/s: one token
    expect(bucket.take(50)).toBe(false);
    expect(Array.from({ length: 50 }, () => bucket.take(10_000)).filter(Boolean)).toHaveLength(40);
  });
});
