/**
 * How the notifier takes its notifications down, keeping the OS's notification centre in step with
 * the app's lists: a closed invite's notification goes at once, a reminder whose session no longer
 * waits, a notice whose condition is over, and everything once the expert is gone. On macOS one an
 * earlier run showed is reached by its id.
 */
import { Notification } from 'electron'
import type { AppNotification } from '../../core/ports/notifier'
import { closesWithInvite } from '../../core/messages/message-notification'
import { withdraws } from '../../core/reminders/shown-reminders'
import { withdrawsInvite } from '../../core/sync/invite-notification'
import type { HeldNotifications } from './held-notifications'
import {
  inviteNotificationId,
  noticeNotificationId,
  ofSession,
  reminderNotificationId,
} from './notification-options'

/** The ways the notifier takes its notifications down. */
export interface NotificationTakeDown {
  /** What a notice told of is over: its notification leaves the screen and the notification centre. */
  withdraw(noticeId: string): void
  /** A reminder that no longer holds leaves the screen. */
  withdrawReminder(closed: Extract<AppNotification, { kind: 'reminder_closed' }>): void
  /** The expert is gone: every notification leaves. */
  withdrawAll(): void
  /** The invite is gone: its notification leaves, with a client's message whose thread closed with it. */
  retract(closed: Extract<AppNotification, { kind: 'invite_closed' }>): void
}

/** The take-downs over the notifications `held` holds, as `platform` allows them. */
export function notificationTakeDown(
  held: HeldNotifications,
  platform: NodeJS.Platform,
): NotificationTakeDown {
  return { withdraw, withdrawReminder, withdrawAll, retract }

  /** What a notice told of is over: its notification leaves the screen and the notification centre. */
  function withdraw(noticeId: string): void {
    takeDown((data) => data.kind === 'notice' && data.noticeId === noticeId, noticeNotificationId(noticeId))
  }

  /**
   * A reminder that no longer holds leaves the screen: the held one (an earlier run's too, held
   * since `restore`). By id only on macOS when none of the session is held (let go past the cap):
   * the id is the session's, and an alert of it held now (cancelled, moved) carries it too.
   */
  function withdrawReminder(closed: Extract<AppNotification, { kind: 'reminder_closed' }>): void {
    const anyHeld = [...held.about.values()].some(ofSession(closed.sessionId))
    held.close((data) => withdraws(closed, data))
    if (!anyHeld && platform === 'darwin')
      Notification.remove(reminderNotificationId(closed.sessionId, closed.requestId))
  }

  /**
   * The expert is gone: every held notification closes (on Windows that takes it out of the
   * Action Center too), and on macOS whatever an earlier run left in Notification Center goes.
   */
  function withdrawAll(): void {
    held.close(() => true)
    if (platform === 'darwin') Notification.removeAll()
  }

  /**
   * The invite is gone: its notification leaves the screen and the notification centre at once, and
   * so does a client's message about it whose thread closed with it.
   */
  function retract(closed: Extract<AppNotification, { kind: 'invite_closed' }>): void {
    takeDown(
      (data) => withdrawsInvite(closed, data) || closesWithInvite(closed, data),
      inviteNotificationId(closed.inviteId, closed.requestId),
    )
  }

  /** Close the held notifications `matches` accepts, and on macOS the one with `id` from any run. */
  function takeDown(matches: (data: AppNotification) => boolean, id: string): void {
    held.close(matches)
    // One shown before a restart has no object here; macOS finds it by id.
    if (platform === 'darwin') Notification.remove(id)
  }
}
