/**
 * The words of the alerts about what the client did ahead of a booked session: cancelled it, or
 * answered the expert's proposal of another time. Times are in this machine's locale and zone.
 */
import type { Cancellation, Reschedule, Session } from '../../../shared/protocol'
import type { DayTimeFormat } from '../sync/invite-notification'
import type { ReminderText } from './reminder-texts'

/** The client cancelled ahead of time: "Sam cancelled Query plan, Tue 14:00", their note, and the fee. */
export function clientCancelledText(
  session: Session,
  cancellation: Cancellation,
  dayTime: DayTimeFormat,
): ReminderText {
  const name = session.client.name
  const note = cancellation.message === undefined ? '' : `“${cancellation.message}” `
  const fee =
    cancellation.feeAssessedTo === 'client'
      ? `${name} cancelled late and pays the cancellation fee.`
      : 'No fee: it was cancelled in the free period.'
  return {
    title: `${name} cancelled ${session.request.title}, ${dayTime(session.bookedStart)}`,
    body: `${note}${fee} Its reminders are off; it is in your history.`,
  }
}

/** The client answered the expert's proposal: the session moved, or stays where it was. */
export function rescheduleAnswerText(
  session: Session,
  reschedule: Reschedule,
  dayTime: DayTimeFormat,
): ReminderText {
  const name = session.client.name
  if (reschedule.state === 'accepted') {
    return {
      title: `${name} accepted the new time: ${session.request.title}`,
      body: `Moved from ${dayTime(reschedule.previousStart)} to ${dayTime(session.bookedStart)}. Reminders follow the new time.`,
    }
  }
  return {
    title: `${name} declined the new time: ${session.request.title}`,
    body: `The session stays at ${dayTime(session.bookedStart)}. You can propose another time or keep it.`,
  }
}
