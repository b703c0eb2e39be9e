import { describe, expect, it, vi } from 'vitest'
import { createPowerHook } from '../../../../../src/main/node/adapters/power-hook'
import { ManualClock } from '../../../../../src/shared/clock'

describe('the Node power hook', () => {
  it('fires suspend and resume to their own listeners, at once', () => {
    const power = createPowerHook()
    const suspended = vi.fn()
    const resumed = vi.fn()
    power.onSuspend(suspended)
    power.onResume(resumed)
    power.suspend()
    expect(suspended).toHaveBeenCalledOnce()
    expect(resumed).not.toHaveBeenCalled()
    power.resume()
    expect(resumed).toHaveBeenCalledOnce()
  })

  it('fires a network change to its own listeners', () => {
    const power = createPowerHook()
    const changed = vi.fn()
    const resumed = vi.fn()
    power.onNetworkChange(changed)
    power.onResume(resumed)
    power.networkChanged()
    expect(changed).toHaveBeenCalledOnce()
    expect(resumed).not.toHaveBeenCalled()
  })

  it('stops a listener on unsubscribe (safe twice), leaving other subscriptions of it alone', () => {
    const power = createPowerHook()
    const listener = vi.fn()
    const first = power.onResume(listener)
    power.onResume(listener)
    first()
    first()
    power.resume()
    expect(listener).toHaveBeenCalledOnce()
  })

  it('fires lock and unlock to their own listeners', () => {
    const power = createPowerHook()
    const locked = vi.fn()
    const unlocked = vi.fn()
    power.onLock(locked)
    power.onUnlock(unlocked)
    power.lock()
    expect(locked).toHaveBeenCalledOnce()
    expect(unlocked).not.toHaveBeenCalled()
    power.unlock()
    expect(unlocked).toHaveBeenCalledOnce()
  })

  it('counts idle time on its clock from the last input, and has none without a clock', () => {
    const clock = new ManualClock(0)
    const power = createPowerHook({ clock })
    clock.advance(90_500)
    expect(power.systemIdleSeconds()).toBe(90)
    power.input()
    clock.advance(1_000)
    expect(power.systemIdleSeconds()).toBe(1)
    expect(createPowerHook().systemIdleSeconds()).toBeNull()
  })

  it('counts idle time by the time that passed, as the system does, not by its clock being set', () => {
    const clock = new ManualClock(0)
    const power = createPowerHook({ clock })
    clock.advance(5_000)
    clock.step(24 * 60 * 60_000)
    expect(power.systemIdleSeconds()).toBe(5)
    clock.step(-2 * 24 * 60 * 60_000)
    clock.advance(1_000)
    expect(power.systemIdleSeconds()).toBe(6)
  })
})
