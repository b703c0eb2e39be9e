/**
 * The words the window uses for a booked session's changes ahead of time: what cancelling would
 * cost now (by the platform's clock), a proposal of another time and its answer, and who cancelled.
 */
import type { Session } from '../../shared/protocol/entities'
import { cancellationTermsAt, cancelledBy } from '../../shared/rules/cancellation-terms'
import { outsideWindow, PROPOSED_TIME_WINDOW } from '../../shared/rules/time-windows'
import { formatDayTime } from './format'

/** The line shown before Confirm: free until when, or that a late-cancellation fee applies. */
export function cancelTermsLine(session: Session, now: number): string {
  const terms = cancellationTermsAt(session, now)
  switch (terms.kind) {
    case 'free':
      return `Free to cancel until ${formatDayTime(terms.until)}.`
    case 'fee':
      return 'A late-cancellation fee applies: you pay it.'
    case 'unknown':
      return 'The platform has not said whether cancelling now is free; it decides when you confirm.'
  }
}

/** Where the expert's proposal of another time stands, or null when there is nothing to say. */
export function rescheduleLine(session: Session): string | null {
  const reschedule = session.reschedule
  if (reschedule === null) return null
  const name = session.client.name
  switch (reschedule.state) {
    case 'pending':
      // Only a booked session can still move: one that started or was cancelled has nothing to wait for.
      return session.state === 'booked'
        ? `You proposed ${formatDayTime(reschedule.proposedStart)}: waiting for ${name} to answer.`
        : null
    case 'accepted':
      return `${name} accepted the new time (it was ${formatDayTime(reschedule.previousStart)}).`
    case 'declined':
      return `${name} declined ${formatDayTime(reschedule.proposedStart)}; the session keeps its time.`
    case 'lapsed':
      return session.state === 'booked'
        ? `Your proposal of ${formatDayTime(reschedule.proposedStart)} lapsed unanswered.`
        : null
  }
}

/** Who cancelled a session and what they wrote, for its row in History; null when it was not cancelled. */
export function cancelledLine(session: Session): string | null {
  const cancellation = session.cancellation
  if (session.state !== 'cancelled' || cancellation === null) return null
  const note = cancellation.message === undefined ? '' : `: “${cancellation.message}”`
  switch (cancelledBy(cancellation)) {
    case 'client':
      return `${session.client.name} cancelled${note}`
    case 'expert':
      return `You cancelled${note}`
    case 'system':
      return null
  }
}

/** The value of a datetime-local input for `t` in this machine's zone ("2026-03-03T14:00"). */
export function localInputValue(t: number): string {
  const date = new Date(t)
  const pad = (n: number): string => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`
}

/**
 * The time a datetime-local input's value names, checked against the platform's `now`: a time
 * in ms, or a sentence saying what to change.
 */
export function proposedStartOf(
  value: string,
  session: Session,
  now: number,
): { readonly ok: true; readonly start: number } | { readonly ok: false; readonly message: string } {
  const start = value === '' ? Number.NaN : new Date(value).getTime()
  if (Number.isNaN(start)) return { ok: false, message: 'Choose a date and time.' }
  if (start <= now) return { ok: false, message: 'Choose a time in the future.' }
  // The platform's own bound, said before sending: past the protocol's last date the host would
  // refuse it in words meant for developers.
  if (outsideWindow(start, now, PROPOSED_TIME_WINDOW) !== null)
    return { ok: false, message: 'Choose a time within two years from now.' }
  if (start === session.bookedStart) return { ok: false, message: 'The session is already at that time.' }
  return { ok: true, start }
}
