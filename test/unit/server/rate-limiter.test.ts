import { describe, expect, it } from 'vitest'
import { ManualClock } from '../../../src/shared/clock'
import { TokenBucket } from '../../../server/src/rate-limiter'

describe('TokenBucket', () => {
  it('allows a burst, refuses beyond it, and refills at the set rate', () => {
    const clock = new ManualClock(0)
    const bucket = new TokenBucket({ burst: 3, perSecond: 2 }, clock)
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false])
    clock.advance(499)
    expect(bucket.take()).toBe(false)
    clock.advance(1)
    expect(bucket.take()).toBe(true)
    clock.advance(60_000)
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false])
  })
})
