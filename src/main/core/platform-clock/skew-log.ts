/**
 * The log's account of how far this computer's clock is off the platform's. A line at each change
 * of the notice's words read as one a minute when the two clocks keep different paces (a platform
 * clock standing still, or one running slow), for as long as that lasted, and pushed every earlier
 * line out of the capped log. So the notice is logged when it appears and when it goes, and in
 * between only once the offset has moved by half of what was logged last (a clock set anew), or
 * an hour after the last line: a steady drift then writes a few lines a day. An offset that
 * scatters about the notice's threshold makes it appear and go at answer after answer: it comes
 * back into the log by the same rule, so its going is said once, not at each crossing.
 */
import {
  clockSkewNotice,
  SKEW_NOTICE_THRESHOLD_MS,
  type PlatformClockState,
} from '../../../shared/clock-skew'
import type { Logger } from '../ports/logger'

/** How long the notice's words may change without a line: the reminder of a drifting offset. */
export const SKEW_LOGGED_AGAIN_AFTER_MS = 60 * 60 * 1000

/** The line logged when the notice goes. */
const AGREES = "This computer's clock now agrees with the platform's to within a minute."

/** Logs the clock-skew notice's changes, a drift's steps held back (see above). */
export class SkewLog {
  /** The offset the last notice logged named, and when (steady clock); kept once it goes. */
  private logged: { readonly offsetMs: number; readonly at: number } | null = null
  /** Whether the log's last line says the notice stands: an offset about the threshold flaps it. */
  private showing = false

  constructor(
    private readonly log: Pick<Logger, 'warn'>,
    private readonly steadyNow: () => number,
  ) {}

  /** The clock's state went from `before` to `next`. */
  changed(before: PlatformClockState, next: PlatformClockState): void {
    const notice = clockSkewNotice(next)
    if (notice === clockSkewNotice(before)) return
    if (notice === null) {
      if (!this.showing) return
      this.showing = false
      return this.log.warn(AGREES)
    }
    const now = this.steadyNow()
    const last = this.logged
    if (last !== null) {
      const moved = Math.abs(next.offsetMs - last.offsetMs)
      const far = moved >= Math.max(SKEW_NOTICE_THRESHOLD_MS, Math.abs(last.offsetMs) / 2)
      if (!far && now - last.at < SKEW_LOGGED_AGAIN_AFTER_MS) return
    }
    this.logged = { offsetMs: next.offsetMs, at: now }
    this.showing = true
    this.log.warn(notice)
  }
}
