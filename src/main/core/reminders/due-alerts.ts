/**
 * What to tell the expert about one booked session at a moment, as pure functions of the session
 * and the platform's time: the reminders 30 and 10 minutes before, one "starting now" at the
 * start, and "the client has not joined yet" at the start. A reminder whose moment passed (the
 * machine slept, Standby was closed, the clock jumped) is skipped only when a later one for the
 * same session is due too; otherwise it is shown late, saying how long is really left.
 */
import type { Session } from '../../../shared/protocol'
import { BOOKED_START_UNKNOWN } from '../ports/notifier'
import { cancelledBy } from '../../../shared/rules/cancellation-terms'
import {
  autoCancelAt,
  reminderPlan,
  startWindowAt,
  startWindowOpensAt,
} from '../../../shared/rules/session-timing'

/** What a reminder notification is about; only 'before' and 'starting_now' offer Start and Snooze. */
export type ReminderMoment =
  'before' | 'starting_now' | 'client_absent' | 'cancelled' | 'client_joined' | 'rescheduled' | 'moved'

/** The alerts recorded under a name; a reminder before the start is named by its minutes ("30"). */
export const ALERT = {
  startingNow: 'starting_now',
  clientAbsent: 'client_absent',
  cancelled: 'cancelled',
  clientJoined: 'client_joined',
} as const

/** A reminder shown this long after its moment says it is late. */
export const LATE_GRACE_MS = 60_000

/** The parts of a session its alerts depend on. */
export type TimedSession = Pick<
  Session,
  'kind' | 'state' | 'bookedStart' | 'expertJoinedAt' | 'clientJoinedAt' | 'updatedAt'
>

/** One timed alert: its name, when it falls due, and for a reminder before the start, its minutes. */
export interface PlannedAlert {
  readonly alert: string
  readonly at: number
  /** Minutes before the start for "30" and "10"; 0 for "starting now"; null for the client alert. */
  readonly minutesBefore: number | null
}

/** The decision for one session at one moment. */
export interface DueAlerts {
  /** Alerts to record as skipped: a later one for the session is due. */
  readonly skip: ReadonlyArray<string>
  /**
   * The reminder to show now (a "30", "10" or "starting now"), and whether it comes late: its
   * moment passed while the session stood booked as it is, unseen. One whose moment came before
   * the booking (or the rebooking) is not late, just the first word about the session.
   */
  readonly reminder: (PlannedAlert & { readonly late: boolean }) | null
  /** Say now that the client has not joined. */
  readonly clientAbsent: boolean
  /** When the next alert falls due; null when none is left. */
  readonly nextAt: number | null
}

const NOTHING: DueAlerts = { skip: [], reminder: null, clientAbsent: false, nextAt: null }

/** True while a scheduled session can still be started or joined: booked or live, not past auto-cancel. */
export function stillJoinable(session: TimedSession, now: number): boolean {
  return (
    session.kind === 'scheduled' &&
    (session.state === 'booked' || session.state === 'live') &&
    now < autoCancelAt(session.bookedStart)
  )
}

/** True while the expert has not joined a joinable session: the reminders are for them. */
export function awaitsExpert(session: TimedSession, now: number): boolean {
  return stillJoinable(session, now) && session.state === 'booked' && session.expertJoinedAt === null
}

/** Start is allowed now: the expert has not joined and the start window is open (the UI's rule). */
export function startAllowed(session: TimedSession, now: number): boolean {
  return awaitsExpert(session, now) && startWindowAt(session.bookedStart, now) === 'open'
}

/**
 * Why Start is refused now, in a sentence for the follow-up to a Start pressed on a reminder;
 * null when Start is allowed. `time` writes a platform time as the expert reads it.
 */
export function startRefusal(session: TimedSession, now: number, time: (t: number) => string): string | null {
  if (startAllowed(session, now)) return null
  if (session.state === 'cancelled') return 'The session was cancelled.'
  if (session.state === 'ended') return 'The session has ended.'
  if (session.state === 'live' || session.expertJoinedAt !== null) return 'The session has already started.'
  if (startWindowAt(session.bookedStart, now) === 'too_early')
    return `It is too early: Start opens at ${time(startWindowOpensAt(session.bookedStart))}.`
  return 'The start window has closed.'
}

