/**
 * Events that contradict what the platform said before: in the marketplace an invite that closed
 * (accepted, declined, taken, expired, withdrawn) never opens again, a request is taken by one
 * session and never invited to after it, and an ended or cancelled session never comes back. An
 * event saying otherwise (an id repeated with an older payload, a stream replayed out of order) is
 * the platform's mistake: applied, it would bring back a Join for an invite long gone or remind of
 * a session that is over, so it is passed over like an unreadable one.
 */
import type { PlatformEvent } from '../../shared/protocol'
import type { RowStateRepository } from './repositories/row-state-repository'

/** Why `event` contradicts the cache, for the log; null when it does not. */
export function contradictionOf(states: RowStateRepository, event: PlatformEvent): string | null {
  if (event.type === 'invite.created') {
    const { invite } = event.payload
    if (invite.state !== 'open') return null
    const cached = states.invite(invite.id, invite.request.id)
    if (cached.state !== null && cached.state !== 'open') {
      return `it opens invite ${invite.id} again, which had closed as ${cached.state}`
    }
    if (cached.sessionId !== null) {
      return `it invites to request ${invite.request.id}, which session ${cached.sessionId} already took`
    }
    return null
  }
  if (event.type === 'session.updated') {
    const { session } = event.payload
    const cached = states.session(session.id)
    if ((cached === 'ended' || cached === 'cancelled') && session.state !== cached) {
      return `it moves session ${session.id} from ${cached} back to ${session.state}`
    }
  }
  return null
}
