/**
 * The words every surface uses for an invite's kind and reason, so a notification and the card it
 * opens say the same thing, and for the expert's availability, so the tray and the window agree.
 */
import { assertNever } from './assert-never'
import { describeDuration } from './clock-skew'
import type { DeclineReason, Expert, InviteReason, SessionKind } from './protocol/entities'

/** An instant or scheduled request, as its badge and its notification name it. */
export function kindLabel(kind: SessionKind): string {
  switch (kind) {
    case 'instant':
      return 'Instant'
    case 'scheduled':
      return 'Scheduled'
    default:
      return assertNever(kind)
  }
}

/** Why this expert was invited, as the invite card and its notification say it. */
export function reasonLabel(reason: InviteReason): string {
  switch (reason) {
    case 'matched':
      return 'Matched to you'
    case 'direct_dashboard':
      return 'Direct request from a client’s dashboard'
    case 'direct_profile':
      return 'Direct request via your profile link'
    default:
      return assertNever(reason)
  }
}

/** Why the expert declines, as the card's Decline menu offers it. */
export function declineReasonLabel(reason: DeclineReason): string {
  switch (reason) {
    case 'not_my_topic':
      return 'Not my topic'
    case 'no_time':
      return 'No time now'
    case 'unclear_request':
      return 'Unclear request'
    case 'other':
      return 'Other'
    default:
      return assertNever(reason)
  }
}

/** The expert's availability and, when a rule set it for them, why: "Away — idle for 10 min". */
export function presenceLabel(
  expert: Pick<Expert, 'availability' | 'availabilityCause' | 'idleMinutes'>,
): string {
  const { availability, availabilityCause: cause } = expert
  switch (availability) {
    case 'online':
      return 'Online'
    case 'away':
      if (cause === 'idle')
        return expert.idleMinutes === null
          ? 'Away — idle'
          : `Away — idle for ${describeDuration(expert.idleMinutes * 60_000)}`
      if (cause === 'screen_locked') return 'Away — screen locked'
      if (cause === 'online_until') return 'Away — online time ended'
      return 'Away'
    case 'busy':
      return cause === 'session' ? 'Busy — in a session' : 'Busy'
    case 'offline':
      return 'Offline'
    default:
      return assertNever(availability)
  }
}

/** What the expert can do with an open invite from its card or its notification. */
export type InviteAction = 'join' | 'view_times' | 'decline'

/** The invite's main step for its kind: join an instant one, look at a scheduled one's times. */
export function primaryInviteAction(kind: SessionKind): Exclude<InviteAction, 'decline'> {
  return kind === 'instant' ? 'join' : 'view_times'
}

/** An invite action's button, on the card and on the notification alike. */
export function inviteActionLabel(action: InviteAction): string {
  switch (action) {
    case 'join':
      return 'Join now'
    case 'view_times':
      return 'View times'
    case 'decline':
      return 'Decline'
    default:
      return assertNever(action)
  }
}

/** A scheduled invite's earliest proposed time, already written in the expert's locale and zone. */
export function firstProposedTimeLabel(formatted: string): string {
  return `First proposed time ${formatted}`
}

/** What the expert can do from a reminder's notification. */
export type ReminderAction = 'start' | 'open' | 'snooze'

/** A reminder action's button; Start says what the session card's Start button says. */
export function reminderActionLabel(action: ReminderAction): string {
  switch (action) {
    case 'start':
      return 'Start'
    case 'open':
      return 'Open'
    case 'snooze':
      return 'Snooze 5 minutes'
    default:
      return assertNever(action)
  }
}

/** "1 unread message", "3 unread messages": the count on a list row and the tray's line. */
export function unreadMessagesLabel(count: number): string {
  return count === 1 ? '1 unread message' : `${count} unread messages`
}
