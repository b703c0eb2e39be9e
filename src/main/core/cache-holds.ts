/**
 * Whether the signed-in expert's cache knows an invite or a session, in any state: what a deep
 * link or a notification's press may act on. An invite of the expert's that closed can be gone
 * from the rows (a snapshot keeps only open invites), but which invites were shown is kept apart
 * from them, so a link or a toast of one still reads as the expert's and is told it is no longer
 * open, rather than as another account's.
 */
import type { CacheStore } from './ports/cache-store'

/** An invite or a session, by id. */
export type CachedTarget = { readonly inviteId: string } | { readonly sessionId: string }

/** Whether `cache` holds `target`, or showed it (an invite). */
export function cacheHolds(
  cache: Pick<CacheStore, 'invite' | 'session' | 'shownInvites'>,
  target: CachedTarget,
): boolean {
  if ('sessionId' in target) return cache.session(target.sessionId) !== null
  return cache.invite(target.inviteId) !== null || cache.shownInvites([target.inviteId]).length > 0
}
