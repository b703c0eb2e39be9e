/**
 * The platform's time, as this computer can know it: the local clock plus the offset estimated
 * from the platform's welcome and acknowledgements (src/shared/clock-offset.ts). The platform's
 * clock decides its rules (when Start opens, when a session is cancelled), so the start window,
 * the countdowns and the reminders all read this clock rather than the computer's own. Until the
 * platform answers, the offset kept by the last run stands in (kept-offset.ts), and either way
 * platform time runs on the monotonic clock: setting the computer's clock does not move it, so a
 * timer set by it fires on time. A setting is found by the next read, or the next tick of the
 * GapWatch (gap-watch.ts) it is given, whichever comes first.
 */
import { steadyNow, type Clock, type TimerHandle } from '../../../shared/clock'
import {
  addExchange,
  bestOffset,
  guessed,
  NO_ESTIMATE,
  observe,
  type LocalReading,
  type OffsetEstimate,
  type TimeExchange,
  wokeUp,
} from '../../../shared/clock-offset'
import { moreAnswersWanted } from '../../../shared/clock-scatter'
import { UNMEASURED_CLOCK, type PlatformClockState } from '../../../shared/clock-skew'
import { Listeners, type Unsubscribe } from '../../../shared/listeners'
import type { Logger } from '../ports/logger'
import type { Power } from '../ports/power'
import { ExchangeNoteLog } from './exchange-note-log'
import { SkewLog } from './skew-log'
import { FirstMeasureWait } from './first-measure-wait'
import type { GapWatch } from './gap-watch'
import { TimeAsks } from './time-asks'
import type { TimeSampleSink } from './time-sample-sink'
import { keepOffset, restoredGuess, type OffsetKeeper } from './kept-offset'
import { keepAgainMs, keepMovedAfterMs, KeptPaceTrial, paceToKeep } from './kept-pace'
import { LatestTold } from './latest-told'
export { FIRST_MEASURE_WAIT_MS } from './first-measure-wait'

/** An offset that moves less than this is not news: it is the estimate's own noise. */
const CHANGE_THRESHOLD_MS = 250

/** The platform's time: a Clock whose `now()` is the platform's and whose timers are the local ones. */
export class PlatformClock implements Clock, TimeSampleSink {
  private estimate: OffsetEstimate = NO_ESTIMATE
  private current: PlatformClockState = UNMEASURED_CLOCK
  /** The latest measured platform time told since the last reset (latest-told.ts). */
  private readonly latest = new LatestTold()
  /** The monotonic reading when the offset was last kept; null before. */
  private keptAt: number | null = null
  /** The computer's clock drifted since the offset was last kept: the next answer keeps it. */
  private keepOwed = false
  /** The pace the last run kept, until the first answer measured says whether to take it back. */
  private readonly paceTrial: KeptPaceTrial
  /** The state last told to `changes`: a change found while the time was read is told after. */
  private told: PlatformClockState = UNMEASURED_CLOCK
  /** Platform time minus the monotonic reading, as last told (or woken to): what listeners' timers run by. */
  private toldAnchor: number
  /** Says what an answer's time did out of the ordinary, once per kind (exchange-note-log.ts). */
  private readonly notes: ExchangeNoteLog
  private readonly skewLog: SkewLog
  private readonly asks: TimeAsks
  /** The wait for a measurement, since the start, the reset or a wake (first-measure-wait.ts). */
  private readonly wait: FirstMeasureWait
  private readonly off: Unsubscribe[]
  /** The offset changed enough to matter, or was measured for the first time. */
  readonly changes: Listeners<PlatformClockState>
  /** A second answer bore out the first measurement since the start or reset, or settled a wake's doubt. */
  readonly borneOut: Listeners<void>
  /** Why an answer of the platform's is wanted now: the computer's clock stepped, woke over a step, or an answer is at odds with the estimate. */
  readonly measureWanted: Listeners<string>
  /**
   * The platform's time for deadlines (an invite's closing): never earlier than a time already
   * told, within DEADLINE_HOLD_MS, so a deadline once seen passed stays passed when a new estimate
   * moves the clock back a little, and an invite seen expired does not offer its Join again.
   */
  readonly deadlines: Clock = {
    now: () => this.latest.atLeast(this.now()),
    monotonic: () => this.monotonic(),
    setTimeout: (callback, delayMs) => this.setTimeout(callback, delayMs),
  }

