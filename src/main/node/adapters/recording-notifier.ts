/**
 * Notifications in plain Node (browser shell, tests): each one is kept as data, handed to the
 * listeners, and printed as one line, e.g. "[notification] Invite: Sam Lee: Hooks question — …".
 * The notifications still "on screen" can be pressed (`press`, the shell's test hook does it),
 * which reports the press as Electron's notifier does; a closed invite's notification is removed
 * (with a client's message about it, unless the expert accepted it), and so is a reminder
 * withdrawn because its session no longer waits, and everything once the expert is gone.
 */
import {
  MOST_NOTIFICATIONS_HELD,
  type AppNotification,
  type NotificationAction,
  type NotificationActivation,
  type Notifier,
  type NotifierHealth,
} from '../../core/ports/notifier'
import { closesWithInvite } from '../../core/messages/message-notification'
import { withdraws } from '../../core/reminders/shown-reminders'
import { withdrawsInvite } from '../../core/sync/invite-notification'
import { Listeners, type Unsubscribe } from '../../../shared/listeners'
import { HISTORY_KEPT, record, withLatest } from './recorded-history'

/** An invite's notification as recorded. */
type InviteNotification = Extract<AppNotification, { kind: 'invite' }>
/** A reminder's notification as recorded. */
type ReminderNotification = Extract<AppNotification, { kind: 'reminder' }>

/** A client's message as recorded. */
type MessageNotification = Extract<AppNotification, { kind: 'message' }>

/** A notice as recorded. */
type NoticeNotification = Extract<AppNotification, { kind: 'notice' }>

/** Which notification a press is on: an invite's, the latest reminder of a session, or a thread's latest message. */
export type PressTarget =
  { readonly inviteId: string } | { readonly sessionId: string } | { readonly requestId: string }

/** A Notifier that remembers what it showed. */
export interface RecordingNotifier extends Notifier {
  /** The notifications shown so far, oldest first (invite_closed included): the latest HISTORY_KEPT. */
  readonly shown: ReadonlyArray<AppNotification>
  /** The invite notifications still on screen: shown, not removed, not pressed. */
  readonly onScreen: ReadonlyArray<InviteNotification>
  /** The reminders on screen: shown, not pressed (a newer one of a session replaces the older). */
  readonly remindersOnScreen: ReadonlyArray<ReminderNotification>
  /** The notices on screen: shown and not withdrawn (a notice is not pressed away here). */
  readonly noticesOnScreen: ReadonlyArray<NoticeNotification>
  /** A client's messages on screen: the latest of each thread, not pressed. */
  readonly messagesOnScreen: ReadonlyArray<MessageNotification>
  /** The invites whose notification was removed because the invite closed, in order (the latest HISTORY_KEPT). */
  readonly removed: ReadonlyArray<string>
  /** The sessions whose reminder was withdrawn because it no longer held, in order (the latest HISTORY_KEPT). */
  readonly withdrawnReminders: ReadonlyArray<string>
  /** Calls `listener` with each notification from now on. */
  onShow(listener: (notification: AppNotification) => void): Unsubscribe
  /** Calls `listener` with each press on a notification. */
  onActivate(listener: (activation: NotificationActivation) => void): Unsubscribe
  /**
   * Press the notification of an invite or a session that is on screen (its body, or a button):
   * the hook tests use. Throws when none is, as no one can press a notification that is gone.
   */
  press(target: PressTarget, action: NotificationAction): void
  health(): NotifierHealth
  onHealthChange(listener: (health: NotifierHealth) => void): Unsubscribe
  /** Play the OS letting notifications through or not (Settings' health line and the banner follow). */
  setHealth(health: NotifierHealth): void
}

/** Where the lines go (process.stdout, or a test's buffer). */
export type LineOutput = Pick<NodeJS.WritableStream, 'write'>

/**
 * A notifier that records and prints; `out` is optional so tests can stay quiet. Like the OS's, it
 * keeps at most MOST_NOTIFICATIONS_HELD of each kind on screen, and `historyKept` of its history.
 */
