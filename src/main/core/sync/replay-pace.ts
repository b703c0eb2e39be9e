/**
 * How big the next replay page may be. Pages shrink by half after one was slow to arrive (or the
 * link dropped under it) and grow back by doubling after one arrived in time, so catching up
 * always progresses: on any link there is a page small enough to cross before the heartbeat fails.
 */
import { MAX_REPLAY_PAGE, MAX_REPLAY_PAGE_BYTES, MIN_REPLAY_PAGE_BYTES } from '../../../shared/protocol'

/** A replay page's bounds, in events and in bytes. */
export interface PageSize {
  readonly limit: number
  readonly maxBytes: number
}

/** The largest page the platform sends. */
export const FULL_PAGE: PageSize = { limit: MAX_REPLAY_PAGE, maxBytes: MAX_REPLAY_PAGE_BYTES }

/** Half the page, down to one event and the smallest byte budget. */
export function smallerPage(page: PageSize): PageSize {
  return {
    limit: Math.max(1, Math.floor(page.limit / 2)),
    maxBytes: Math.max(MIN_REPLAY_PAGE_BYTES, Math.floor(page.maxBytes / 2)),
  }
}

/** Twice the page, up to the full one. */
export function largerPage(page: PageSize): PageSize {
  return {
    limit: Math.min(MAX_REPLAY_PAGE, page.limit * 2),
    maxBytes: Math.min(MAX_REPLAY_PAGE_BYTES, page.maxBytes * 2),
  }
}

/** The smaller of two pages in each bound. */
export function smallestOf(a: PageSize, b: PageSize): PageSize {
  return { limit: Math.min(a.limit, b.limit), maxBytes: Math.min(a.maxBytes, b.maxBytes) }
}
