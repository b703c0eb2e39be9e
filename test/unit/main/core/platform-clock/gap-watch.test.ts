import { describe, expect, it } from 'vitest'
import { GAP_MS, GAP_TICK_MS, GapWatch } from '../../../../../src/main/core/platform-clock/gap-watch'
import { createPowerHook } from '../../../../../src/main/node/adapters/power-hook'
import { ManualClock, type Clock } from '../../../../../src/shared/clock'
import { recordingLog } from '../../../../support/recording-log'

/** A clock whose timers fire when the test says, at the readings the test sets, as a busy machine's do. */
function lateClock() {
  let wall = 1_000_000
  let mono = 0
  let due: (() => void) | undefined
  const clock: Clock = {
    now: () => wall,
    monotonic: () => mono,
    setTimeout: (callback) => {
      due = callback
      return { cancel: () => (due = undefined) }
    },
  }
  /** The pending tick fires `lateMs` after its delay, on both clocks. */
  const fireLate = (lateMs: number): void => {
    wall += GAP_TICK_MS + lateMs
    mono += GAP_TICK_MS + lateMs
    due?.()
  }
  return { clock, fireLate }
}

function watch(clock: Clock) {
  const power = createPowerHook()
  const watcher = new GapWatch(power, clock, recordingLog())
  let wakes = 0
  const off = watcher.onResume(() => wakes++)
  let ticks = 0
  watcher.ticked.add(() => ticks++)
  return { power, off, wakes: () => wakes, ticks: () => ticks }
}

describe('GapWatch', () => {
  it('takes no wake from timers late on a loaded machine', () => {
    const { clock, fireLate } = lateClock()
    const { wakes } = watch(clock)
    for (let i = 0; i < 20; i++) fireLate(GAP_MS - 1)
    expect(wakes()).toBe(0)
  })

  it('takes a wake from a tick far later than asked on the monotonic clock too', () => {
    const { clock, fireLate } = lateClock()
    const { wakes } = watch(clock)
    fireLate(GAP_MS + 1)
    expect(wakes()).toBe(1)
  })

  it('takes a wake from a sleep the system never reported, and none from the clock set forward', () => {
    const clock = new ManualClock(1_000_000)
    const { wakes } = watch(clock)
    clock.step(GAP_MS * 10)
    clock.advance(GAP_TICK_MS * 3)
    expect(wakes()).toBe(0)
    clock.sleep(GAP_MS * 10)
    clock.advance(0)
    expect(wakes()).toBe(1)
  })

  it('passes on the system’s own wake once, not again when its tick comes', () => {
    const clock = new ManualClock(1_000_000)
    const { power, wakes } = watch(clock)
    clock.sleep(GAP_MS * 10)
    power.resume()
    clock.advance(GAP_TICK_MS)
    expect(wakes()).toBe(1)
  })

  it('tells each tick that found no sleep, so a setting of the clock is read before a sleep can hide it', () => {
    const clock = new ManualClock(1_000_000)
    const { ticks, wakes } = watch(clock)
    clock.step(GAP_MS * 10)
    clock.advance(GAP_TICK_MS * 3)
    expect(ticks()).toBe(3)
    clock.sleep(GAP_MS * 10)
    clock.advance(0)
    expect({ ticks: ticks(), wakes: wakes() }).toEqual({ ticks: 3, wakes: 1 })
  })

  it('stops ticking once nobody listens', () => {
    const clock = new ManualClock(1_000_000)
    const { off } = watch(clock)
    expect(clock.pendingTimers).toBe(1)
    off()
    expect(clock.pendingTimers).toBe(0)
  })
})
