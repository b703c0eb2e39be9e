/**
 * Native notifications. Electron: Notification (with a Join action where the OS supports one);
 * Node (browser shell, tests): recorded as data and printed.
 */
import type { ReminderMoment } from '../reminders/due-alerts'

/** What a notification is about; decides its action and where a click leads. */
export type AppNotification =
  | {
      readonly kind: 'invite'
      readonly inviteId: string
      readonly title: string
      readonly body: string
      readonly instant: boolean
    }
  /**
   * A shown invite closed (taken, expired, withdrawn, declined or accepted, here or elsewhere): the
   * sync engine sends it once per shown invite, so its notification can be taken off the screen.
   * Electron only retracts the invite's notification; the Node notifier records and prints it.
   */
  | {
      readonly kind: 'invite_closed'
      readonly inviteId: string
      readonly title: string
      readonly body: string
    }
  | {
      readonly kind: 'reminder'
      readonly sessionId: string
      readonly title: string
      readonly body: string
      /** Which alert about the session this is; only 'before' and 'starting_now' offer Start and Snooze. */
      readonly moment: ReminderMoment
      /** The booked start it was shown for (platform time): a rebooked session has another. */
      readonly bookedStart: number
      /** Start was allowed when shown; at the click, ask `ReminderScheduler.startAllowed(sessionId)`. */
      readonly startAllowed: boolean
    }
  | { readonly kind: 'notice'; readonly title: string; readonly body: string }

/** Shows notifications to the expert. */
export interface Notifier {
  show(notification: AppNotification): void
}
