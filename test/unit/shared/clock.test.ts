import { describe, expect, it, vi } from 'vitest'
import { ManualClock, systemClock } from '../../../src/shared/clock'

describe('ManualClock', () => {
  it('fires due timers in time order as it advances, including ones scheduled on the way', () => {
    const clock = new ManualClock(1_000)
    const fired: Array<[string, number]> = []
    clock.setTimeout(() => fired.push(['b', clock.now()]), 200)
    clock.setTimeout(() => {
      fired.push(['a', clock.now()])
      clock.setTimeout(() => fired.push(['c', clock.now()]), 50)
    }, 100)
    clock.setTimeout(() => fired.push(['late', clock.now()]), 1_000)
    clock.advance(300)
    expect(fired).toEqual([
      ['a', 1_100],
      ['c', 1_150],
      ['b', 1_200],
    ])
    expect(clock.now()).toBe(1_300)
    expect(clock.pendingTimers).toBe(1)
  })

  it('does not fire a cancelled timer and refuses to go back in time', () => {
    const clock = new ManualClock(0)
    let fired = false
    clock.setTimeout(() => (fired = true), 10).cancel()
    clock.advance(20)
    expect(fired).toBe(false)
    expect(() => clock.advanceTo(5)).toThrow(/cannot go back/)
  })
})

describe('ManualClock.sleep', () => {
  it('passes time without firing timers; they fire late, once, on waking', () => {
    const clock = new ManualClock(0)
    const fired: number[] = []
    clock.setTimeout(() => fired.push(clock.now()), 100)
    clock.sleep(1_000)
    expect(fired).toEqual([])
    clock.advance(0)
    expect(fired).toEqual([1_000])
    expect(clock.now()).toBe(1_000)
  })
})

describe('systemClock', () => {
  it('runs a timer and can cancel one', async () => {
    let cancelledFired = false
    systemClock.setTimeout(() => (cancelledFired = true), 0).cancel()
    await new Promise<void>((resolve) => systemClock.setTimeout(resolve, 1))
    expect(cancelledFired).toBe(false)
    expect(Math.abs(systemClock.now() - Date.now())).toBeLessThan(1_000)
  })

  it('waits the whole of a delay longer than a platform timer holds, instead of firing at once', () => {
    vi.useFakeTimers()
    try {
      const thirtyDays = 30 * 24 * 60 * 60 * 1000
      let fired = 0
      const timer = systemClock.setTimeout(() => fired++, thirtyDays)
      vi.advanceTimersByTime(thirtyDays - 1)
      expect(fired).toBe(0)
      vi.advanceTimersByTime(1)
      expect(fired).toBe(1)
      const cancelled = systemClock.setTimeout(() => fired++, thirtyDays)
      vi.advanceTimersByTime(thirtyDays / 2)
      cancelled.cancel()
      vi.advanceTimersByTime(thirtyDays)
      expect(fired).toBe(1)
      timer.cancel()
    } finally {
      vi.useRealTimers()
    }
  })
})
