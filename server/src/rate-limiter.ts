/** A token bucket per connection: bursts are fine, a flood is refused. */
import { steadyNow, type Clock } from '../../src/shared/clock'

/** How many messages a connection may send at once, and how fast that allowance refills. */
export interface RateLimit {
  readonly burst: number
  readonly perSecond: number
}

/** Generous for a person clicking, tight for a runaway loop. */
export const defaultRateLimit: RateLimit = { burst: 40, perSecond: 20 }

/** One connection's bucket. */
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

  /** Take one token; false when the connection must wait. */
  take(): boolean {
    // Time since the last refill on the steady clock: a wall clock set back an hour would
    // otherwise take an hour of allowance from every connection.
    const now = steadyNow(this.clock)
    this.tokens = Math.min(
      this.limit.burst,
      this.tokens + (Math.max(0, now - this.refilledAt) / 1000) * this.limit.perSecond,
    )
    this.refilledAt = now
    if (this.tokens < 1) return false
    this.tokens -= 1
    return true
  }
}
