/** Token buckets per expert: bursts are fine, a flood is refused, however many connections carry it. */
import { steadyNow, type Clock } from '../../src/shared/clock'

/** How many messages an expert may send at once, and how fast that allowance refills. */
export interface RateLimit {
  readonly burst: number
  readonly perSecond: number
}

/** Generous for a person clicking, tight for a runaway loop. */
export const defaultRateLimit: RateLimit = { burst: 40, perSecond: 20 }

/** One allowance: takes refill on the steady clock up to the burst. */
export class TokenBucket {
  private tokens: number
  private refilledAt: number

  constructor(
    private readonly limit: RateLimit,
    private readonly clock: Clock,
  ) {
    this.tokens = limit.burst
    this.refilledAt = steadyNow(clock)
  }

  /** Whether the bucket has refilled to its burst: one made afresh would be the same. */
  get full(): boolean {
    const since = Math.max(0, steadyNow(this.clock) - this.refilledAt)
    return this.tokens + (since / 1000) * this.limit.perSecond >= this.limit.burst
  }

  /** Take `cost` tokens (one unless given); false, taking none, when the connection must wait. */
  take(cost = 1): boolean {
    // Time since the last refill on the steady clock: a wall clock set back an hour would
    // otherwise take an hour of allowance from every connection.
    const now = steadyNow(this.clock)
    this.tokens = Math.min(
      this.limit.burst,
      this.tokens + (Math.max(0, now - this.refilledAt) / 1000) * this.limit.perSecond,
    )
    this.refilledAt = now
    if (this.tokens < cost) return false
    this.tokens -= cost
    return true
  }
}

/**
 * One bucket per expert, shared by every socket they open and every replay they ask over HTTP:
 * a bucket per connection alone starts full again on each reconnect, so a client that reconnects
 * (or opens many sockets at once) would never be limited. Bounded: only a signed-in expert gets
 * one, and a bucket that has refilled is let go (one made afresh is the same), swept each time the
 * count doubles, so every expert who ever sent a message does not keep one for the process's life.
 */
export class ExpertRateLimits {
  private readonly buckets = new Map<string, TokenBucket>()
  private sweptAt = 1

  constructor(
    /** Each expert's allowance; each connection's bound on what it sends is set from it too. */
    readonly limit: RateLimit,
    private readonly clock: Clock,
  ) {}

  /** Take one token from `expertId`'s bucket; false when the expert must wait. */
  take(expertId: string): boolean {
    let bucket = this.buckets.get(expertId)
    if (bucket === undefined) {
      this.buckets.set(expertId, (bucket = new TokenBucket(this.limit, this.clock)))
      if (this.buckets.size >= 2 * this.sweptAt) {
        for (const [id, kept] of this.buckets) if (kept.full && id !== expertId) this.buckets.delete(id)
        this.sweptAt = this.buckets.size
      }
    }
    return bucket.take()
  }

  /** How many experts' buckets are held. */
  get size(): number {
    return this.buckets.size
  }

  /** How long to wait before one more token is there, for a Retry-After. */
  get retryAfterMs(): number {
    return Math.ceil(1000 / this.limit.perSecond)
  }
}
