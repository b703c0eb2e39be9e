/**
 * Whether a thread between a client and an expert still takes messages. It follows the work it is
 * about: open while the invite is open or the session is booked or live, read-only once the
 * invite closed without a session or the session ended or was cancelled, since nobody is there to
 * answer. An invite's "open" is the one rule of rules/invite-open.ts, judged at the platform's time:
 * its thread closes when its time runs out, not when the platform later says it expired. The
 * platform refuses by this rule and the app hides the composer by it.
 */
import type { Invite, SessionState } from '../protocol/entities'
import { inviteAt } from './invite-open'

/**
 * What a thread belongs to: the expert's session for the request, else their invite to it, with
 * the platform's time (`now`) its closing is judged at.
 */
export type ThreadOwner =
  | { readonly kind: 'session'; readonly state: SessionState }
  | { readonly kind: 'invite'; readonly invite: Invite; readonly now: number }

/** Why the thread takes no new message: whether its invite expired, and the words for the expert. */
export interface ThreadClosed {
  readonly expired: boolean
  readonly because: string
}

/** Why the thread takes no new message; null while it does. */
export function threadClosed(owner: ThreadOwner): ThreadClosed | null {
  if (owner.kind === 'session') {
    if (owner.state === 'ended') return closed('This session has ended')
    if (owner.state === 'cancelled') return closed('This session was cancelled')
    return null
  }
  const { state } = inviteAt(owner.invite, owner.now)
  if (state === 'open') return null
  if (state === 'expired') return { expired: true, because: readOnly('This invite expired') }
  return closed('This invite is no longer open')
}

/** Why the thread takes no new message, in words for the expert; null while it does. */
export function threadClosedBecause(owner: ThreadOwner): string | null {
  return threadClosed(owner)?.because ?? null
}

/** What a read-only thread says where its card already says why (an expired invite's card). */
export const THREAD_KEPT_TO_READ = 'No new messages can be sent: this thread stays here to read.'

function closed(what: string): ThreadClosed {
  return { expired: false, because: readOnly(what) }
}

function readOnly(what: string): string {
  return `${what}: its messages stay here to read.`
}
