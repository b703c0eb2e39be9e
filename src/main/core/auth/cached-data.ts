/**
 * Emptying the cache when the expert signs out or another expert signs in, on a disk that refuses
 * the write (full, read-only, locked). Neither is left half done: a sign-out still signs out and
 * revokes the token, and says what is left on this computer; a sign-in that would show another
 * expert's data is refused with what to do, and the token it got is revoked.
 */
import { errorMessage } from '../../../shared/error-message'
import type { CacheStore } from '../ports/cache-store'
import type { Logger } from '../ports/logger'
import type { Notifier } from '../ports/notifier'
import type { StoredSignIn } from '../ports/secrets'
import { storageRemedy } from '../storage-remedy'
import { inviteClosedNotification } from '../sync/invite-notification'
import type { SignInOutcome } from './sign-in'

/** The notice that the cache could not be emptied, withdrawn once a later sign-out empties it. */
export const CACHE_LEFT_NOTICE_ID = 'cache-left-behind'

/**
 * Empty the cache for a sign-out; one that cannot be written keeps its rows, and the expert hears
 * so. Says whether it was emptied. `toldAlready`: the last try failed and its notice is up, so a
 * failure again is only logged.
 */
export function emptyForSignOut(
  empty: () => void,
  deps: { readonly notifier: Notifier; readonly log: Logger },
  toldAlready = false,
): boolean {
  try {
    empty()
    return true
  } catch (error) {
    deps.log.error('The cache could not be emptied at sign-out; signing out all the same', error)
    if (!toldAlready)
      deps.notifier.show({
        kind: 'notice',
        title: 'Signed out, but your sessions are still on this computer',
        noticeId: CACHE_LEFT_NOTICE_ID,
        body: `Standby could not remove what it kept for reading offline (${errorMessage(error)}). ${storageRemedy(error)}, then sign in and out again to remove it.`,
      })
    return false
  }
}

/**
 * Empty another expert's (or platform's) cache before signing in as `signedIn`; null when done.
 * Otherwise the sign-in is refused, since its lists would show the other expert's sessions, and
 * the token it got is revoked.
 */
export function emptyForSignIn(
  empty: () => void,
  deps: { readonly log: Logger; readonly revoke: (signIn: StoredSignIn) => Promise<void> },
  signedIn: StoredSignIn,
): Extract<SignInOutcome, { ok: false }> | null {
  try {
    empty()
    return null
  } catch (error) {
    deps.log.error("The previous expert's cache could not be emptied; the sign-in is refused", error)
    void deps.revoke(signedIn)
    return {
      ok: false,
      reason: 'failed',
      message: `Standby could not remove the previous expert’s data from this computer (${errorMessage(error)}). ${storageRemedy(error)}, then sign in again.`,
    }
  }
}

/**
 * Empty the cache, and take the notifications of its open invites off the screen: their Join and
 * Decline would act for an expert who is no longer signed in here (or for the next one).
 */
export function clearWithInvites(
  cache: Pick<CacheStore, 'openInvites' | 'shownInvites' | 'clear'>,
  notifier: Pick<Notifier, 'show'>,
): void {
  // Whatever their time: the platform's clock may have just been reset to this computer's, and
  // one whose time ran out was taken down already (taking it down again changes nothing).
  const open = cache.openInvites(0)
  const shown = new Set(cache.shownInvites(open.map((invite) => invite.id)))
  cache.clear()
  for (const invite of open) {
    if (shown.has(invite.id)) notifier.show(inviteClosedNotification(invite, null))
  }
}

/**
 * The expert is gone from this computer (`why` says how): every notification shown for them leaves
 * the screen, so the next person at it reads none of their clients' words and presses no button
 * that would act for them.
 */
export function withdrawExpertsNotifications(notifier: Pick<Notifier, 'show'>, why: string): void {
  notifier.show({
    kind: 'all_withdrawn',
    title: why,
    body: 'Every notification shown for the expert was taken off the screen.',
  })
}
