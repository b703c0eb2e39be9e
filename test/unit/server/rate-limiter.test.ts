import { describe, expect, it } from 'vitest'
import { ManualClock } from '../../../src/shared/clock'
import { ExpertRateLimits, TokenBucket } from '../../../server/src/rate-limiter'

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

describe('ExpertRateLimits', () => {
  it('lets go of the buckets of experts whose allowance has refilled, so the count stays bounded', () => {
    const clock = new ManualClock(0)
    const limits = new ExpertRateLimits({ burst: 40, perSecond: 20 }, clock)
    for (let i = 0; i < 1_000; i++) limits.take(`exp_${i}`)
    clock.advance(60_000)
    for (let i = 0; i < 1_000; i++) limits.take(`new_${i}`)
    expect(limits.size).toBeLessThan(1_100)
  })

  it('keeps a bucket still spent, however many others come and go', () => {
    const limits = new ExpertRateLimits({ burst: 40, perSecond: 20 }, new ManualClock(0))
    while (limits.take('exp_flood'));
    for (let i = 0; i < 1_000; i++) limits.take(`exp_${i}`)
    expect(limits.take('exp_flood')).toBe(false)
  })
})
