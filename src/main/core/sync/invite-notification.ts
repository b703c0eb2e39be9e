/**
 * The words of an invite's notifications: the new invite (who asks, what for, why this expert,
 * and for a scheduled one when), and the word that it has closed. Each word is said once: the
 * title names the client and the request, the body what the card would say first.
 */
import { firstProposedTimeLabel, kindLabel, reasonLabel } from '../../../shared/labels'
import { clipText, type Invite, type InviteClosedReason } from '../../../shared/protocol'
import { firstBookableTime } from '../../../shared/rules/invite-open'
import { namesAnotherRequest, type AppNotification } from '../ports/notifier'
import { DAY_AND_TIME, hostTimeText } from '../../../shared/day-time-options'
import { nameInSentence } from '../../../shared/sentence-parts'

/** Why an invite is no longer open, as the expert would be told; null when only a snapshot saw it go. */
const CLOSED_BECAUSE: Record<InviteClosedReason | 'gone', string> = {
  accepted: 'You accepted it.',
  declined: 'You declined it.',
  taken: 'Another expert took it.',
  expired: 'It expired.',
  withdrawn: 'The client withdrew it.',
  gone: 'It is no longer open.',
}

/** The longest description line a notification carries; the card has the rest. */
export const DESCRIPTION_LINE_MAX = 140

/** Writes a moment as the app shows times: weekday, day, month and time in the host's locale and zone. */
export type DayTimeFormat = (t: number) => string

/**
 * "Tue 6 Jan, 13:05" in the locale and time zone of the process (the OS's, as the window's), with
 * the year outside `now`'s year ("Tue 6 Jan 2031, 13:05"); `now` is the platform's time.
 */
export function localDayTime(t: number, now: number): string {
  return hostTimeText(t, DAY_AND_TIME, now)
}

/**
 * The notification for a new invite at the platform's `now`. A scheduled one names the first time
 * still bookable: a client's earlier times may have passed while the invite stood open.
 */
export function inviteNotification(
  invite: Invite,
  now: number,
  formatDayTime: DayTimeFormat = (t) => localDayTime(t, now),
): AppNotification {
  const { request } = invite
  const firstTime = firstBookableTime(invite, now)
  const facts = [
    kindLabel(request.kind),
    reasonLabel(invite.reason),
    ...(firstTime === null ? [] : [firstProposedTimeLabel(formatDayTime(firstTime))]),
  ]
  const summary = firstLine(request.description)
  return {
    kind: 'invite',
    inviteId: invite.id,
    requestId: request.id,
    instant: request.kind === 'instant',
    title: `${nameInSentence(request.client.name)}: ${request.title}`,
    // The app's own words first: they stay in view where the OS shows two lines of a body, and a
    // description written to look like them ("Direct request …") can never come before them.
    body: [facts.join(' · '), summary].filter((line) => line !== '').join('\n'),
  }
}

/** The first line of a description with text on it, cut to a notification's length. */
export function firstLine(description: string): string {
  const line = description
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l !== '')
  return line === undefined ? '' : clipText(line, DESCRIPTION_LINE_MAX)
}

/** The word that a notified invite closed, so its notification can be taken off the screen. */
export function inviteClosedNotification(invite: Invite, reason: InviteClosedReason | null): AppNotification {
  return {
    kind: 'invite_closed',
    inviteId: invite.id,
    requestId: invite.request.id,
    reason: reason ?? 'gone',
    title: invite.request.title,
    body: CLOSED_BECAUSE[reason ?? 'gone'],
  }
}

/**
 * Whether an invite's closing takes `shown` off the screen: the invite's own notification, shown for
 * the request that closed (or one an earlier version showed, naming none). The notification of the
 * invite for another request under the same id stays.
 */
export function withdrawsInvite(
  closed: Extract<AppNotification, { kind: 'invite_closed' }>,
  shown: AppNotification,
): boolean {
  return (
    shown.kind === 'invite' &&
    shown.inviteId === closed.inviteId &&
    !namesAnotherRequest(shown.requestId, closed.requestId)
  )
}
