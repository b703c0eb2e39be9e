/**
 * Reminders and session alerts from the cache's booked sessions, by the platform's clock (the core passes
 * its PlatformClock): 30 and 10 minutes before, one "starting now", "the client has not joined yet" at the
 * start (due-alerts.ts decides, session-plan.ts carries it out); as events bring them, "cancelled", the
 * client's answer to another time, "the client joined" (session-changes.ts) and a move the expert did not
 * ask for (session-moves.ts). A press on Start or Snooze is answered once the time can judge it
 * (press-answers.ts, time-to-judge.ts). A shown reminder is withdrawn once what it announced no longer holds
 * (shown-reminders.ts). Each fires once per booked time, on its timer while awake (platform time runs on the
 * monotonic clock: setting the computer's clock moves no timer), once the time is measured and borne out or
 * a short wait is over (PlatformClock.firstMeasureWait); a minute's check catches a suspend the OS did not
 * report. What fired or was skipped is kept, so a restart repeats none; one found late says why
 * (late-cause.ts). What it marks is what the cards list as sent (reminder-marks.ts `sent`).
 */
import { steadyNow, type TimerHandle } from '../../../shared/clock'
import type { Session } from '../../../shared/protocol'
import { BOOKED_START_UNKNOWN, REQUEST_UNKNOWN } from '../ports/notifier'
import type { Unsubscribe } from '../../../shared/listeners'
import { changesSessions, type CacheUpdate } from '../sync/cache-push'
import { localDayTime, type DayTimeFormat } from '../sync/invite-notification'
import { ReminderMarks } from './reminder-marks'
import { sessionsToPlan } from './sessions-to-plan'
import type { ReminderMoment } from './due-alerts'
import { reminderNotification } from './reminder-actions'
import { PressAnswers } from './press-answers'
import { type LateCause, type ReminderText, type TimeFormat } from './reminder-texts'
import { localShortTime } from '../../../shared/day-time-options'
import { lateCauseOf } from './late-cause'
import { LateSettle } from './late-settle'
import type { ReminderSchedulerDeps } from './reminder-scheduler-deps'
import { dueTaker, planSessions, type SessionPlanDeps, type TakeDue } from './session-plan'
import { changedSessionIds, tellSessionChanges } from './session-changes'
import { SessionMoves } from './session-moves'
import { ShownReminders } from './shown-reminders'
import { SnoozesAwaitingTime } from './snoozes-awaiting-time'
import { TimeToJudge } from './time-to-judge'

/** How long Snooze puts a reminder off (snooze-answer.ts decides what a press gets). */
export { SNOOZE_MS } from './snooze-answer'
/** How often the clock is read besides the timers, so an unreported suspend is caught. */
export const CLOCK_CHECK_MS = 60_000
/** The longest single wait: a timer past Node's limit (32-bit milliseconds) fires at once instead. */
const MAX_WAIT_MS = 24 * 60 * 60_000

/** Plans and fires reminders and session alerts. */
export class ReminderScheduler {
  private timer: TimerHandle | undefined
  private clockCheck: TimerHandle | undefined
  private readonly off: Unsubscribe[] = []
  private readonly marks: ReminderMarks
  private readonly late: LateSettle
  private readonly onScreen: ShownReminders
  private readonly moves: SessionMoves
  private readonly planDeps: SessionPlanDeps
  private readonly answers: PressAnswers
  private readonly judging: TimeToJudge
  /** The reminders marked fired or skipped, and when the marks change: the cards' "Reminders sent". */
  readonly sent: Pick<ReminderMarks, 'sent' | 'changed'>
  /** Snooze presses waiting for the platform's time, kept so a quit meanwhile loses none. */
  readonly snoozesAwaitingTime: SnoozesAwaitingTime
  /** Takes the reminder a change of time makes due at once into the alert that tells the change. */
  private readonly takeDue: TakeDue
  /** Between start and stop: a refresh asked for outside (a change told late) arms no timer. */
  private running = false
  /** The monotonic reading at start: the run's start in platform time, however the estimate moves. */
  private startedMono = 0
  /** The platform's time at the last wake, reported or found; null before any. */
  private wokeAt: number | null = null
  /** The reminders an earlier run showed are still to be found: at the first plan, and by a measured time. */
  private restorePending: 'at the first plan' | 'by a measured time' | null = null
  /** Whether the last plan found no one signed in. */
  private nobody = false
  /** The platform's time of the first plan after a time with no one signed in; null before any. */
  private backAt: number | null = null

