/**
 * Whether a thread between a client and an expert still takes messages. It follows the work it is
 * about: open while the invite is open or the session is booked or live, read-only once the
 * invite closed without a session or the session ended or was cancelled, since nobody is there to
 * answer. The platform refuses by this rule and the app hides the composer by it.
 */
import type { InviteState, SessionState } from '../protocol/entities'

/** What a thread belongs to: the expert's session for the request, else their invite to it. */
export type ThreadOwner =
  | { readonly kind: 'session'; readonly state: SessionState }
  | { readonly kind: 'invite'; readonly state: InviteState }

/** Why the thread takes no new message, in words for the expert; null while it does. */
export function threadClosedBecause(owner: ThreadOwner): string | null {
  if (owner.kind === 'session') {
    if (owner.state === 'ended') return 'This session has ended: its messages stay here to read.'
    if (owner.state === 'cancelled') return 'This session was cancelled: its messages stay here to read.'
    return null
  }
  if (owner.state === 'open') return null
  return 'This invite is no longer open: its messages stay here to read.'
}
