/** A token bucket: `ratePerSecond` refill, at most `burst` in reserve. Time is passed in for tests. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    now = Date.now(),
  ) {
    this.tokens = burst;
    this.last = now;
  }

  take(now = Date.now()): boolean {
    this.refill(now);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Gives one token back (never beyond `burst`). */
  give(now = Date.now()): void {
    this.refill(now);
    this.tokens = Math.min(this.burst, this.tokens + 1);
  }

  /** Whether `take` would succeed now, without taking. */
  hasToken(now = Date.now()): boolean {
    this.refill(now);
    return this.tokens >= 1;
  }

  /** Refilled to the brim: forgetting this bucket would change nothing. */
  isFull(now = Date.now()): boolean {
    this.refill(now);
    return this.tokens >= this.burst;
  }

  private refill(now: number): void {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
    this.last = now;
  }
}
