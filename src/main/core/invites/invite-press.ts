/**
 * What a press on an invite's notification is told when it cannot act as pressed: the follow-up's
 * title for a Join or Decline the platform refused, and the words for a notification that does not
 * speak of the invite its id names now. A platform restored from a backup can give an invite's id
 * to another request: Join on the first one's notification would accept a session the expert never
 * read, so one shown for a request the id no longer has sends nothing, and one an earlier version
 * showed, which names no request, sends nothing either (the cache cannot tell which request it
 * showed): it opens the invite as it is now, to be answered there.
 */
import { mayHaveHappened } from '../../../shared/unanswered-command'

/** The refusals of an answer to an invite no longer open: another expert took it, it ran out, or it closed otherwise. */
export const INVITE_CLOSED_CODES: ReadonlySet<string> = new Set(['taken', 'expired', 'invalid_state'])

/** The follow-up's title: the reason when the platform gave one the expert knows. */
export function followUpTitle(what: 'join' | 'decline', code: string): string {
  // Nobody was faster at declining: the invite closed before the decline reached the platform.
  if (what === 'decline' && INVITE_CLOSED_CODES.has(code)) return 'No longer open'
  if (code === 'taken') return 'Another expert was faster'
  if (code === 'expired') return 'This invite expired'
  if (code === 'unconfirmed') return what === 'join' ? 'Join not confirmed' : 'Decline not confirmed'
  // Sent, and no answer said whether it was done: its sentence says so, and that again is safe.
  if (mayHaveHappened({ code })) return what === 'join' ? 'No answer to Join' : 'No answer to Decline'
  return what === 'join' ? 'Could not join' : 'Could not decline'
}

/** The title of what a press on an invite's notification shown for a request its id no longer has is told. */
export const INVITE_OUT_OF_DATE = 'Invite out of date'

/** Why such a press did nothing; it names nothing of the invite, whose words may be another request's. */
export const INVITE_GONE =
  'This notification was for a request that is no longer in your list, so nothing was sent. The window shows your invites as they are now.'

/** The title of what Join or Decline on an earlier version's notification of an invite is told. */
export function unnamedTitle(what: 'join' | 'decline'): string {
  return what === 'join' ? 'Join not sent' : 'Decline not sent'
}

/** Why Join or Decline on an earlier version's notification sent nothing, and what the expert can do. */
export const UNNAMED_REQUEST =
  'This notification, from an earlier run or version of Standby, does not say which request it was for, so nothing was sent. Standby shows the invite as it is now: read it and answer it there.'