export function createRecordingNotifier(
  options: { readonly out?: LineOutput; readonly historyKept?: number } = {},
): RecordingNotifier {
  const kept = options.historyKept ?? HISTORY_KEPT
  const most = MOST_NOTIFICATIONS_HELD
  const shown: AppNotification[] = []
  const removed: string[] = []
  const withdrawnReminders: string[] = []
  let onScreen: InviteNotification[] = []
  let reminders: ReminderNotification[] = []
  let messages: MessageNotification[] = []
  let notices: NoticeNotification[] = []
  let health: NotifierHealth = { status: 'ok' }
  const listeners = new Listeners<AppNotification>()
  const activations = new Listeners<NotificationActivation>()
  const healthChanges = new Listeners<NotifierHealth>()
  return {
    shown,
    removed,
    withdrawnReminders,
    get onScreen() {
      return onScreen
    },
    get remindersOnScreen() {
      return reminders
    },
    get noticesOnScreen() {
      return notices
    },
    get messagesOnScreen() {
      return messages
    },
    show(notification) {
      record(shown, notification, kept)
      options.out?.write(`${notificationLine(notification)}\n`)
      // Shown again only for another request under its id: the first one's leaves, as on the OS.
      if (notification.kind === 'invite')
        onScreen = withLatest(
          onScreen.filter((n) => n.inviteId !== notification.inviteId),
          notification,
          most,
        )
      if (notification.kind === 'reminder')
        reminders = withLatest(
          reminders.filter((r) => r.sessionId !== notification.sessionId),
          notification,
          most,
        )
      if (notification.kind === 'message')
        messages = withLatest(
          messages.filter((m) => m.requestId !== notification.requestId),
          notification,
          most,
        )
      if (notification.kind === 'notice')
        notices = withLatest(
          notices.filter((n) => !sameNotice(n, notification)),
          notification,
          most,
        )
      if (notification.kind === 'reminder_closed') {
        reminders = reminders.filter((r) => !withdraws(notification, r))
        record(withdrawnReminders, notification.sessionId, kept)
      }
      if (notification.kind === 'notice_withdrawn')
        notices = notices.filter((n) => n.noticeId !== notification.noticeId)
      if (notification.kind === 'all_withdrawn') {
        onScreen = []
        reminders = []
        messages = []
        notices = []
      }
      if (notification.kind === 'invite_closed') {
        onScreen = onScreen.filter((n) => !withdrawsInvite(notification, n))
        messages = messages.filter((m) => !closesWithInvite(notification, m))
        record(removed, notification.inviteId, kept)
      }
      listeners.emit(notification)
    },
    onShow: (listener) => listeners.add(listener),
    onActivate: (listener) => activations.add(listener),
    press(target, action) {
      // A pressed notification leaves the screen, as the OS takes it away.
      if ('inviteId' in target) {
        const notification = onScreen.find((n) => n.inviteId === target.inviteId)
        if (notification === undefined) throw notOnScreen(`invite ${target.inviteId}`)
        onScreen = onScreen.filter((n) => n !== notification)
        return activations.emit({ action, notification })
      }
      if ('requestId' in target) {
        const message = messages.find((n) => n.requestId === target.requestId)
        if (message === undefined) throw notOnScreen(`the thread of request ${target.requestId}`)
        messages = messages.filter((n) => n !== message)
        return activations.emit({ action, notification: message })
      }
      const reminder = reminders.find((n) => n.sessionId === target.sessionId)
      if (reminder === undefined) throw notOnScreen(`session ${target.sessionId}`)
      reminders = reminders.filter((n) => n !== reminder)
      activations.emit({ action, notification: reminder })
    },
    health: () => health,
    onHealthChange: (listener) => healthChanges.add(listener),
    setHealth(next) {
      health = next
      healthChanges.emit(next)
    },
  }
}

function notOnScreen(what: string): Error {
  return new Error(`No notification for ${what} is on screen; it was removed or never shown.`)
}

/** What kind of notification this is, as a person would say it. */
export function notificationLabel(notification: AppNotification): string {
  switch (notification.kind) {
    case 'invite':
      return 'Invite'
    case 'invite_closed':
      return 'Invite closed'
    case 'reminder':
      return 'Reminder'
    case 'message':
      return 'Message'
    case 'notice':
      return 'Notice'
    case 'notice_withdrawn':
      return 'Notice withdrawn'
    case 'reminder_closed':
      return 'Reminder withdrawn'
    case 'all_withdrawn':
      return 'All withdrawn'
  }
}

/** The printed line. Text from the platform is flattened to one line so it cannot forge others. */
export function notificationLine(notification: AppNotification): string {
  const flat = (text: string): string => text.replace(/\s+/g, ' ').trim()
  return `[notification] ${notificationLabel(notification)}: ${flat(notification.title)} — ${flat(notification.body)}`
}

/** Whether two notices tell of the same condition: one with a `noticeId` replaces its earlier self. */
function sameNotice(a: { readonly noticeId?: string }, b: { readonly noticeId?: string }): boolean {
  return a.noticeId !== undefined && a.noticeId === b.noticeId
}
