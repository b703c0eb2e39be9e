/**
 * The words the window uses for a booked session's changes ahead of time: what cancelling would
 * cost now (by the platform's clock), a proposal of another time and its answer, and who cancelled.
 */
import type { Session } from '../../shared/protocol/entities'
import { cancellationTermsAt, cancelledBy } from '../../shared/rules/cancellation-terms'
import { outsideWindow, PROPOSED_TIME_WINDOW } from '../../shared/rules/time-windows'
import { formatDay, formatDayTime, formatTime } from './format'
import { noticeText, theirs, type NoticeText } from './isolate'
import { momentsOfInput } from './local-input'

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
export function rescheduleLine(session: Session): NoticeText | null {
  const reschedule = session.reschedule
  if (reschedule === null) return null
  const name = theirs(session.client.name)
  switch (reschedule.state) {
    case 'pending':
      // Only a booked session can still move: one that started or was cancelled has nothing to wait for.
      return session.state === 'booked'
        ? noticeText`You proposed ${formatDayTime(reschedule.proposedStart)}: waiting for ${name} to answer.`
        : null
    case 'accepted':
      return noticeText`${name} accepted the new time (it was ${formatDayTime(reschedule.previousStart)}).`
    case 'declined':
      return noticeText`${name} declined ${formatDayTime(reschedule.proposedStart)}; the session keeps its time.`
    case 'lapsed':
      return session.state === 'booked'
        ? `Your proposal of ${formatDayTime(reschedule.proposedStart)} lapsed unanswered.`
        : null
  }
}

/** Who cancelled a session and what they wrote, for its row in History; null when it was not cancelled. */
export function cancelledLine(session: Session): NoticeText | null {
  const cancellation = session.cancellation
  if (session.state !== 'cancelled' || cancellation === null) return null
  const note = cancellation.message === undefined ? [] : noticeText`: “${theirs(cancellation.message)}”`
  switch (cancelledBy(cancellation)) {
    case 'client':
      return [theirs(session.client.name), ' cancelled', ...note]
    case 'expert':
      return ['You cancelled', ...note]
    case 'system':
      return null
  }
}

/**
 * A proposed start as the form reads it: the time to send, or a sentence saying what to change;
 * with both moments, earliest first, when the time comes twice (the clocks go back), for the
 * expert to pick one.
 */
export type ProposedStart = (
  { readonly ok: true; readonly start: number } | { readonly ok: false; readonly message: string }
) & { readonly twice: readonly [number, number] | null }

/**
 * The time a datetime-local input's value names where the expert is (`timeZone`), checked
 * against the platform's `now`. A time the clocks skip is refused with a sentence saying so; of a
 * time they repeat, the first is taken unless `later`, and both are given for the form to offer.
 */
export function proposedStartOf(
  value: string,
  session: Session,
  now: number,
  { later = false, timeZone }: { readonly later?: boolean; readonly timeZone?: string } = {},
): ProposedStart {
  const read = momentsOfInput(value, timeZone)
  if (read.kind === 'invalid') return { ok: false, message: 'Choose a date and time.', twice: null }
  // Of a repeated time whose first showing has passed, the second is still to come.
  const ahead =
    read.kind === 'skipped' ? [read.near].filter((t) => t > now) : read.moments.filter((t) => t > now)
  const [first, second] = ahead
  if (first === undefined) return { ok: false, message: 'Choose a time in the future.', twice: null }
  const twice = second === undefined ? null : ([first, second] as const)
  const start = later && second !== undefined ? second : first
  // The platform's own bound, said before sending: past the protocol's last date the host would
  // refuse it in words meant for developers.
  if (outsideWindow(start, now, PROPOSED_TIME_WINDOW) !== null)
    return { ok: false, message: 'Choose a time within two years from now.', twice }
  if (read.kind === 'skipped')
    return {
      ok: false,
      message: `${formatDay(read.near)} has no ${read.wallTime} where you are: the clocks go forward past it. Choose another time, such as ${formatTime(read.near)}.`,
      twice: null,
    }
  if (start === session.bookedStart)
    return { ok: false, message: 'The session is already at that time.', twice }
  return { ok: true, start, twice }
}
