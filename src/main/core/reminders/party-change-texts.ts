/**
 * The words of the alerts about what the client did ahead of a booked session: cancelled it, or
 * answered the expert's proposal of another time. Times are in this machine's locale and zone.
 */
import type { Cancellation, Reschedule, Session } from '../../../shared/protocol'
import { nameInSentence, noteInSentence, titleInSentence } from '../../../shared/sentence-parts'
import type { DayTimeFormat } from '../sync/invite-notification'
import type { DueTail, ReminderText } from './reminder-texts'

/** The client cancelled ahead of time: "Sam cancelled Query plan, Tue 14:00", the fee, and their note. */
export function clientCancelledText(
  session: Session,
  cancellation: Cancellation,
  dayTime: DayTimeFormat,
): ReminderText {
  const name = nameInSentence(session.client.name)
  // The app's words first, the client's note last and on one line: a long note is what a body's
  // cut takes, never the fee, and no line of it stands apart to read as the app's own.
  const note =
    cancellation.message === undefined ? '' : `\n${name} wrote: “${noteInSentence(cancellation.message)}”`
  const fee =
    cancellation.feeAssessedTo === 'client'
      ? `${name} cancelled late and pays the cancellation fee.`
      : 'No fee: it was cancelled in the free period.'
  return {
    title: `${name} cancelled ${titleInSentence(session.request.title)}, ${dayTime(session.bookedStart)}`,
    body: `${fee} Its reminders are off; it is in your history.${note}`,
  }
}

/**
 * The client answered the expert's proposal: the session moved, or stays where it was. With the
 * reminder an accepted time makes due at once, how long is left ("…, in 15 minutes: …") and what to do.
 */
export function rescheduleAnswerText(
  session: Session,
  reschedule: Reschedule,
  dayTime: DayTimeFormat,
  due: DueTail | null = null,
): ReminderText {
  const name = nameInSentence(session.client.name)
  const title = titleInSentence(session.request.title)
  if (reschedule.state === 'accepted') {
    return {
      // When it is due before the client's title: a cut of a long name and title together takes the end.
      title: `${name} accepted the new time${due === null ? '' : `, ${due.lead}`}: ${title}`,
      body: `Moved from ${dayTime(reschedule.previousStart)} to ${dayTime(session.bookedStart)}. ${due === null ? 'Reminders follow the new time.' : due.hint}`,
    }
  }
  return {
    title: `${name} declined the new time: ${title}`,
    body: `The session stays at ${dayTime(session.bookedStart)}. You can propose another time or keep it.`,
  }
}
