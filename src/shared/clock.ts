/**
 * Time as a dependency. Every time-based rule (expiry, auto-cancel, reminders, backoff) reads the
 * clock it was given, so tests drive a ManualClock instead of waiting.
 */

/** A scheduled callback that can be cancelled. */
export interface TimerHandle {
  cancel(): void
}

/** The current time and one-shot timers. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number
  /** Run `callback` once, `delayMs` from now. */
  setTimeout(callback: () => void, delayMs: number): TimerHandle
  /**
   * Milliseconds on a clock that is never stepped (it may stop while the machine sleeps): what
   * measures round trips and notices the wall clock being set. Without one, `now()` stands in.
   */
  monotonic?(): number
  /**
   * Run `callback` once what arrived while the process ran nothing has been read: a frozen or
   * blocked process fires its overdue timers before it reads its sockets, so a verdict of no
   * answer waits for this. Without one, the callback runs as a timer due now.
   */
  afterPendingInput?(callback: () => void): TimerHandle
}

/**
 * Run `callback` after the input already waiting is read, on a clock that can tell (see
 * Clock.afterPendingInput); as a timer due now on one that cannot.
 */
export function afterPendingInput(clock: Clock, callback: () => void): TimerHandle {
  return clock.afterPendingInput?.(callback) ?? clock.setTimeout(callback, 0)
}

/**
 * A reading to measure how long something took or how long to wait: the monotonic clock where
 * there is one, so setting the wall clock (by hand, or NTP) stretches or cuts no duration.
 */
export function steadyNow(clock: Clock): number {
  return clock.monotonic?.() ?? clock.now()
}

/**
 * The longest delay one host timer holds: Node and browsers keep it in 32 bits and fire a longer
 * one at once, so a far deadline (an invite open for a month) would wake its watcher every
 * millisecond instead of once.
 */
const LONGEST_HOST_TIMER_MS = 2 ** 31 - 1

/**
 * The real clock. Timers are unref'd so a pending one never keeps a process alive by itself, and
 * a delay past the host's longest is waited out in parts.
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => globalThis.performance.now(),
  setTimeout(callback, delayMs) {
    let timer: ReturnType<typeof globalThis.setTimeout>
    const arm = (left: number): void => {
      const further = left > LONGEST_HOST_TIMER_MS
      timer = globalThis.setTimeout(
        further ? () => arm(left - LONGEST_HOST_TIMER_MS) : callback,
        further ? LONGEST_HOST_TIMER_MS : Math.max(0, left),
      )
      ;(timer as { unref?: () => void }).unref?.()
    }
    arm(delayMs)
    return { cancel: () => globalThis.clearTimeout(timer) }
  },
  afterPendingInput(callback) {
    // Node runs immediates right after it reads its sockets; a page has none and reads its input
    // between tasks, so a task queued now comes after it.
    if (typeof globalThis.setImmediate === 'function') {
      const immediate = globalThis.setImmediate(callback)
      return { cancel: () => globalThis.clearImmediate(immediate) }
    }
    const timer = globalThis.setTimeout(callback, 0)
    return { cancel: () => globalThis.clearTimeout(timer) }
  },
}

interface PendingTimer {
  readonly seq: number
  /** Moved by `step`, so a cancel (which finds the timer by identity) still finds it. */
  at: number
  readonly callback: () => void
}

/** A clock that moves only when told to; due timers fire in time order as it advances. */
export class ManualClock implements Clock {
  private current: number
  /** Moves with `advance` only: `sleep` and `step` leave it, as a stopped or unstepped clock would. */
  private mono = 0
  private timers: PendingTimer[] = []
  private nextSeq = 0

  constructor(start: number) {
    this.current = start
  }

  now(): number {
    return this.current
  }

  monotonic(): number {
    return this.mono
  }

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    const timer: PendingTimer = { seq: this.nextSeq++, at: this.current + Math.max(0, delayMs), callback }
    this.timers.push(timer)
    return { cancel: () => (this.timers = this.timers.filter((t) => t !== timer)) }
  }

  /** Move time forward by `ms`, firing every timer that falls due on the way, in order. */
  advance(ms: number): void {
    this.advanceTo(this.current + ms)
  }

  /** Move time forward to `target`, firing every timer that falls due on the way, in order. */
  advanceTo(target: number): void {
    if (target < this.current) throw new Error(`ManualClock cannot go back from ${this.current} to ${target}`)
    for (;;) {
      const due = this.timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.seq - b.seq)[0]
      if (due === undefined) break
      this.timers = this.timers.filter((t) => t !== due)
      // A timer left overdue by `sleep` fires late, at the current time, as after a real wake.
      this.mono += Math.max(0, due.at - this.current)
      this.current = Math.max(this.current, due.at)
      due.callback()
    }
    this.mono += target - this.current
    this.current = target
  }

  /**
   * Move time forward by `ms` without firing anything, as a sleeping machine does; overdue timers
   * fire late on the next `advance` (use `advance(0)` to wake).
   */
  sleep(ms: number): void {
    this.current += ms
  }

  /**
   * Move time forward by `ms` without firing anything, as a thread busy with one long task does:
   * both clocks move, and the timers due meanwhile fire late on the next `advance`.
   */
  busy(ms: number): void {
    this.current += ms
    this.mono += ms
  }

  /**
   * Set the wall clock by `ms` (either way), as the expert or NTP setting the clock does: the
   * monotonic clock does not move, and timers still fire after the delay they were given, as real
   * ones (which count on a monotonic clock) do.
   */
  step(ms: number): void {
    this.current += ms
    for (const timer of this.timers) timer.at += ms
  }

  /** How many timers are waiting. */
  get pendingTimers(): number {
    return this.timers.length
  }
}
