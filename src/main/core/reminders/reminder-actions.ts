/**
 * A reminder's notification as the scheduler shows it, and the buttons it carries, in order, where the OS shows buttons. A reminder
 * before the start or at it offers Start (only once the start window is open when it is shown;
 * the press asks again), Open and Snooze; an alert about something that happened offers Open.
 */
import type { ReminderAction } from '../../../shared/labels'
import type { Session } from '../../../shared/protocol'
import type { AppNotification } from '../ports/notifier'
import { startAllowed, type ReminderMoment } from './due-alerts'
import type { ReminderText } from './reminder-texts'

/** A reminder's notification. */
export type ReminderNotification = Extract<AppNotification, { kind: 'reminder' }>

/** The reminder's buttons, in the order the notification shows them. */
export function reminderActions(reminder: ReminderNotification): ReadonlyArray<ReminderAction> {
  if (reminder.moment !== 'before' && reminder.moment !== 'starting_now') return ['open']
  return reminder.startAllowed ? ['start', 'open', 'snooze'] : ['open', 'snooze']
}

/** The notification of a reminder or alert of `moment` about the session, with `text`, shown at `now`. */
export function reminderNotification(
  session: Session,
  now: number,
  moment: ReminderMoment,
  text: ReminderText,
): ReminderNotification {
  return {
    kind: 'reminder',
    sessionId: session.id,
    moment,
    bookedStart: session.bookedStart,
    requestId: session.request.id,
    startAllowed: startAllowed(session, now),
    ...text,
  }
}
