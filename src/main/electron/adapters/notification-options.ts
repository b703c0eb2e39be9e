/**
 * What a Standby notification looks like to the OS (Electron's options: text, sound, group,
 * buttons) and the ids that let a press or an earlier run's notification be traced back to its
 * invite or session. Pure, so each platform's button set is tested without Electron.
 */
import type { NotificationConstructorOptions } from 'electron'
import { NOTIFICATION_BODY_MAX, NOTIFICATION_TITLE_MAX } from '../../../shared/os-limits'
import { shownText } from '../../../shared/protocol/text'
import { inviteActionLabel, primaryInviteAction, reminderActionLabel } from '../../../shared/labels'
import {
  BOOKED_START_UNKNOWN,
  type AppNotification,
  type ShownNotification,
  type NotificationAction,
} from '../../core/ports/notifier'
import { reminderActions } from '../../core/reminders/reminder-actions'
import { fittedId, requestNamedId, requestNamedIn } from './request-named-ids'

/** The buttons of an invite's notification, in this order: its main step, then Decline. */
const INVITE_ACTIONS = ['primary', 'decline'] as const

/** What the button at `index` of this notification does; undefined for one it does not have. */
export function actionAt(notification: AppNotification, index: number): NotificationAction | undefined {
  if (notification.kind === 'invite') return INVITE_ACTIONS[index]
  if (notification.kind === 'reminder') return reminderActions(notification)[index]
  return undefined
}

/** The id an invite's notification carries, naming its request too (request-named-ids.ts), so it can be found and removed after a restart. */
export function inviteNotificationId(inviteId: string, requestId: string): string {
  return requestNamedId('standby-invite', inviteId, requestId)
}

/** What an invite's notification id says it was shown for, read back from the OS. */
export interface InviteIdRead {
  /** The id as found: a press compares it with the ids of the notifications held. */
  readonly id: string
  readonly inviteId: string
  /** REQUEST_UNKNOWN for an earlier version's id, which named none. */
  readonly requestId: string
}

/** The invite an id from {@link inviteNotificationId} names, found anywhere in `text`; null when none does. */
export function inviteIn(text: string): InviteIdRead | null {
  const read = requestNamedIn('standby-invite', text)
  return read === null ? null : { id: read.id, inviteId: read.named, requestId: read.requestId }
}

/** The id a notice that can be withdrawn carries, so the notification centre can drop it too. */
export function noticeNotificationId(noticeId: string): string {
  return fittedId('standby-notice-', noticeId)
}

/**
 * The id a session's reminder carries: a newer reminder of the session for the same request takes
 * the older's place. It names the request too (request-named-ids.ts), so a press on one shown
 * before the session's id went to another request (a platform restored from a backup) is told
 * apart from one on the other's. Without a request, or when both ids do not fit together, it is
 * the id an earlier version gave, which names the session alone (requestNamedId).
 */
export function reminderNotificationId(sessionId: string, requestId: string): string {
  return requestNamedId('standby-reminder', sessionId, requestId)
}

/** What a reminder's notification id says it was shown for, read back from the OS. */
export interface ReminderIdRead {
  /** The id as found: a press compares it with the ids of the notifications held. */
  readonly id: string
  readonly sessionId: string
  /** REQUEST_UNKNOWN for an earlier version's id, which named none. */
  readonly requestId: string
}

/** The reminder an id from {@link reminderNotificationId} names, found anywhere in `text`; null when none does. */
export function reminderIn(text: string): ReminderIdRead | null {
  const read = requestNamedIn('standby-reminder', text)
  return read === null ? null : { id: read.id, sessionId: read.named, requestId: read.requestId }
}

/** The id a notification carries, when it has one the app can find again. */
export function notificationIdOf(notification: AppNotification): string | null {
  if (notification.kind === 'invite')
    return inviteNotificationId(notification.inviteId, notification.requestId)
  if (notification.kind === 'reminder')
    return reminderNotificationId(notification.sessionId, notification.requestId)
  return null
}

/** Whether a notification is about this session (a reminder or an alert of it). */
export function ofSession(sessionId: string): (data: AppNotification) => boolean {
  return (data) => data.kind === 'reminder' && data.sessionId === sessionId
}

/** Whether a notification is the invite `inviteId`'s own (not a client's message about it). */
export function ofInvite(inviteId: string): (data: AppNotification) => boolean {
  return (data) => data.kind === 'invite' && data.inviteId === inviteId
}

