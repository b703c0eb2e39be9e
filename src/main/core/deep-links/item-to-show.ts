/** What a deep link shows: the invite or session it names, whether it is still open, and who has been told. */
import type { DeepLink } from '../../../shared/deep-link'
import type { ShowItem } from '../../../shared/ipc/contract'
import type { CacheStore } from '../ports/cache-store'

/** An item to show, before it is numbered as a request. */
export type ItemToShow = Omit<ShowItem, 'request'>

/**
 * The item a link names, as the window is told to show it. An id the cache does not know (closed
 * long ago, another expert's, made up) is "not open" like a closed one: the window says so.
 * Signed out there is nothing to look in, and saying "no longer open" would be wrong: null, and
 * the window shows the sign-in form.
 */
export function itemToShow(
  link: DeepLink,
  cache: Pick<CacheStore, 'expert' | 'invite' | 'session'>,
): ItemToShow | null {
  if (cache.expert() === null) return null
  if (link.kind === 'invite') return { ...link, open: cache.invite(link.id)?.state === 'open' }
  const state = cache.session(link.id)?.state
  return { ...link, open: state === 'booked' || state === 'live' }
}

/**
 * The last item the window was asked to show, kept until a page takes it. The push reaches only
 * a page that already listens; a page still loading (a window just made for the link) takes the
 * item when it starts, and a page that got the push takes it too, so no later page shows it again.
 */
export interface ShowItemSlot {
  /** Numbers `item` as the next request and keeps it; returns it numbered, for the push. */
  offer(item: ItemToShow): ShowItem
  /** The kept item, once; null when there is none. */
  take(): ShowItem | null
}

/** An empty slot; requests are numbered from 1. */
export function createShowItemSlot(): ShowItemSlot {
  let requests = 0
  let kept: ShowItem | null = null
  return {
    offer(item) {
      kept = { ...item, request: ++requests }
      return kept
    },
    take() {
      const item = kept
      kept = null
      return item
    },
  }
}