/**
 * A booked start that changed by less than this is the same appointment: a platform that set its
 * own clock right can send its times again a few seconds off, which is no move to tell or remind of.
 */
export const SAME_TIME_MS = 60_000

/** Whether two booked starts are the same appointment for the expert (see SAME_TIME_MS). */
export function sameBookedTime(a: number, b: number): boolean {
  return Math.abs(a - b) < SAME_TIME_MS
}

/** Whether the session is booked at another time than the one a reminder was shown for (when known). */
export function movedSince(session: TimedSession, shownFor: number): boolean {
  return shownFor !== BOOKED_START_UNKNOWN && !sameBookedTime(session.bookedStart, shownFor)
}

/** The timed alerts of a session, earliest first (at one moment, the reminder before the client alert). */
export function alertPlan(session: TimedSession): ReadonlyArray<PlannedAlert> {
  if (session.kind !== 'scheduled') return []
  const plan: PlannedAlert[] = []
  if (session.state === 'booked' && session.expertJoinedAt === null) {
    for (const r of reminderPlan(session.bookedStart))
      plan.push({ alert: String(r.minutesBefore), at: r.at, minutesBefore: r.minutesBefore })
    plan.push({ alert: ALERT.startingNow, at: session.bookedStart, minutesBefore: 0 })
  }
  if (session.clientJoinedAt === null)
    plan.push({ alert: ALERT.clientAbsent, at: session.bookedStart, minutesBefore: null })
  return plan
}

/**
 * Decide at `now`; `handled(alert)` says whether an alert for this booked time already fired or
 * was skipped. Of the reminders that are due, the latest is shown (late if its moment is past)
 * and the earlier ones are skipped; nothing is due once the session can no longer be joined.
 */
export function dueAlerts(
  session: TimedSession,
  now: number,
  handled: (alert: string) => boolean,
): DueAlerts {
  if (!stillJoinable(session, now)) return NOTHING
  // Asked only of the alerts that are due and of the next one to come: every plan decides for
  // every upcoming session, and each ask is a read of the cache.
  const plan = alertPlan(session)
  const due = plan.filter((a) => a.at <= now && !handled(a.alert))
  const nextAt = plan.find((a) => a.at > now && !handled(a.alert))?.at ?? null
  const reminders = due.filter((a) => a.minutesBefore !== null)
  const latest = reminders.at(-1)
  return {
    skip: reminders.slice(0, -1).map((a) => a.alert),
    reminder:
      latest === undefined
        ? null
        : { ...latest, late: now - latest.at > LATE_GRACE_MS && latest.at >= session.updatedAt },
    clientAbsent: due.some((a) => a.alert === ALERT.clientAbsent),
    nextAt,
  }
}

/** How the alert name of the client's answer to a proposal of another time begins. */
export const RESCHEDULE_ANSWER_PREFIX = 'answer:'

/** The alert name of the client's answer to one proposal of another time (the cache keeps 32 characters). */
export function rescheduleAnswerAlert(proposedAt: number): string {
  return `${RESCHEDULE_ANSWER_PREFIX}${proposedAt}`
}

/**
 * The alert a session's new state calls for, told once when an event brings it: the platform or
 * the client cancelled it (the expert's own cancel needs no telling), the client answered a
 * proposal of another time, or the client joined an instant session the expert is in and billing
 * waits.
 */
export function changeAlert(session: Session): string | null {
  if (session.state === 'cancelled' && session.cancellation !== null)
    return cancelledBy(session.cancellation) === 'expert' ? null : ALERT.cancelled
  const reschedule = session.reschedule
  if (
    session.state === 'booked' &&
    reschedule !== null &&
    (reschedule.state === 'accepted' || reschedule.state === 'declined')
  )
    return rescheduleAnswerAlert(reschedule.proposedAt)
  if (
    session.kind === 'instant' &&
    session.state === 'live' &&
    session.phase === 'context' &&
    session.clientJoinedAt !== null
  )
    return ALERT.clientJoined
  return null
}
