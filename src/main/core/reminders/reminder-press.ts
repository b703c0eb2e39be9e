/**
 * What Start pressed on a reminder may do, as pure functions of the session, the booked start the
 * reminder named and the platform's time. A press acts on what the reminder said: a session the
 * platform moved since is another appointment (the expert planned around the old time), so a press
 * on the old time's reminder is refused, naming the new time, by Start as by Snooze (snooze-answer.ts).
 */
import { startWindowOpensAt } from '../../../shared/rules/session-timing'
import type { Session } from '../../../shared/protocol'
import { namesAnotherRequest } from '../ports/notifier'
import type { DayTimeFormat } from '../sync/invite-notification'
import { awaitsExpert, movedSince, startAllowed, startRefusal, type TimedSession } from './due-alerts'
import type { TimeFormat } from './reminder-texts'

/** Whether the reminder shown for `shownFor` names a time the session, still waiting for the expert, no longer has. */
export function shownForAnotherTime(session: TimedSession, shownFor: number, now: number): boolean {
  return movedSince(session, shownFor) && awaitsExpert(session, now)
}

/** The start of the sentence that refuses a press on a reminder of a time the session no longer has. */
export function movedTo(session: TimedSession, dayTime: DayTimeFormat): string {
  return `The session was moved to ${dayTime(session.bookedStart)}`
}

/** Whether Start on the reminder shown for `shownFor` starts the session now. */
export function startAllowedFrom(session: TimedSession, shownFor: number, now: number): boolean {
  return !movedSince(session, shownFor) && startAllowed(session, now)
}

/** Why Start on the reminder shown for `shownFor` is refused now, for the follow-up; null when allowed. */
export function whyNoStartFrom(
  session: TimedSession,
  shownFor: number,
  now: number,
  time: TimeFormat,
  dayTime: DayTimeFormat,
): string | null {
  if (!shownForAnotherTime(session, shownFor, now)) return startRefusal(session, now, time)
  // Waiting for the expert, the session at its new time is either in its start window or before it.
  const then = startAllowed(session, now)
    ? 'start it from the window if you are ready.'
    : `Start opens at ${time(startWindowOpensAt(session.bookedStart))}.`
  return `${movedTo(session, dayTime)}; ${then}`
}

/** Why a press on a reminder acts on nothing: its session is gone, or its id is now another request's. */
export const SESSION_GONE = 'The session is no longer in your list.'

/**
 * Whether a reminder shown for `requestId` speaks of another session than the cached one of its id:
 * a platform restored from a backup gave the id to another request. Never for one that names none.
 */
export function forAnotherRequest(session: Session | null, requestId: string): boolean {
  return namesAnotherRequest(requestId, session?.request.id ?? null)
}
