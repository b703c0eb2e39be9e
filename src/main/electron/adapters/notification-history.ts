/**
 * macOS: what an earlier run left in Notification Center, gone through at the next start. A
 * reminder or an invite still open is followed again, so a press on it is reported; one shown for
 * a request its session's or invite's id no longer has speaks of something gone, and is removed.
 * A client's message or a notice is followed too: a click on it opens the window, as on Windows.
 */
import { Notification } from 'electron'
import { namesAnotherRequest, type AppNotification } from '../../core/ports/notifier'
import { EARLIER_NOTICE, earlierReminder, inviteIn, reminderIn } from './notification-options'
import type { ElectronNotifierOptions } from './notifier'

/**
 * Re-attach to what Notification Center kept, through `follow`; remove what speaks of what is gone.
 * Notification Center answers this run's notifications too, each as another object Electron holds
 * under its id, which a press on it may reach instead of the one this run showed: `thisRun` (what
 * this run showed under an id, if it did) has it followed as that one, buttons and all.
 */
export async function restoreFromHistory(
  options: Pick<ElectronNotifierOptions, 'findInvite' | 'reminderForAnother'>,
  follow: (notification: Notification, data: AppNotification, buttonsKnown?: boolean) => void,
  thisRun: (id: string) => AppNotification | undefined,
): Promise<void> {
  for (const earlier of await Notification.getHistory()) {
    const shown = thisRun(earlier.id)
    if (shown !== undefined) {
      follow(earlier, shown)
      continue
    }
    const reminder = reminderIn(earlier.id)
    // One shown for a request whose session id is now another's speaks of a session gone.
    const gone = reminder !== null && options.reminderForAnother?.(reminder.sessionId, reminder.requestId)
    if (gone === true) Notification.remove(earlier.id)
    else if (reminder !== null) follow(earlier, earlierReminder(reminder), false)
    const invite = inviteIn(earlier.id)
    // A client's message or a notice: a click opens the window, as on Windows.
    if (invite === null && reminder === null) follow(earlier, EARLIER_NOTICE)
    if (invite === null) continue
    const still = options.findInvite(invite.inviteId)
    // One of a request the invite's id no longer has speaks of an invite gone. One an earlier
    // version showed names none: it stays, its presses told as such (notification-actions.ts).
    if (still?.kind !== 'invite' || namesAnotherRequest(invite.requestId, still.requestId))
      Notification.remove(earlier.id)
    else follow(earlier, { ...still, requestId: invite.requestId })
  }
}
