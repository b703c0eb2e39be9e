/**
 * What a Standby notification looks like to the OS (Electron's options: text, sound, group,
 * buttons) and the ids that let a press or an earlier run's notification be traced back to its
 * invite or session. Pure, so each platform's button set is tested without Electron.
 */
import type { NotificationConstructorOptions } from 'electron'
import { createHash } from 'node:crypto'
import { NOTIFICATION_BODY_MAX, NOTIFICATION_ID_MAX, NOTIFICATION_TITLE_MAX } from '../../../shared/os-limits'
import { shownText } from '../../../shared/protocol/text'
import { inviteActionLabel, primaryInviteAction, reminderActionLabel } from '../../../shared/labels'
import { z } from 'zod'
import {
  BOOKED_START_UNKNOWN,
  REQUEST_UNKNOWN,
  type AppNotification,
  type ShownNotification,
  type NotificationAction,
} from '../../core/ports/notifier'
import { reminderActions } from '../../core/reminders/reminder-actions'

/** The buttons of an invite's notification, in this order: its main step, then Decline. */
const INVITE_ACTIONS = ['primary', 'decline'] as const

/** What the button at `index` of this notification does; undefined for one it does not have. */
export function actionAt(notification: AppNotification, index: number): NotificationAction | undefined {
  if (notification.kind === 'invite') return INVITE_ACTIONS[index]
  if (notification.kind === 'reminder') return reminderActions(notification)[index]
  return undefined
}

/**
 * The ids a notification id carries as they are. An id may hold any visible ASCII, but a press on a
 * Windows toast reports its id inside text where a quote, "&", ";", "," or "|" ends it, so an id
 * "inv_1&x" would be read back as "inv_1", another invite, whose Decline the press would send.
 * "~" stays: a digest read back from a press is one, and is found again as itself.
 */
const PLAIN_ID = /^[A-Za-z0-9._~-]*$/

/**
 * `prefix` and `id` as one notification id that fits NOTIFICATION_ID_MAX and reads back whole. A
 * platform id may be as long as that alone, and Electron on Windows throws on a longer notification
 * id; one with a character beyond PLAIN_ID would be read back as another. Such an id is replaced by
 * a digest of it, marked '~', which is as unique and is the same in every run, so the notification
 * is still replaced, withdrawn and traced back to it while this run holds it. One from an earlier
 * run names no invite the cache can find, so a press on it opens the window.
 */
function fittedId(prefix: string, id: string): string {
  const whole = `${prefix}${id}`
  if (whole.length <= NOTIFICATION_ID_MAX && PLAIN_ID.test(id)) return whole
  const digest = createHash('sha256').update(id).digest('base64url')
  return `${prefix}~${digest.slice(0, NOTIFICATION_ID_MAX - prefix.length - 1)}`
}

/** The id an invite's notification carries, so it can be found and removed after a restart. */
export function inviteNotificationId(inviteId: string): string {
  return fittedId('standby-invite-', inviteId)
}

/** The invite an id from {@link inviteNotificationId} names, found anywhere in `text`. */
export function inviteIdIn(text: string): string | null {
  return /standby-invite-([\x21-\x7e]+?)(?=$|[\s"'&;,|])/.exec(text)?.[1] ?? null
}

/** The id a notice that can be withdrawn carries, so the notification centre can drop it too. */
export function noticeNotificationId(noticeId: string): string {
  return fittedId('standby-notice-', noticeId)
}

/**
 * The id a session's reminder carries: a newer reminder of the session for the same request takes
 * the older's place. It names the request too ("standby-reminder.<length of the session id>.<session
 * id><request id>", in PLAIN_ID's characters alone, which every OS hands back as they are), so a
 * press on one shown before the session's id went to another request (a platform restored from a
 * backup) is told apart from one on the other's. Without a request (REQUEST_UNKNOWN), or when both
 * ids do not fit together but the session's does (ids of a few dozen characters each), it is the id
 * an earlier version gave, which names the session alone ("standby-reminder-<session id>"): a digest
 * of both would name no session, and an earlier run's reminder would then be neither withdrawn when
 * its session changes nor opened on it.
 */
export function reminderNotificationId(sessionId: string, requestId: string): string {
  const both = `${REMINDER_PREFIX}${sessionId.length}.${sessionId}${requestId}`
  const plain = PLAIN_ID.test(sessionId) && PLAIN_ID.test(requestId)
  if (requestId === REQUEST_UNKNOWN || !plain || both.length > NOTIFICATION_ID_MAX)
    return fittedId('standby-reminder-', sessionId)
  return both
}

/** How a reminder's id that names its request begins. */
const REMINDER_PREFIX = 'standby-reminder.'

/** What a reminder's notification id says it was shown for, read back from the OS. */
export interface ReminderIdRead {
  /** The id as found: a press compares it with the ids of the notifications held. */
  readonly id: string
  readonly sessionId: string
  /** REQUEST_UNKNOWN for an earlier version's id, which named none. */
  readonly requestId: string
}

/** The session and request a reminder's id names, each a platform id as a notification id carries it. */
const ReminderIdParts = z.object({
  sessionId: z.string().min(1).max(NOTIFICATION_ID_MAX).regex(PLAIN_ID),
  requestId: z.string().max(NOTIFICATION_ID_MAX).regex(PLAIN_ID),
})

/**
 * The reminder an id from {@link reminderNotificationId} names, found anywhere in `text` (a press's
 * arguments on Windows, an id from Notification Center on macOS), of this version or an earlier one;
 * null when none is, or when what is there does not read as one (its length past its text).
 */
export function reminderIn(text: string): ReminderIdRead | null {
  const named = /standby-reminder\.(\d{1,2})\.([A-Za-z0-9._~-]+)/.exec(text)
  if (named !== null) {
    const [id, length, both] = named as unknown as [string, string, string]
    const parts = { sessionId: both.slice(0, Number(length)), requestId: both.slice(Number(length)) }
    const read = ReminderIdParts.safeParse(parts)
    return read.success && read.data.requestId !== REQUEST_UNKNOWN ? { id, ...read.data } : null
  }
  // An earlier version's (its session alone), or one too long to carry its ids (a digest, '~').
  const earlier = /standby-reminder(?:-|\.(?=~))([\x21-\x7e]+?)(?=$|[\s"'&;,|])/.exec(text)
  if (earlier === null) return null
  const read = ReminderIdParts.safeParse({ sessionId: earlier[1], requestId: REQUEST_UNKNOWN })
  return read.success ? { id: earlier[0], ...read.data } : null
}

/** The id a notification carries, when it has one the app can find again. */
export function notificationIdOf(notification: AppNotification): string | null {
  if (notification.kind === 'invite') return inviteNotificationId(notification.inviteId)
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
  const body = shownText(notification.body, { max: NOTIFICATION_BODY_MAX, multiline: true })
  const options: NotificationConstructorOptions = {
    title: shownText(notification.title, { max: NOTIFICATION_TITLE_MAX }),
    body: context.platform === 'linux' ? escapeMarkup(body) : body,
    silent: !(wantsAttention && context.soundEnabled),
    ...GROUPS[notification.kind],
  }
  if (context.platform !== 'win32') delete options.groupTitle
  if (notification.kind === 'invite') {
    options.id = inviteNotificationId(notification.inviteId)
    // On Linux a critical notification stays until dismissed; Windows and Linux honour 'never'.
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
