import { TokenBucket } from './token-bucket.js';

/** Beyond this many addresses, buckets that have refilled are forgotten (then the oldest). */
const MAX_TRACKED = 10_000;

/**
 * One token bucket per client address, for the HTTP routes that create something. Bounded: an
 * address whose bucket is full again holds no information, so it is dropped first when memory grows.
 */
export class IpRateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly perMinute: number,
    private readonly burst: number,
    private readonly maxTracked = MAX_TRACKED,
  ) {}

  /** Takes one request's token for `ip`; false when that address must wait. */
  take(ip: string, now = Date.now()): boolean {
    let bucket = this.buckets.get(ip);
    if (!bucket) {
      if (this.buckets.size >= this.maxTracked) this.evict(now);
      bucket = new TokenBucket(this.perMinute / 60, this.burst, now);
      this.buckets.set(ip, bucket);
    }
    return bucket.take(now);
  }

  /** Gives `ip` one token back (a right guess after wrong ones: see http-setup.ts). */
  give(ip: string, now = Date.now()): void {
    this.buckets.get(ip)?.give(now);
  }

  /** Whether `ip` has used up its bucket, without taking from it. */
  isExhausted(ip: string, now = Date.now()): boolean {
    return this.buckets.get(ip)?.hasToken(now) === false;
  }

  /** Whole seconds until the next token: the `Retry-After` of a refused request. */
  get retryAfterSeconds(): number {
    return Math.max(1, Math.ceil(60 / this.perMinute));
  }

  get size(): number {
    return this.buckets.size;
  }

  private evict(now: number): void {
    for (const [ip, bucket] of this.buckets) if (bucket.isFull(now)) this.buckets.delete(ip);
    if (this.buckets.size < this.maxTracked) return;
    const oldest = this.buckets.keys().next();
    if (!oldest.done) this.buckets.delete(oldest.value);
  }
}
