/**
 * What a press on a reminder is answered with, read from the cache at the press (the notification
 * may have waited while the session changed): whether Start may act, Snooze saved, and why Start
 * or Snooze cannot. Each goes by the booked start and the request the reminder was shown for
 * (reminder-press.ts, snooze-answer.ts).
 */
import type { Clock } from '../../../shared/clock'
import type { Session } from '../../../shared/protocol'
import type { CacheStore } from '../ports/cache-store'
import type { Logger } from '../ports/logger'
import type { DayTimeFormat } from '../sync/invite-notification'
import { forAnotherRequest, SESSION_GONE, startAllowedFrom, whyNoStartFrom } from './reminder-press'
import type { TimeFormat } from './reminder-texts'
import type { ReminderMarks } from './reminder-marks'
import type { ShownReminders } from './shown-reminders'
import { snoozeBackAt, whyNoSnoozeOf } from './snooze-answer'

/** What answering a press needs. */
export interface PressAnswerDeps {
  readonly cache: Pick<CacheStore, 'session' | 'snoozeReminder'>
  readonly clock: Clock
  readonly log: Logger
  readonly marks: Pick<ReminderMarks, 'snoozed'>
  readonly onScreen: Pick<ShownReminders, 'pressed'>
  readonly time: TimeFormat
  readonly dayTime: DayTimeFormat
}

/** Answers presses on reminders from the cache as it is now. */
export class PressAnswers {
  constructor(private readonly deps: PressAnswerDeps) {}

  /** The cached session a reminder shown for `requestId` spoke of; null when gone or its id is another request's now. */
  sessionShownFor(sessionId: string, requestId: string): Session | null {
    const session = this.deps.cache.session(sessionId)
    return forAnotherRequest(session, requestId) ? null : session
  }

  /** Whether the reminder shown for `requestId` names a session whose id the cache has for another request now. */
  shownForAnotherRequest(sessionId: string, requestId: string): boolean {
    return forAnotherRequest(this.deps.cache.session(sessionId), requestId)
  }

  /** Whether Start on the reminder shown for `shownFor` and `requestId` starts the session now. */
  startAllowed(sessionId: string, shownFor: number, requestId: string): boolean {
    const session = this.sessionShownFor(sessionId, requestId)
    return session !== null && startAllowedFrom(session, shownFor, this.deps.clock.now())
  }

  /** Why Start on the reminder shown for `shownFor` and `requestId` is refused now; null when allowed. */
  whyNoStart(sessionId: string, shownFor: number, requestId: string): string | null {
    const { time, dayTime } = this.deps
    return this.refusal(sessionId, requestId, (s, now) => whyNoStartFrom(s, shownFor, now, time, dayTime))
  }

  /** Why Snooze on the reminder shown for `shownFor` and `requestId` is refused now; null when allowed. */
  whyNoSnooze(sessionId: string, shownFor: number, requestId: string): string | null {
    const { time, dayTime } = this.deps
    return this.refusal(sessionId, requestId, (s, now) => whyNoSnoozeOf(s, shownFor, now, time, dayTime))
  }

  /**
   * Snooze on the reminder shown for `shownFor` and `requestId`: saved to come back (snooze-answer.ts);
   * false when refused; throws when it cannot be saved.
   */
  snooze(sessionId: string, shownFor: number, requestId: string): boolean {
    const now = this.deps.clock.now()
    const session = this.sessionShownFor(sessionId, requestId)
    const at = session === null ? null : snoozeBackAt(session, shownFor, now)
    if (session === null || at === null) {
      const why = this.whyNoSnooze(sessionId, shownFor, requestId)
      this.deps.log.info(`Nothing to snooze for session ${sessionId}: ${why}`)
      return false
    }
    this.deps.cache.snoozeReminder({ sessionId, bookedStart: session.bookedStart, at })
    this.deps.marks.snoozed(sessionId)
    this.deps.onScreen.pressed(sessionId)
    return true
  }

  private refusal(sessionId: string, requestId: string, rule: (s: Session, now: number) => string | null) {
    const session = this.sessionShownFor(sessionId, requestId)
    return session === null ? SESSION_GONE : rule(session, this.deps.clock.now())
  }
}
