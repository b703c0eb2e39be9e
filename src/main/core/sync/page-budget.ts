/**
 * How big a replay page may be for the link to carry it within the aimed time, at the rate the
 * last page came. The platform's ping waits behind a page on the wire: on a link too slow for the
 * page to cross before the heartbeat's timeout, the connection was dropped under every page and
 * catching up went on only as pages shrank over reconnects. A page sized to the measured rate
 * crosses in time; below the smallest byte budget a platform takes, the page is bounded by its
 * number of events instead, down to one. A link whose rate is not known yet starts with one event.
 */
import { MAX_REPLAY_PAGE, MAX_REPLAY_PAGE_BYTES, MIN_REPLAY_PAGE_BYTES } from '../../../shared/protocol'
import type { PageCrossing } from '../connection/replay-request'
import { FULL_PAGE, type PageSize } from './replay-pace'

/** The first page over a link whose rate is unknown: one event, or a snapshot part of the smallest budget. */
export const FIRST_PAGE: PageSize = { limit: 1, maxBytes: MIN_REPLAY_PAGE_BYTES }

/** `value` within `least` and `most`. */
function within(value: number, least: number, most: number): number {
  return Math.min(most, Math.max(least, value))
}

/**
 * The page that crosses in `crossing.aimMs` at the rate `crossing` came, its events bounded by
 * `eventBytes` (the bytes of one event, when known) once the bytes are under a platform's smallest budget.
 */
export function pageWithin(crossing: PageCrossing, eventBytes: number | undefined): PageSize {
  // An answer within the clock's resolution says only that the link is fast.
  if (crossing.elapsedMs <= 0) return FULL_PAGE
  const bytes = Math.floor((crossing.bytes * crossing.aimMs) / crossing.elapsedMs)
  const events =
    eventBytes === undefined
      ? bytes >= MIN_REPLAY_PAGE_BYTES
        ? MAX_REPLAY_PAGE
        : 1
      : Math.floor(bytes / Math.max(1, eventBytes))
  return {
    limit: within(events, 1, MAX_REPLAY_PAGE),
    maxBytes: within(bytes, MIN_REPLAY_PAGE_BYTES, MAX_REPLAY_PAGE_BYTES),
  }
}

/** The page the link's measured rate allows, kept across pages, catch-ups and reconnects. */
export class PageBudget {
  private page: PageSize = FIRST_PAGE
  /** The bytes of one event, as the last page of events carried them. */
  private eventBytes: number | undefined

  /** The largest page the link carries in the aimed time, as far as it is known. */
  get current(): PageSize {
    return this.page
  }

  /** A page carrying `events` events (undefined: a snapshot part) crossed as `crossing` says. */
  crossed(crossing: PageCrossing, events: number | undefined): void {
    if (events !== undefined && events > 0) this.eventBytes = crossing.bytes / events
    this.page = pageWithin(crossing, this.eventBytes)
  }
}
