/**
 * The buttons a reminder's notification carries, in order, where the OS shows buttons. A reminder
 * before the start or at it offers Start (only once the start window is open when it is shown;
 * the press asks again), Open and Snooze; an alert about something that happened offers Open.
 */
import type { ReminderAction } from '../../../shared/labels'
import type { AppNotification } from '../ports/notifier'

/** A reminder's notification. */
export type ReminderNotification = Extract<AppNotification, { kind: 'reminder' }>

/** The reminder's buttons, in the order the notification shows them. */
export function reminderActions(reminder: ReminderNotification): ReadonlyArray<ReminderAction> {
  if (reminder.moment !== 'before' && reminder.moment !== 'starting_now') return ['open']
  return reminder.startAllowed ? ['start', 'open', 'snooze'] : ['open', 'snooze']
}
