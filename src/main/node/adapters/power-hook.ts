/**
 * Power events in plain Node: there is no OS hook, so tests and the browser shell's test hook
 * play the machine going to sleep, waking up, locking and unlocking by calling `suspend()`,
 * `resume()`, `lock()` and `unlock()`, and a network watch (or a test) reports a network change
 * by calling `networkChanged()`. Idle time needs a clock: given one, the machine counts as idle
 * since the last `input()`; without one (the browser shell, which cannot see the machine's
 * input) idle time is unknown, so auto-away follows only the lock and unlock a test plays.
 */
import { steadyNow, type Clock } from '../../../shared/clock'
import type { Power } from '../../core/ports/power'
import { Listeners } from '../../../shared/listeners'

/** A Power whose events are fired by hand. */
export interface PowerHook extends Power {
  /** Tells every onSuspend listener that the machine is going to sleep. */
  suspend(): void
  /** Tells every onResume listener that the machine woke up. */
  resume(): void
  /** Tells every onNetworkChange listener that the network changed. */
  networkChanged(): void
  /** Tells every onLock listener that the screen was locked. */
  lock(): void
  /** Tells every onUnlock listener that the screen was unlocked. */
  unlock(): void
  /** The screen locks (true) or unlocks (false) and its event is lost: only `screenLocked` says so. */
  lockUnreported(locked: boolean): void
  /** Plays keyboard or mouse input now: the idle time starts again from zero. */
  input(): void
}

/** Power events fired by hand, synchronously and in subscription order; idle time on `clock`. */
export function createPowerHook(options: { readonly clock?: Clock } = {}): PowerHook {
  const { clock } = options
  const suspended = new Listeners<void>()
  const resumed = new Listeners<void>()
  const networkChanged = new Listeners<void>()
  const locked = new Listeners<void>()
  const unlocked = new Listeners<void>()
  // Idle time is time that passed: setting the computer's clock moves no one's last input.
  const steady = (): number => (clock === undefined ? 0 : steadyNow(clock))
  let lastInputAt = steady()
  let screenLocked = false
  return {
    onSuspend: (listener) => suspended.add(listener),
    onResume: (listener) => resumed.add(listener),
    onNetworkChange: (listener) => networkChanged.add(listener),
    onLock: (listener) => locked.add(listener),
    onUnlock: (listener) => unlocked.add(listener),
    systemIdleSeconds: () =>
      clock === undefined ? null : Math.max(0, Math.floor((steady() - lastInputAt) / 1000)),
    suspend: () => suspended.emit(),
    resume: () => resumed.emit(),
    networkChanged: () => networkChanged.emit(),
    screenLocked: () => screenLocked,
    lock: () => {
      screenLocked = true
      locked.emit()
    },
    unlock: () => {
      screenLocked = false
      unlocked.emit()
    },
    lockUnreported: (nowLocked) => {
      screenLocked = nowLocked
    },
    input: () => {
      lastInputAt = steady()
    },
  }
}