  constructor(private readonly deps: ReminderSchedulerDeps) {
    this.sent = this.marks = new ReminderMarks(deps)
    this.late = new LateSettle(() => steadyNow(deps.clock))
    this.onScreen = new ShownReminders({ ...deps, marks: this.marks, dayTime: this.dayTime })
    const { marks, onScreen, time, dayTime } = this
    this.answers = new PressAnswers({ ...deps, marks, onScreen, time, dayTime })
    this.judging = new TimeToJudge(deps.clock, () => deps.firstMeasureWait?.() ?? 0)
    this.snoozesAwaitingTime = new SnoozesAwaitingTime(deps)
    this.planDeps = {
      marks: this.marks,
      late: this.late,
      enabled: () => deps.enabled(),
      show: this.show.bind(this),
      time: this.time,
      lateCause: (dueAt, now) => this.lateCause(dueAt, now),
    }
    this.takeDue = dueTaker(this.planDeps, () => this.timeKnown())
    this.moves = new SessionMoves({
      marks: this.marks,
      show: this.show.bind(this),
      dayTime: this.dayTime,
      time: this.time,
      takeDue: this.takeDue,
      timeKnown: () => this.timeKnown(),
      session: (id) => deps.cache.session(id),
    })
  }

  /** Plan from the cache now, after every resume, and at each check of the clock. */
  start(): void {
    this.stop()
    this.running = true
    this.startedMono = steadyNow(this.deps.clock)
    this.wokeAt = null
    this.off.push(
      this.deps.power.onResume(() => {
        this.wokeAt = this.deps.clock.now()
        this.late.woke(steadyNow(this.deps.clock))
        this.refresh()
      }),
    )
    this.checkClockEveryMinute()
    this.restorePending = 'at the first plan'
    this.snoozesAwaitingTime.carryFromEarlierRun()
    this.refresh()
  }

  /** Cancel the pending timers; nothing is planned again until the next start. */
  stop(): void {
    this.running = false
    for (const timer of [this.timer, this.clockCheck]) timer?.cancel()
    this.timer = this.clockCheck = undefined
    for (const off of this.off.splice(0)) off()
  }

  /** Handle every alert that is due, then wait for the next one (once started). Call after the cache changes. */
  refresh(): void {
    if (this.running) this.guard('Planning reminders', () => this.plan())
  }

  /**
   * The cache changed: withdraw the reminders it made stale, then tell what its events or a
   * snapshot brought (a cancel, a join, a move), then plan. Withdrawn first: on macOS and Windows
   * the alert that follows takes the session's notification id, which the withdrawal removes.
   */
  cacheChanged(update: CacheUpdate): void {
    if (update.kind === 'replaced' && update.emptied === true) {
      this.marks.forget()
      this.moves.forget()
    }
    if (update.kind === 'replaced') this.moves.readAgain()
    this.snoozesAwaitingTime.cacheChanged(update)
    const ids = changedSessionIds(update)
    // While the time waits for its measurement only what the events say (a cancel, a move, a start)
    // takes a reminder down: by a guess hours ahead, every one on screen looks past its auto-cancel.
    const now = this.timeKnown() ? this.deps.clock.now() : Number.NEGATIVE_INFINITY
    if (changesSessions(update))
      this.guard('Withdrawing stale reminders', () => this.onScreen.withdrawStale(now))
    if (ids.size > 0) this.guard('Telling a session change', () => this.tellChanges(ids))
    // Reminders follow sessions alone: an invite, a message or an invite's time running out leaves
    // the plan as it was, and planning reads every upcoming session, on each invite of a busy day.
    if (changesSessions(update)) this.refresh()
  }

  /**
   * Snooze on the reminder shown for `shownFor` (its booked start) and `requestId`: it comes again in
   * five minutes, or sooner, before the auto-cancel. False when refused (started, cancelled, gone, the
   * id another request's, moved, the auto-cancel too near); throws when it cannot be saved.
   */
  snooze(sessionId: string, shownFor = BOOKED_START_UNKNOWN, requestId = REQUEST_UNKNOWN): boolean {
    try {
      return this.answers.snooze(sessionId, shownFor, requestId)
    } finally {
      this.refresh()
    }
  }

  /** The wait for a time to judge a press on Start or Snooze by (time-to-judge.ts); null: none is needed. */
  readonly timeSettling = (): Promise<void> | null => this.judging.settling()

  /** Why Snooze is refused for this session now, for the follow-up notice; null when it is allowed. */
  whyNoSnooze(
    sessionId: string,
    shownFor = BOOKED_START_UNKNOWN,
    requestId = REQUEST_UNKNOWN,
  ): string | null {
    return this.answers.whyNoSnooze(sessionId, shownFor, requestId)
  }

  /** The expert pressed the session's reminder (any button or its body): the OS took it off the screen. */
  pressed(sessionId: string): void {
    this.onScreen.pressed(sessionId)
  }

  /** Whether Start on the reminder shown for `shownFor` and `requestId` is allowed now: the window's rule, at the time it named. */
  startAllowed(sessionId: string, shownFor = BOOKED_START_UNKNOWN, requestId = REQUEST_UNKNOWN): boolean {
    return this.answers.startAllowed(sessionId, shownFor, requestId)
  }

  /** Why Start on the reminder shown for `shownFor` and `requestId` is refused now, for the follow-up; null when allowed. */
  whyNoStart(sessionId: string, shownFor = BOOKED_START_UNKNOWN, requestId = REQUEST_UNKNOWN): string | null {
    return this.answers.whyNoStart(sessionId, shownFor, requestId)
  }

