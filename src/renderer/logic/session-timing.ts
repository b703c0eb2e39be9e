/**
 * What the UI says about a booked session's timing: when Start opens, when the session is
 * cancelled, which reminders are due. The rules themselves are src/shared/rules/session-timing.ts.
 */
import type { Session } from '../../shared/protocol/entities'
import { assertNever } from '../../shared/assert-never'
import {
  absentParty,
  autoCancelAt,
  reminderPlan,
  startWindowAt,
  startWindowOpensAt,
} from '../../shared/rules/session-timing'
import { formatTime, formatTimeOnDayOf } from './format'
import { noticeText, theirs, type NoticeText } from './isolate'

/** How the Start button should look at `now`. */
export type StartState =
  | { readonly kind: 'too_early'; readonly opensAt: number }
  | { readonly kind: 'open'; readonly started: boolean; readonly cancelsAt: number }
  | { readonly kind: 'closed' }

/** Start's state for a booked session at `now`. */
export function startState(bookedStart: number, now: number): StartState {
  switch (startWindowAt(bookedStart, now)) {
    case 'too_early':
      return { kind: 'too_early', opensAt: startWindowOpensAt(bookedStart) }
    case 'open':
      return { kind: 'open', started: now >= bookedStart, cancelsAt: autoCancelAt(bookedStart) }
    case 'closed':
      return { kind: 'closed' }
  }
}

/**
 * "Auto-cancels at 13:10 if the client has not joined", once the start time has passed with a party
 * absent; else null. A client already waiting is named: then the absent party, who pays, is the expert.
 */
export function autoCancelNotice(session: Session, now: number): NoticeText | null {
  if (now < session.bookedStart) return null
  if (session.state !== 'booked' && session.state !== 'live') return null
  const absent = absentParty(session.expertJoinedAt, session.clientJoinedAt)
  if (absent === null) return null
  const at = formatTime(autoCancelAt(session.bookedStart))
  switch (absent) {
    case 'both_absent':
      return `Auto-cancels at ${at} if you or the client have not joined`
    case 'client_absent':
      return `Auto-cancels at ${at} if the client has not joined`
    case 'expert_absent':
      return noticeText`${theirs(session.client.name)} is waiting: auto-cancels at ${at}, with the fee charged to you, if you have not joined`
    default:
      return assertNever(absent)
  }
}

/**
 * "Reminders at 12:30 and 12:50", "10-minute reminder at 12:50", "Reminders sent", or "Reminders off".
 * A reminder is to come while its moment is ahead and it is not among those `sent` (their minutes
 * before the start, as the host marked them): platform time can move back, a sent reminder cannot.
 */
export function reminderStatus(
  bookedStart: number,
  now: number,
  enabled: boolean,
  sent: ReadonlyArray<number>,
): string {
  if (!enabled) return 'Reminders off'
  const due = reminderPlan(bookedStart).filter(
    (reminder) => reminder.at > now && !sent.includes(reminder.minutesBefore),
  )
  if (due.length === 0) return 'Reminders sent'
  // The card sits under its session's day: a reminder on the day before (a start just after
  // midnight) carries its own day, or "23:35" would read as that evening, after the session.
  const when = (t: number): string => formatTimeOnDayOf(t, bookedStart)
  if (due.length === 1) return `${due[0]!.minutesBefore}-minute reminder at ${when(due[0]!.at)}`
  return `Reminders at ${due.map((reminder) => when(reminder.at)).join(' and ')}`
}
