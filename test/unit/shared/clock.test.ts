import { afterEach, describe, expect, it, vi } from 'vitest'
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

describe('ManualClock.busy', () => {
  it('moves both clocks without firing timers; they fire late, each at the time it is read', () => {
    const clock = new ManualClock(0)
    const fired: Array<[number, number]> = []
    clock.setTimeout(() => fired.push([clock.now(), clock.monotonic()]), 100)
    clock.busy(1_000)
    expect(fired).toEqual([])
    clock.advance(0)
    // Unlike a sleep, the monotonic clock ran through the busy time too.
    expect(fired).toEqual([[1_000, 1_000]])
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
})

describe("systemClock, past the host timers' reach", () => {
  afterEach(() => vi.useRealTimers())

  it('fires a timer set further ahead than a host timer holds then, once, instead of at once', () => {
    // The fake timers fire a delay past 32 bits at once, as Node and browsers do.
    vi.useFakeTimers()
    const month = 30 * 24 * 60 * 60_000
    let fired = 0
    systemClock.setTimeout(() => fired++, month)
    vi.advanceTimersByTime(month - 1)
    expect(fired).toBe(0)
    vi.advanceTimersByTime(1)
    expect(fired).toBe(1)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('cancels a far timer in any of its parts', () => {
    vi.useFakeTimers()
    const month = 30 * 24 * 60 * 60_000
    let fired = 0
    const timer = systemClock.setTimeout(() => fired++, month)
    vi.advanceTimersByTime(month / 2)
    timer.cancel()
    vi.advanceTimersByTime(month)
    expect(fired).toBe(0)
    expect(vi.getTimerCount()).toBe(0)
  })
})