  constructor(
    private readonly local: Clock,
    power: Power & Partial<Pick<GapWatch, 'ticked'>>,
    private readonly log: Logger,
    private readonly keeper?: OffsetKeeper,
  ) {
    this.changes = new Listeners((error) => log.error('A clock listener failed', error))
    this.borneOut = new Listeners((error) => log.error('A clock listener failed', error))
    this.notes = new ExchangeNoteLog(log)
    this.skewLog = new SkewLog(log, () => this.monotonic())
    this.paceTrial = new KeptPaceTrial(log)
    this.asks = new TimeAsks(local, log, () => {
      const doubt = this.estimate.doubt
      return doubt === null ? null : doubt.fromWake ? 'wake' : 'step'
    })
    this.measureWanted = this.asks.wanted
    this.wait = new FirstMeasureWait(() => this.monotonic())
    this.toldAnchor = this.anchor()
    this.off = [
      // Subscribed first, so the wake is taken in before the other listeners read the time.
      power.onResume(() => {
        const woken = wokeUp(this.estimate, this.reading())
        const { doubt } = woken
        // Armed before the update: a step read as a setting a moment ago and now as the sleep moves
        // the offset, which is told at once, and a listener planning then must already wait.
        if (doubt !== this.estimate.doubt && doubt?.fromWake === true) this.wait.wokeOverStep(doubt.sinceMono)
        this.update(woken)
        // Every listener hears the wake itself and plans again: nothing to tell of the sleep.
        this.toldAnchor = this.anchor()
      }),
      // A setting of the computer's clock is taken in within a tick, read or not: the lid shut a
      // moment after it would show both in the wake's reading, and the setting would count as sleep.
      power.ticked?.add(() => this.update(observe(this.estimate, this.reading()))) ?? (() => {}),
    ]
  }

