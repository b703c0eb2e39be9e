/**
 * The platform's time, as this computer can know it: the local clock plus the offset estimated
 * from the platform's welcome and acknowledgements (src/shared/clock-offset.ts). The platform's
 * clock decides its rules (when Start opens, when a session is cancelled), so the start window,
 * the countdowns and the reminders all read this clock rather than the computer's own.
 */
import { steadyNow, type Clock, type TimerHandle } from '../../../shared/clock'
import {
  addExchange,
  bestOffset,
  NO_ESTIMATE,
  observe,
  type LocalReading,
  type OffsetEstimate,
  type TimeExchange,
  wokeUp,
} from '../../../shared/clock-offset'
import { clockSkewNotice, UNMEASURED_CLOCK, type PlatformClockState } from '../../../shared/clock-skew'
import { Listeners } from '../../../shared/listeners'
import type { Logger } from '../ports/logger'
import type { Power } from '../ports/power'
import type { Unsubscribe } from '../../../shared/listeners'

/** Where the link reports each exchange that carried the platform's time. */
export interface TimeSampleSink {
  /** This computer's clocks now. */
  reading(): LocalReading
  /** An answer came with the platform's time. */
  record(exchange: TimeExchange): void
}

/** An offset that moves less than this is not news: it is the estimate's own noise. */
const CHANGE_THRESHOLD_MS = 250

/**
 * How far back the deadlines' clock holds: a new estimate this much behind the latest time told is
 * taken for the estimate's noise (a slow answer), one further behind for the platform's own clock
 * set back, which the platform's rules follow too, so the deadlines follow it instead of taking
 * every new invite for an expired one until the platform's time catches up.
 */
const DEADLINE_HOLD_MS = 30_000

/** The platform's time: a Clock whose `now()` is the platform's and whose timers are the local ones. */
export class PlatformClock implements Clock, TimeSampleSink {
  private estimate: OffsetEstimate = NO_ESTIMATE
  private current: PlatformClockState = UNMEASURED_CLOCK
  /** The latest measured platform time told since the last reset. */
  private latest = Number.NEGATIVE_INFINITY
  private readonly off: Unsubscribe
  /** The offset changed enough to matter, or was measured for the first time. */
  readonly changes: Listeners<PlatformClockState>
  /**
   * The platform's time for deadlines (an invite's closing): never earlier than a time already
   * told, within DEADLINE_HOLD_MS, so a deadline once seen passed stays passed when a new estimate
   * moves the clock back a little, and an invite seen expired does not offer its Join again.
   */
  readonly deadlines: Clock = {
    now: () => Math.max(this.now(), this.latest),
    monotonic: () => this.monotonic(),
    setTimeout: (callback, delayMs) => this.setTimeout(callback, delayMs),
  }

  constructor(
    private readonly local: Clock,
    power: Power,
    private readonly log: Logger,
  ) {
    this.changes = new Listeners((error) => log.error('A clock listener failed', error))
    // Subscribed first, so the wake is taken in before the other listeners read the time.
    this.off = power.onResume(() => this.update(wokeUp(this.estimate, this.reading())))
  }

  /** The platform's time now, as estimated. */
  now(): number {
    this.update(observe(this.estimate, this.reading()))
    const now = this.local.now() + this.current.offsetMs
    // Before the first measurement the computer's clock is only a guess, which the measurement replaces.
    if (this.current.measured)
      this.latest = now < this.latest - DEADLINE_HOLD_MS ? now : Math.max(this.latest, now)
    return now
  }

  /** The local monotonic clock: durations are the same on both sides. */
  monotonic(): number {
    return steadyNow(this.local)
  }

  /** Local timers: a delay is a delay whatever the clock says. */
  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    return this.local.setTimeout(callback, delayMs)
  }

  /** The offset as the window shows it. */
  get state(): PlatformClockState {
    return this.current
  }

  reading(): LocalReading {
    return { wall: this.local.now(), mono: this.monotonic() }
  }

  record(exchange: TimeExchange): void {
    this.update(addExchange(this.estimate, exchange))
  }

  /** Forget the estimate: signed out, or about to talk to a platform that may keep other time. */
  reset(): void {
    this.estimate = NO_ESTIMATE
    this.latest = Number.NEGATIVE_INFINITY
    if (!this.current.measured) return
    this.current = UNMEASURED_CLOCK
    this.changes.emit(this.current)
  }

  /** Stop listening for wakes. */
  stop(): void {
    this.off()
  }

  private update(estimate: OffsetEstimate): void {
    this.estimate = estimate
    const best = bestOffset(estimate)
    if (best === null) return
    const next: PlatformClockState = { offsetMs: best.offsetMs, measured: true }
    if (this.current.measured && Math.abs(next.offsetMs - this.current.offsetMs) < CHANGE_THRESHOLD_MS) return
    const noticeBefore = clockSkewNotice(this.current)
    this.current = next
    const notice = clockSkewNotice(next)
    if (notice !== noticeBefore)
      this.log.warn(notice ?? "This computer's clock now agrees with the platform's to within a minute.")
    this.changes.emit(next)
  }
}
