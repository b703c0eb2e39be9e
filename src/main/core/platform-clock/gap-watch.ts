/**
 * Wakes the operating system never reports. A machine that slept without telling (a host that
 * misses the event, a suspended virtual machine, a frozen process) otherwise looks like a wall
 * clock set forward: platform time would fall behind by the sleep until the platform is measured
 * again, reminders would come late, and a dead connection would wait for its silence check. So a
 * light tick compares the clocks, and a gap too large for a loaded machine's timer jitter counts as
 * a wake: every listener of the resume hears it as it hears the operating system's.
 *
 * Two signs, neither of which a clock set by hand or NTP shows (its step moves the wall clock
 * while the tick still fires on time by the monotonic clock):
 * - the tick fires far later than asked on the monotonic clock too: nothing ran meanwhile;
 * - the tick came due on a clock that ran on while the monotonic one stood, before its delay had
 *   passed on the monotonic clock, and the wall clock moved ahead of the monotonic one by a gap.
 *
 * What it cannot see: on Linux and macOS, Node's timers and its monotonic clock both stop while
 * the machine itself sleeps, so a sleep the system never reports looks there exactly like a clock
 * set forward by hand. What it catches is a frozen process or virtual machine, whose monotonic
 * clock runs on, and systems whose monotonic clock counts the sleep.
 */
import { steadyNow, type Clock, type TimerHandle } from '../../../shared/clock'
import { Listeners, type Unsubscribe } from '../../../shared/listeners'
import type { Logger } from '../ports/logger'
import type { Power } from '../ports/power'

/** How often the clocks are compared. */
export const GAP_TICK_MS = 10_000
/** A lapse shorter than this is timer jitter on a busy machine, or a step left to the clock offset. */
export const GAP_MS = 30_000
/** Timers may fire a little early by rounding: a tick this close to its delay is on time. */
const EARLY_SLACK_MS = 1_000

interface Reading {
  readonly wall: number
  readonly mono: number
}

/** The Power port, whose resumes also come from gaps the clocks show. */
export class GapWatch implements Power {
  private readonly resumes: Listeners<void>
  private listening = 0
  private offInner: Unsubscribe | undefined
  private timer: TimerHandle | undefined
  private last: Reading | undefined
  /**
   * Each tick that found no sleep: a moment for a clock kept against the wall clock to look for a
   * setting of it, which a sleep right after would otherwise hide inside the wake's own reading.
   */
  readonly ticked: Listeners<void>

  constructor(
    private readonly inner: Power,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {
    this.resumes = new Listeners((error) => log.error('A resume listener failed', error))
    this.ticked = new Listeners((error) => log.error('A clock tick listener failed', error))
  }

  /** The operating system's resumes and the unreported ones; the tick runs while anyone listens. */
  onResume(listener: () => void): Unsubscribe {
    const off = this.resumes.add(listener)
    if (this.listening++ === 0) {
      this.offInner = this.inner.onResume(() => this.woke())
      this.arm()
    }
    let done = false
    return () => {
      if (done) return
      done = true
      off()
      if (--this.listening > 0) return
      this.offInner?.()
      this.timer?.cancel()
      this.timer = undefined
    }
  }

  onSuspend(listener: () => void): Unsubscribe {
    return this.inner.onSuspend(listener)
  }

  onNetworkChange(listener: () => void): Unsubscribe {
    return this.inner.onNetworkChange(listener)
  }

  onLock(listener: () => void): Unsubscribe {
    return this.inner.onLock(listener)
  }

  onUnlock(listener: () => void): Unsubscribe {
    return this.inner.onUnlock(listener)
  }

  systemIdleSeconds(): number | null {
    return this.inner.systemIdleSeconds()
  }

  screenLocked(): boolean | null {
    return this.inner.screenLocked()
  }

  /** A wake, reported or found: tell everyone, and measure the next tick from now. */
  private woke(): void {
    this.arm()
    this.resumes.emit()
  }

  private reading(): Reading {
    return { wall: this.clock.now(), mono: steadyNow(this.clock) }
  }

  private arm(): void {
    this.timer?.cancel()
    this.last = this.reading()
    this.timer = this.clock.setTimeout(() => this.tick(), GAP_TICK_MS)
  }

  private tick(): void {
    const before = this.last
    const now = this.reading()
    if (before === undefined || !isGap(before, now)) {
      this.arm()
      this.ticked.emit()
      return
    }
    this.log.info('The clocks show a sleep the system did not report: treated as a wake')
    this.woke()
  }
}

/** Whether a tick armed at `before` and fired at `now` went through a sleep. */
function isGap(before: Reading, now: Reading): boolean {
  const monoMs = now.mono - before.mono
  const wallMs = now.wall - before.wall
  if (monoMs > GAP_TICK_MS + GAP_MS) return true
  return monoMs < GAP_TICK_MS - EARLY_SLACK_MS && wallMs - monoMs > GAP_MS
}
