/**
 * The words of every reminder and session alert: what happened and what the expert can do, with
 * times in this machine's local time (`time` formats them).
 */
import type { Cancellation, Session } from '../../../shared/protocol'
import { nameInSentence, titleInSentence } from '../../../shared/sentence-parts'
import {
  AUTO_CANCEL_AFTER_MS,
  autoCancelAt,
  startWindowAt,
  startWindowOpensAt,
} from '../../../shared/rules/session-timing'

/** A notification's words. */
export interface ReminderText {
  readonly title: string
  readonly body: string
}

/** Formats a moment in local time ("14:10"). */
export type TimeFormat = (t: number) => string

const MINUTE_MS = 60_000

function minutes(n: number): string {
  return n === 1 ? '1 minute' : `${n} minutes`
}

function startHint(session: Session, now: number, time: TimeFormat): string {
  return startWindowAt(session.bookedStart, now) === 'open'
    ? 'You can start it now.'
    : `Start opens at ${time(startWindowOpensAt(session.bookedStart))}.`
}

/**
 * Why a reminder came late: its moment passed while this computer slept (or was too busy to run
 * Standby: a frozen process looks the same), Standby was closed or no one was signed in
 * ('away'), or while Standby ran by a platform time that a new reading of the platform's clock
 * then moved past it ('clock').
 */
export type LateCause = 'away' | 'clock'

/** A reminder shown after its moment: which one, when it was due, and why it is late. */
export interface LateReminder {
  readonly minutesBefore: number
  readonly dueAt: number
  readonly cause: LateCause
}

/**
 * A reminder before the start. Late (the machine slept, Standby was closed, the platform's clock
 * was read further on) it says when it was due and why, and the title counts the minutes really left.
 */
export function beforeText(
  session: Session,
  now: number,
  time: TimeFormat,
  late: LateReminder | null,
): ReminderText {
  const left = Math.max(1, Math.ceil((session.bookedStart - now) / MINUTE_MS))
  const what = `Scheduled session with ${nameInSentence(session.client.name)} at ${time(session.bookedStart)}.`
  const why =
    late === null
      ? ''
      : late.cause === 'away'
        ? ` This ${late.minutesBefore}-minute reminder was due at ${time(late.dueAt)}, while this computer was asleep or too busy, or Standby was closed or signed out.`
        : ` This ${late.minutesBefore}-minute reminder was due at ${time(late.dueAt)} by the platform's clock, which Standby has only now read that far on.`
  return {
    title: `In ${minutes(left)}: ${session.request.title}`,
    body: `${what}${why} ${startHint(session, now, time)}`,
  }
}

/** A reminder said within another alert: how long is left ("in 15 minutes") and what to do. */
export interface DueTail {
  readonly lead: string
  readonly hint: string
}

/** The reminder of `moment` due now, for an alert that tells it in the same breath. */
export function dueTail(session: Session, now: number, moment: string, time: TimeFormat): DueTail {
  const name = nameInSentence(session.client.name)
  const cancelAt = time(autoCancelAt(session.bookedStart))
  if (moment === 'before') {
    const left = Math.max(1, Math.ceil((session.bookedStart - now) / MINUTE_MS))
    return { lead: `in ${minutes(left)}`, hint: startHint(session, now, time) }
  }
  const who = session.clientJoinedAt === null ? `${name} has not joined yet` : `${name} is waiting`
  if (moment === 'starting_now')
    return {
      lead: 'starting now',
      hint: `${who}. Start it before ${cancelAt}, or the platform cancels the session.`,
    }
  return {
    lead: `${name} has not joined yet`,
    hint: `If ${name} has not joined by ${cancelAt}, the platform cancels the session and ${name} pays the fee.`,
  }
}

/** The one "starting now": the start time has come and the expert has not joined. */
export function startingNowText(session: Session, time: TimeFormat): ReminderText {
  const cancelAt = time(autoCancelAt(session.bookedStart))
  const name = nameInSentence(session.client.name)
  const who =
    session.clientJoinedAt === null ? `${name}, who has not joined yet either` : `${name}, who is waiting`
  return {
    title: `Starting now: ${session.request.title}`,
    body: `Booked for ${time(session.bookedStart)} with ${who}. Start it before ${cancelAt}, or the platform cancels the session.`,
  }
}

/** The start time has come and the client is not there. */
export function clientAbsentText(session: Session, time: TimeFormat): ReminderText {
  const name = nameInSentence(session.client.name)
  const cancelAt = time(autoCancelAt(session.bookedStart))
  // The absent party pays; when the expert is not in either, nobody does.
  const fee = session.expertJoinedAt === null ? '' : ` and ${name} pays the fee`
  return {
    title: `${name} has not joined yet; auto-cancel at ${cancelAt}`,
    body: `“${titleInSentence(session.request.title)}” was booked for ${time(session.bookedStart)}. You can message ${name} meanwhile; if they have not joined by ${cancelAt}, the platform cancels the session${fee}.`,
  }
}

/** The platform cancelled the session because a party did not join in time. */
export function cancelledText(session: Session, cancellation: Cancellation, time: TimeFormat): ReminderText {
  const name = nameInSentence(session.client.name)
  const grace = `within ${AUTO_CANCEL_AFTER_MS / MINUTE_MS} minutes of ${time(session.bookedStart)}`
  const absent =
    cancellation.reason === 'client_absent'
      ? `${name} did not join ${grace}`
      : cancellation.reason === 'expert_absent'
        ? `You did not join ${grace}`
        : `Neither you nor ${name} joined ${grace}`
  const fee =
    cancellation.feeAssessedTo === 'client'
      ? `${name} pays the cancellation fee.`
      : cancellation.feeAssessedTo === 'expert'
        ? 'You pay the cancellation fee.'
        : 'Nobody pays a cancellation fee.'
  return {
    title: `Cancelled: ${session.request.title}`,
    body: `${absent}, so the platform cancelled the session. ${fee} It is in your history.`,
  }
}

/** The client joined a session the expert is in: billing waits for the expert. */
export function clientJoinedText(session: Session): ReminderText {
  return {
    title: `${nameInSentence(session.client.name)} joined: start billing when you're sure`,
    body: `“${titleInSentence(session.request.title)}”: build context first; billable time starts only when you start billing.`,
  }
}