  /** Whether the reminder shown for `requestId` names a session whose id is another request's now (a restored platform). */
  shownForAnotherRequest(sessionId: string, requestId: string): boolean {
    return this.answers.shownForAnotherRequest(sessionId, requestId)
  }

  private guard(what: string, work: () => void): void {
    try {
      work()
    } catch (error) {
      // A reminder must never take the app down; the next change, resume or clock check tries again.
      this.deps.log.error(`${what} failed; the next check of the clock tries again`, error)
    }
  }

  /** Whether the platform's time is measured (or waited for long enough) to decide by. */
  private timeKnown(): boolean {
    return (this.deps.firstMeasureWait?.() ?? 0) <= 0
  }

  private checkClockEveryMinute(): void {
    this.clockCheck = this.deps.clock.setTimeout(() => {
      this.checkClockEveryMinute()
      this.refresh()
    }, CLOCK_CHECK_MS)
  }

  private plan(): void {
    this.judging.check()
    this.timer?.cancel()
    this.timer = undefined
    this.marks.saveHeld()
    // No one to tell (the platform refused the token, the cache kept): nothing is marked shown or
    // skipped, so the expert back hears, once and late, what fell due; the sign-in plans again.
    if (!(this.deps.signedIn?.() ?? true)) {
      this.nobody = true
      return
    }
    const wait = this.deps.firstMeasureWait?.() ?? 0
    const now = this.deps.clock.now()
    if (wait > 0) {
      // By a clock set hours ahead, a reminder due later would show now, marked done: the measurement
      // plans. Meanwhile a move is told against every booked start (by a guess each looks past), read
      // once a wait, each change bringing its own: not all again at each page of a catch-up.
      this.moves.plannedByGuess(() => this.deps.cache.bookedSessionStarts(), now)
      this.timer = this.deps.clock.setTimeout(() => this.refresh(), wait)
      return
    }
    if (this.nobody) {
      this.nobody = false
      this.backAt = now
    }
    // Before the plan: a snoozed reminder is not shown at once as well.
    this.guard('Snoozing what an earlier run was asked to', () =>
      this.snoozesAwaitingTime.answerEarlier((s) =>
        this.answers.snooze(s.sessionId, s.bookedStart, s.requestId),
      ),
    )
    const { upcoming, readAgainAt } = sessionsToPlan(this.deps.cache, now)
    // First: what a nudge saved by a stopped run left to carry, the mark of one shown with it.
    this.moves.planned(upcoming, now)
    // Again once measured: by a guess days ahead, each one still waiting looks past its auto-cancel.
    const measured = this.deps.timeMeasured?.() ?? true
    if (this.restorePending === 'at the first plan' || (this.restorePending !== null && measured)) {
      this.restorePending = measured ? null : 'by a measured time'
      this.guard('Finding an earlier run’s reminders', () => this.onScreen.restore(upcoming, now, measured))
    }
    // Before anything new is shown: one of the session's takes the withdrawn one's id.
    this.guard('Withdrawing stale reminders', () => this.onScreen.withdrawStale(now, upcoming))
    const shownEnd = this.onScreen.nextEnd(now) ?? Number.POSITIVE_INFINITY
    const next = Math.min(shownEnd, readAgainAt, planSessions(this.planDeps, upcoming, now))
    if (next !== Number.POSITIVE_INFINITY)
      this.timer = this.deps.clock.setTimeout(() => this.refresh(), Math.min(next - now, MAX_WAIT_MS))
  }

  /** Why a reminder due at `dueAt` is found only at `now`: measured against this run's start, wake and sign-in. */
  private lateCause(dueAt: number, now: number): LateCause {
    const startedAt = now - (steadyNow(this.deps.clock) - this.startedMono)
    return lateCauseOf(dueAt, { startedAt, wokeAt: this.wokeAt, backAt: this.backAt })
  }

  private tellChanges(ids: ReadonlySet<string>): void {
    const { cache } = this.deps
    const now = this.deps.clock.now()
    const { time, dayTime, takeDue, marks } = this
    tellSessionChanges({ cache, marks, show: this.show.bind(this), time, dayTime, takeDue }, ids, now)
    const sessions = [...ids].flatMap((id) => cache.session(id) ?? [])
    this.moves.tell(sessions, now)
    this.moves.seen(sessions, now)
  }

  private show(session: Session, now: number, moment: ReminderMoment, text: ReminderText): void {
    const notification = reminderNotification(session, now, moment, text)
    this.deps.log.info(`Reminder: ${notification.title}`)
    this.onScreen.showing(session, moment, now)
    this.deps.notifier.show(notification)
    this.onScreen.shown(session, moment)
  }

  private readonly time: TimeFormat = (t) => (this.deps.formatTime ?? localShortTime)(t)
  private readonly dayTime: DayTimeFormat = (t) =>
    this.deps.formatDayTime?.(t) ?? localDayTime(t, this.deps.clock.now())
}