  /** The platform's time now, as estimated. */
  now(): number {
    this.update(observe(this.estimate, this.reading()), 'after the read')
    const now = this.local.now() + this.current.offsetMs
    // Before the first measurement the computer's clock is only a guess, which the measurement replaces.
    if (this.current.measured) this.latest.told(now)
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

  /**
   * How much longer (ms) to wait for the platform's first measurement (or, after a wake over a step
   * of the computer's clock, for its next answer) before going by the guess; 0 once measured and
   * borne out, or once FIRST_MEASURE_WAIT_MS have passed since the start, reset or wake.
   */
  firstMeasureWait(): number {
    return this.wait.remaining(this.current.measured, this.estimate.confirmed)
  }

  /**
   * Whether this run measured the platform's time and a second answer bore it out: what a rule
   * that cannot be undone (trimming the cache by age, the offset kept for the next start) waits
   * for, as one answer may be a wrong one; and not while a wake over a step of the computer's
   * clock awaits the answer that says whether it was the sleep or a setting, hours apart maybe.
   */
  measuredSurely(): boolean {
    return this.current.measured && this.estimate.confirmed && !this.wait.wakeUnsettled()
  }

  /** The offset as the window shows it. */
  get state(): PlatformClockState {
    return this.current
  }

  reading(): LocalReading {
    return { wall: this.local.now(), mono: this.monotonic() }
  }

  record(exchange: TimeExchange): void {
    const { confirmed } = this.estimate
    this.update(this.paceTrial.tried(addExchange(this.estimate, exchange), exchange))
    // Borne out now: what waited for the measurement goes on, whether or not the offset moved.
    const settledWake = this.wait.answered(this.estimate.doubt !== null)
    // An answer that reads a step of the computer's clock as a sleep after all moves platform time
    // on the monotonic clock, by which every timer runs, with the offset as it was.
    if (this.current === this.told && Math.abs(this.anchor() - this.toldAnchor) >= CHANGE_THRESHOLD_MS) {
      this.current = { ...this.current }
      this.tell()
    }
    if ((!confirmed && this.estimate.confirmed) || settledWake) this.borneOut.emit()
    // An answer at odds with the estimate: one of the two is wrong (a wrong answer, or a setting
    // and a sleep read as one step), and the wait for a measurement would end on the estimate's word
    // or the estimate would wait for the next quiet check of the link. Another answer says which.
    const { pending } = this.estimate
    if (pending === null) this.asks.agreed()
    else this.asks.disagree(Math.abs(pending.offsetMs - this.current.offsetMs))
    // A slow answer is the estimate's word until the next quiet check: a quicker one is asked for now.
    const best = bestOffset(this.estimate)
    if (best !== null) this.asks.measured(best.uncertaintyMs)
    // Scattered answers are read at their middle, which a handful from the connecting leave seconds off.
    const moreWanted = (): boolean => moreAnswersWanted(this.estimate.heard)
    this.asks.scattered(moreWanted(), moreWanted)
    this.notes.note(this.estimate.noted)
    const keepAgain =
      this.keptAt === null || this.monotonic() - this.keptAt >= keepAgainMs(this.estimate.rate)
    // Settled, a wake's reading is kept: the offset it moved was not while in doubt.
    if (this.current.measured && (keepAgain || settledWake || this.keepOwed)) this.keep()
  }

  liveEventAt(at: number): void {
    // Unmeasured, the first answer is on its way already.
    if (this.current.measured) this.asks.eventAtOdds(Math.abs(at - this.now()))
  }

  unreadable(said: unknown): void {
    this.notes.unreadable(said)
  }

  /** At start, before any read: the last run's kept offset, if trusted, is the guess (its pace on trial). */
  restore(): void {
    if (this.keeper === undefined || this.estimate.samples.length > 0) return
    const kept = restoredGuess(this.keeper, () => this.local.now(), this.log)
    if (kept !== null) this.update(observe(guessed(this.paceTrial.start(kept)), this.reading()))
  }

  /** Forget the estimate: signed out, or about to talk to a platform that may keep other time. */
  reset(): void {
    this.estimate = NO_ESTIMATE
    this.latest.reset()
    this.keptAt = null
    this.paceTrial.drop()
    this.asks.reset()
    this.wait.restart()
    this.notes.reset()
    if (!this.current.measured && this.current.offsetMs === 0) return
    this.current = UNMEASURED_CLOCK
    this.tell()
  }

  /** Stop listening for wakes and ticks. */
  stop(): void {
    for (const off of this.off) off()
    this.asks.stop()
  }

  /**
   * `when`: a change found while the time is read (the computer's clock was set) is told once the
   * reader is done. Its listeners read the time and set timers themselves: told in the middle of a
   * reader's own planning, they would run it again inside itself, and the outer run would then
   * overwrite the timer the inner one set, left running; one more for every setting of the clock.
   */
  private update(estimate: OffsetEstimate, when: 'at once' | 'after the read' = 'at once'): void {
    const { doubt: doubtBefore, rate: paceBefore } = this.estimate
    const foretold = paceBefore === null ? null : bestOffset(this.estimate, this.monotonic())
    // No answer, no step: only the pace kept of a platform clock out of step with this one moved it.
    const paceOnly = estimate.rate !== null && estimate.samples === this.estimate.samples
    this.estimate = estimate
    // A new doubt about a step: only the platform can say whether it was a sleep or a setting.
    if (estimate.doubt !== null && estimate.doubt !== doubtBefore && this.current.measured)
      this.asks.step(estimate.doubt.fromWake ? 'wake' : 'step')
    const best = bestOffset(estimate, this.monotonic())
    const next: PlatformClockState =
      best === null
        ? { offsetMs: Math.round(estimate.guessMs), measured: false }
        : { offsetMs: best.offsetMs, measured: true }
    const same = next.measured === this.current.measured
    if (same && Math.abs(next.offsetMs - this.current.offsetMs) < CHANGE_THRESHOLD_MS) return
    const before = this.current
    this.current = next
    // Only the computer's clock moved, less than a setting: listeners' timers stand. Kept by the minute.
    const drift =
      same &&
      estimate.doubt === doubtBefore &&
      Math.abs(this.anchor() - this.toldAnchor) < CHANGE_THRESHOLD_MS
    this.skewLog.changed(before, next)
    // Between answers only the pace moved it: nothing to keep; told when gaining (timers would be late).
    const told = !paceOnly || (estimate.rate?.perMs ?? 0) > 0
    if (told && when === 'at once') this.tell()
    else if (told) queueMicrotask(() => this.tell())
    if (paceOnly) return
    this.keepOwed = next.measured && drift
    const paced = foretold !== null && Math.abs(next.offsetMs - foretold.offsetMs) < CHANGE_THRESHOLD_MS
    const every = keepMovedAfterMs(drift, paced && estimate.doubt === doubtBefore ? paceBefore : null)
    if (next.measured && (this.keptAt === null || this.monotonic() - this.keptAt >= every)) this.keep()
  }

  /** Platform time now minus the monotonic reading, by the state in use (no reading of the clock's). */
  private anchor(): number {
    return this.local.now() + this.current.offsetMs - this.monotonic()
  }

  /** Tell the listeners the state now, unless they heard it already. */
  private tell(): void {
    if (this.current === this.told) return
    this.told = this.current
    this.toldAnchor = this.anchor()
    this.changes.emit(this.current)
  }

  /**
   * Keep the offset and pace for the next start, at the newest measurement, once a second answer bore it
   * out and no wake is in doubt: else a wrong answer or a setting read as a sleep is kept for days.
   */
  private keep(): void {
    if (this.keeper === undefined || !this.measuredSurely()) return
    const mono = this.monotonic()
    const newest = Math.max(...this.estimate.samples.map((s) => s.atMono))
    const measuredAt = Math.round(this.local.now() + this.current.offsetMs - (mono - newest))
    const pace = paceToKeep(this.estimate.rate)
    if (!keepOffset(this.keeper, { offsetMs: this.current.offsetMs, measuredAt, pace }, this.log)) return
    this.keptAt = mono
    this.keepOwed = false
  }
}
