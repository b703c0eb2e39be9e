/**
 * What Snooze pressed on a reminder gets, as pure functions of the session and the platform's time:
 * the moment the reminder comes back (five minutes on, or sooner so that it still comes before the
 * platform's auto-cancel), or the sentence that says why it is refused.
 */
import { autoCancelAt } from '../../../shared/rules/session-timing'
import type { DayTimeFormat } from '../sync/invite-notification'
import { awaitsExpert, movedSince, startRefusal, type TimedSession } from './due-alerts'
import { movedTo, shownForAnotherTime } from './reminder-press'
import type { TimeFormat } from './reminder-texts'

/** How long Snooze puts a reminder off. */
export const SNOOZE_MS = 5 * 60_000

/** How long before the platform's auto-cancel a snoozed reminder comes back at the latest: time to start. */
export const LAST_CALL_MS = 60_000

/**
 * When a reminder snoozed now for `snoozeMs` comes back: then, or earlier so that it still comes
 * before the platform cancels the session; null when nothing is left to snooze or it is too late.
 */
export function snoozedUntil(session: TimedSession, now: number, snoozeMs: number): number | null {
  if (!awaitsExpert(session, now)) return null
  const at = Math.min(now + snoozeMs, autoCancelAt(session.bookedStart) - LAST_CALL_MS)
  return at > now ? at : null
}

/** Why a reminder cannot be snoozed now, in a sentence for the follow-up; null when it can. */
export function snoozeRefusal(
  session: TimedSession,
  now: number,
  snoozeMs: number,
  time: (t: number) => string,
): string | null {
  if (snoozedUntil(session, now, snoozeMs) !== null) return null
  if (!awaitsExpert(session, now))
    return startRefusal(session, now, time) ?? 'The session no longer waits for you to start it.'
  return `The platform cancels the session at ${time(autoCancelAt(session.bookedStart))} unless you join before: too soon to snooze. Start it now to keep it.`
}

/**
 * When a snooze saved to come back at `savedAt` comes back for the session as booked now: a start
 * nudged earlier since (SAME_TIME_MS) brings its auto-cancel closer, and the last call with it.
 */
export function snoozeDueAt(session: TimedSession, savedAt: number): number {
  return Math.min(savedAt, autoCancelAt(session.bookedStart) - LAST_CALL_MS)
}

/**
 * When the reminder shown for `shownFor` (the booked start it named), snoozed now, comes back;
 * null when Snooze is refused, as for a session moved to another time since.
 */
export function snoozeBackAt(session: TimedSession, shownFor: number, now: number): number | null {
  return movedSince(session, shownFor) ? null : snoozedUntil(session, now, SNOOZE_MS)
}

/** Why Snooze on the reminder shown for `shownFor` is refused now, for the follow-up; null when allowed. */
export function whyNoSnoozeOf(
  session: TimedSession,
  shownFor: number,
  now: number,
  time: TimeFormat,
  dayTime: DayTimeFormat,
): string | null {
  // Snoozed, a reminder of a time the session no longer has would come back about another.
  return shownForAnotherTime(session, shownFor, now)
    ? `${movedTo(session, dayTime)}; its reminders come before then.`
    : snoozeRefusal(session, now, SNOOZE_MS, time)
}
