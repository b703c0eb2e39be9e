/**
 * The marketplace's timing rules for scheduled sessions, as pure functions of time so the server,
 * the app and the tests all agree on every boundary.
 */
import { assertNever } from '../assert-never'
import type { CancellationReason, Timestamp } from '../protocol/entities'

/** The reasons the system cancels for: a party did not join in time. */
export type AbsenceReason = Extract<CancellationReason, 'expert_absent' | 'client_absent' | 'both_absent'>

const MINUTE_MS = 60_000

/** A scheduled session can be started from this long before its booked time. */
export const START_WINDOW_BEFORE_MS = 10 * MINUTE_MS
/** A session that a party has not joined this long after its start is cancelled. */
export const AUTO_CANCEL_AFTER_MS = 10 * MINUTE_MS
/** Reminders fire this many minutes before a scheduled session, earliest first. */
export const REMINDER_MINUTES_BEFORE: ReadonlyArray<number> = [30, 10]

/** The first moment Start is allowed. */
export function startWindowOpensAt(bookedStart: Timestamp): Timestamp {
  return bookedStart - START_WINDOW_BEFORE_MS
}

/** The moment a session that a party has not joined is cancelled by the system. */
export function autoCancelAt(bookedStart: Timestamp): Timestamp {
  return bookedStart + AUTO_CANCEL_AFTER_MS
}

/** Where `now` falls relative to a booked session's start window. */
export type StartWindow = 'too_early' | 'open' | 'closed'

/** Start is allowed from 10 minutes before the booked time until the auto-cancel deadline. */
export function startWindowAt(bookedStart: Timestamp, now: Timestamp): StartWindow {
  if (now < startWindowOpensAt(bookedStart)) return 'too_early'
  if (now >= autoCancelAt(bookedStart)) return 'closed'
  return 'open'
}

/** Who was missing when the deadline passed; null when both parties joined. */
export function absentParty(
  expertJoinedAt: Timestamp | null,
  clientJoinedAt: Timestamp | null,
): AbsenceReason | null {
  if (expertJoinedAt === null && clientJoinedAt === null) return 'both_absent'
  if (expertJoinedAt === null) return 'expert_absent'
  if (clientJoinedAt === null) return 'client_absent'
  return null
}

/** The absent party pays any cancellation fee; nobody does when neither joined. */
export function feeAssessedTo(reason: AbsenceReason): 'expert' | 'client' | null {
  switch (reason) {
    case 'expert_absent':
      return 'expert'
    case 'client_absent':
      return 'client'
    case 'both_absent':
      return null
    default:
      return assertNever(reason)
  }
}

/** True when the system must cancel the session now. */
export function isDueForAutoCancel(
  session: {
    readonly state: string
    readonly bookedStart: Timestamp
    readonly expertJoinedAt: Timestamp | null
    readonly clientJoinedAt: Timestamp | null
  },
  now: Timestamp,
): boolean {
  if (session.state !== 'booked' && session.state !== 'live') return false
  if (now < autoCancelAt(session.bookedStart)) return false
  return absentParty(session.expertJoinedAt, session.clientJoinedAt) !== null
}

/** One planned reminder. */
export interface PlannedReminder {
  readonly minutesBefore: number
  readonly at: Timestamp
}

/** The reminders for a session booked at `bookedStart`: 30 and 10 minutes before, in order. */
export function reminderPlan(bookedStart: Timestamp): ReadonlyArray<PlannedReminder> {
  return REMINDER_MINUTES_BEFORE.map((minutesBefore) => ({
    minutesBefore,
    at: bookedStart - minutesBefore * MINUTE_MS,
  }))
}
