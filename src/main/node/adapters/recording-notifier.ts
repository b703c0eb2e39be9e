/**
 * Notifications in plain Node (browser shell, tests): each one is kept as data, handed to the
 * listeners, and printed as one line, e.g. "[notification] Invite (Instant): Hooks question — …".
 */
import { kindLabel } from '../../../shared/labels'
import type { AppNotification, Notifier } from '../../core/ports/notifier'
import { Listeners, type Unsubscribe } from '../../../shared/listeners'

/** A Notifier that remembers what it showed. */
export interface RecordingNotifier extends Notifier {
  /** Every notification shown so far, oldest first. */
  readonly shown: ReadonlyArray<AppNotification>
  /** Calls `listener` with each notification from now on. */
  onShow(listener: (notification: AppNotification) => void): Unsubscribe
}

/** Where the lines go (process.stdout, or a test's buffer). */
export type LineOutput = Pick<NodeJS.WritableStream, 'write'>

/** A notifier that records and prints; `out` is optional so tests can stay quiet. */
export function createRecordingNotifier(options: { readonly out?: LineOutput } = {}): RecordingNotifier {
  const shown: AppNotification[] = []
  const listeners = new Listeners<AppNotification>()
  return {
    shown,
    show(notification) {
      shown.push(notification)
      options.out?.write(`${notificationLine(notification)}\n`)
      listeners.emit(notification)
    },
    onShow: (listener) => listeners.add(listener),
  }
}

/** What kind of notification this is, as a person would say it. */
export function notificationLabel(notification: AppNotification): string {
  switch (notification.kind) {
    case 'invite':
      return `Invite (${kindLabel(notification.instant ? 'instant' : 'scheduled')})`
    case 'invite_closed':
      return 'Invite closed'
    case 'reminder':
      return 'Reminder'
    case 'notice':
      return 'Notice'
  }
}

/** The printed line. Text from the platform is flattened to one line so it cannot forge others. */
export function notificationLine(notification: AppNotification): string {
  const flat = (text: string): string => text.replace(/\s+/g, ' ').trim()
  return `[notification] ${notificationLabel(notification)}: ${flat(notification.title)} — ${flat(notification.body)}`
}
