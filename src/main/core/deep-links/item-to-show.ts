/** What a deep link shows: the invite or session it names, and whether that is still open in the cache. */
import type { DeepLink } from '../../../shared/deep-link'
import type { ShowItem } from '../../../shared/ipc/contract'
import type { CacheStore } from '../ports/cache-store'

/**
 * The item a link names, as the window is told to show it. An id the cache does not know (closed
 * long ago, another expert's, made up) is "not open" like a closed one: the window says so.
 * Signed out there is nothing to look in, and saying "no longer open" would be wrong: null, and
 * the window shows the sign-in form.
 */
export function itemToShow(
  link: DeepLink,
  cache: Pick<CacheStore, 'expert' | 'invite' | 'session'>,
): ShowItem | null {
  if (cache.expert() === null) return null
  if (link.kind === 'invite') return { ...link, open: cache.invite(link.id)?.state === 'open' }
  const state = cache.session(link.id)?.state
  return { ...link, open: state === 'booked' || state === 'live' }
}
