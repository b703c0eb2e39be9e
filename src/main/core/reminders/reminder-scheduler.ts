/**
 * Local reminders 30 and 10 minutes before each booked scheduled session, by the platform's clock
 * (the core passes its PlatformClock). Each fires once, on time while the machine is awake; a
 * reminder whose moment passed while the machine slept (or Standby was not running) is skipped
 * when a later one is due, and a session that can be started by then gets one "starting now"
 * notice instead (src/main/core/reminders/due-reminders.ts decides). What fired or was skipped is
 * kept in the cache, so a restart never repeats a reminder.
 */
import type { Clock, TimerHandle } from '../../../shared/clock'
import type { Session } from '../../../shared/protocol'
import { autoCancelAt, startWindowAt } from '../../../shared/rules/session-timing'
import type { CacheStore } from '../ports/cache-store'
import type { Logger } from '../ports/logger'
import type { AppNotification, Notifier } from '../ports/notifier'
import type { Power } from '../ports/power'
import type { Unsubscribe } from '../../../shared/listeners'
import { dueReminders } from './due-reminders'

/** The "minutes before" under which the one "starting now" notice is recorded. */
export const STARTING_NOW = 0
/** How many upcoming sessions are considered; a busy expert has far fewer booked. */
const HORIZON = 500
/**
 * The longest single wait: a timer longer than Node's limit (a signed 32-bit count of
 * milliseconds) fires at once instead, and a shorter wait only means planning again before the
 * reminder is due.
 */
const MAX_WAIT_MS = 24 * 60 * 60_000

/** Plans and fires reminders from the cache's booked sessions. */
export class ReminderScheduler {
  private timer: TimerHandle | undefined
  private readonly off: Unsubscribe[] = []

  constructor(
    private readonly deps: {
      clock: Clock
      cache: CacheStore
      notifier: Notifier
      power: Power
      log: Logger
      /** Read at each reminder, so turning reminders off takes effect at once. */
      enabled: () => boolean
      formatTime?: (t: number) => string
    },
  ) {}

  /** Plan from the cache now and after every resume. */
  start(): void {
    this.off.push(this.deps.power.onResume(() => this.refresh()))
    this.refresh()
  }

  /** Cancel the pending timer. */
  stop(): void {
    this.timer?.cancel()
    for (const off of this.off.splice(0)) off()
  }

  /** Handle every reminder that is due, then wait for the next one. Call after the cache changes. */
  refresh(): void {
    try {
      this.plan()
    } catch (error) {
      // A reminder must never take the app down; the next cache change or resume plans again.
      this.deps.log.error('Planning reminders failed', error)
    }
  }

  private plan(): void {
    this.timer?.cancel()
    this.timer = undefined
    const now = this.deps.clock.now()
    let next = Number.POSITIVE_INFINITY
    for (const session of this.bookedScheduled(now)) {
      const due = dueReminders(session.bookedStart, now, (m) =>
        this.deps.cache.reminderHandled(session.id, m),
      )
      for (const minutesBefore of due.skip)
        this.deps.cache.markReminder(session.id, minutesBefore, 'skipped', now)
      if (due.fire !== null) this.fire(session, due.fire.minutesBefore, due.fire.minutesLeft, now)
      if (due.startingNow) this.startingNow(session, now)
      if (due.nextAt !== null) next = Math.min(next, due.nextAt)
    }
    if (next !== Number.POSITIVE_INFINITY)
      this.timer = this.deps.clock.setTimeout(() => this.refresh(), Math.min(next - now, MAX_WAIT_MS))
  }

  private bookedScheduled(now: number): Session[] {
    return this.deps.cache
      .upcomingSessions(now, HORIZON)
      .filter((s) => s.kind === 'scheduled' && s.state === 'booked' && now < autoCancelAt(s.bookedStart))
  }

  private fire(session: Session, minutesBefore: number, minutesLeft: number, now: number): void {
    this.deps.cache.markReminder(session.id, minutesBefore, 'fired', now)
    if (!this.deps.enabled()) return
    const at = this.time(session.bookedStart)
    const startable = startWindowAt(session.bookedStart, now) === 'open' ? ' You can start it now.' : ''
    this.show({
      kind: 'reminder',
      sessionId: session.id,
      title: `In ${minutesLeft} minutes: ${session.request.title}`,
      body: `Scheduled session with ${session.client.name} at ${at}.${startable}`,
    })
  }

  /** Instead of stale reminders: one notice that the session can be started now. */
  private startingNow(session: Session, now: number): void {
    if (this.deps.cache.reminderHandled(session.id, STARTING_NOW)) return
    this.deps.cache.markReminder(session.id, STARTING_NOW, 'fired', now)
    if (!this.deps.enabled()) return
    this.show({
      kind: 'reminder',
      sessionId: session.id,
      title: `Starting now: ${session.request.title}`,
      body: `Booked for ${this.time(session.bookedStart)} with ${session.client.name}. Join before ${this.time(autoCancelAt(session.bookedStart))} or it is cancelled.`,
    })
  }

  private show(notification: AppNotification): void {
    this.deps.log.info(`Reminder: ${notification.title}`)
    this.deps.notifier.show(notification)
  }

  private time(t: number): string {
    return (
      this.deps.formatTime ??
      ((v: number) => new Date(v).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' }))
    )(t)
  }
}