/** The notifications `next` takes the place of: the same session's, the same invite's, the same notice's. */
export function replacedBy(next: AppNotification): (data: AppNotification) => boolean {
  if (next.kind === 'reminder') return ofSession(next.sessionId)
  if (next.kind === 'invite') return ofInvite(next.inviteId)
  const { noticeId } = next.kind === 'notice' ? next : { noticeId: undefined }
  if (noticeId === undefined) return () => false
  return (data) => data.kind === 'notice' && data.noticeId === noticeId
}

/**
 * A notification of an earlier run that names no invite or session (a client's message, a notice):
 * what it was about is gone with that run, so a press on it opens the window.
 */
export const EARLIER_NOTICE: AppNotification = { kind: 'notice', title: '', body: '' }

/** What is known of a reminder from an earlier run: its session, and the request it was for when its id says. */
export function earlierReminder({ sessionId, requestId }: Omit<ReminderIdRead, 'id'>): AppNotification {
  return {
    kind: 'reminder',
    sessionId,
    requestId,
    title: '',
    body: '',
    moment: 'before',
    bookedStart: BOOKED_START_UNKNOWN,
    startAllowed: false,
  }
}

/** The OS groups Standby's notifications by kind: invites, reminders, messages, notices. */
const GROUPS = {
  invite: { groupId: 'standby-invites', groupTitle: 'Invites' },
  reminder: { groupId: 'standby-reminders', groupTitle: 'Reminders' },
  message: { groupId: 'standby-messages', groupTitle: 'Messages' },
  notice: { groupId: 'standby-notices', groupTitle: 'Standby' },
} as const

/**
 * Electron's options for a notification. Invites and reminders, which ask the expert to act, make
 * a sound when the setting allows; notices are always silent. An open instant invite stays on
 * screen until it is acted on or retracted.
 */
export function notificationOptions(
  notification: ShownNotification,
  context: {
    readonly soundEnabled: boolean
    readonly withActions: boolean
    readonly platform?: NodeJS.Platform
  },
): NotificationConstructorOptions {
  const wantsAttention = notification.kind === 'invite' || notification.kind === 'reminder'
  // No `icon`: on macOS Electron then hands the notification to Notification Center only after a
  // background task has written the image (cocoa_notification.mm), and one closed before that
  // (an invite taken at once) is delivered all the same, with no object left to take it down.
  const body = shownText(notification.body, { max: NOTIFICATION_BODY_MAX, multiline: true })
  const options: NotificationConstructorOptions = {
    title: shownText(notification.title, { max: NOTIFICATION_TITLE_MAX }),
    body: context.platform === 'linux' ? escapeMarkup(body) : body,
    silent: !(wantsAttention && context.soundEnabled),
    ...GROUPS[notification.kind],
  }
  if (context.platform !== 'win32') delete options.groupTitle
  if (notification.kind === 'invite') {
    options.id = inviteNotificationId(notification.inviteId, notification.requestId)
    // On Linux a critical notification stays until dismissed, on Windows its toast comes first in
    // the Action Center (high priority); Windows and Linux honour 'never'.
    options.urgency = notification.instant ? 'critical' : 'normal'
    if (notification.instant) options.timeoutType = 'never'
    if (context.withActions) {
      const primary = primaryInviteAction(notification.instant ? 'instant' : 'scheduled')
      options.actions = [
        { type: 'button', text: inviteActionLabel(primary) },
        { type: 'button', text: inviteActionLabel('decline') },
      ]
    }
  }
  if (notification.kind === 'reminder')
    options.id = reminderNotificationId(notification.sessionId, notification.requestId)
  if (notification.kind === 'notice' && notification.noticeId !== undefined)
    options.id = noticeNotificationId(notification.noticeId)
  if (notification.kind === 'reminder' && context.withActions) {
    options.actions = reminderActions(notification).map((action) => ({
      type: 'button',
      text: reminderActionLabel(action),
    }))
  }
  return options
}

/**
 * `body` as plain text for a Linux notification server, which reads the body as markup (the
 * Desktop Notifications spec): a client's "<b>" or "<a href>" would be drawn, and a bare "&"
 * makes some servers show an empty body. Electron hands the body to libnotify as it is (its
 * libnotify_notification.cc escapes nothing), so the escaping is ours. A server without the
 * "body-markup" capability would show the entities as typed; the desktops' own servers and the
 * common standalone ones read markup, so the escaped text is what nearly every expert sees right.
 */
export function escapeMarkup(body: string): string {
  return body.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'))
}
