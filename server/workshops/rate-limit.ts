// A token bucket per client address, in memory: `capacity` attempts at once, refilled at a
// steady rate. Used for the attempts that could guess a join code (see docs/security.md); the
// key is the client's (server/http/client-address.ts: an address, or an IPv6 /64).
export interface RateLimit {
  /** Attempts available at once (and after a quiet spell). */
  capacity: number;
  /** Time for one attempt to come back. */
  refillMs: number;
  /**
   * Most addresses tracked at once. A full bucket is the same as none, so those are dropped
   * first; past that the oldest go, which bounds memory against many addresses.
   */
  maxKeys: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until `key` may make an attempt: 0 when it may now. */
  waitMs(key: string): number {
    const { tokens } = this.current(key);
    return tokens >= 1 ? 0 : Math.ceil((1 - tokens) * this.limit.refillMs);
  }

  /** Counts one attempt of `key`; false when it had none left (and nothing is counted). */
  take(key: string): boolean {
    const bucket = this.current(key);
    if (bucket.tokens < 1) return false;
    this.buckets.delete(key); // re-inserted last: the map stays ordered oldest first
    this.buckets.set(key, { tokens: bucket.tokens - 1, at: bucket.at });
    this.bound();
    return true;
  }

  /** Addresses tracked now (tests, metrics). */
  get size(): number {
    return this.buckets.size;
  }

  private current(key: string): Bucket {
    const now = this.now();
    const bucket = this.buckets.get(key);
    if (!bucket) return { tokens: this.limit.capacity, at: now };
    const refilled = bucket.tokens + (now - bucket.at) / this.limit.refillMs;
    return { tokens: Math.min(this.limit.capacity, refilled), at: now };
  }

  /** Past maxKeys, down to 90% of it: one sweep pays for many attempts after it. */
  private bound(): void {
    if (this.buckets.size <= this.limit.maxKeys) return;
    const target = Math.floor(this.limit.maxKeys * 0.9);
    for (const key of [...this.buckets.keys()])
      if (this.current(key).tokens >= this.limit.capacity) this.buckets.delete(key);
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= target) break;
      this.buckets.delete(key);
    }
  }
}
