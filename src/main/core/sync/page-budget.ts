/**
 * How big a replay page may be for the link to carry it within the aimed time, at the rate the
 * last page came. The platform's ping waits behind a page on the wire: on a link too slow for the
 * page to cross before the heartbeat's timeout, the connection was dropped under every page and
 * catching up went on only as pages shrank over reconnects. A page sized to the measured rate
 * crosses in time; below the smallest byte budget a platform takes, the page is bounded by its
 * number of events instead, down to one. A link whose rate is not known yet starts with one event.
 *
 * An answer's time is not all crossing: the round trip and the platform's own work come first,
 * and only the bytes wait on the link's rate. Counting all of it as crossing kept a link whose
 * round trip (or a busy platform's answer) takes about the aimed time at one event a page for
 * ever, however fast it carries bytes. So a page may grow past what all of the time counted as
 * crossing allows, up to twice that (twice the aimed time at the worst, well inside the
 * heartbeat) and twice the last page, unless how much longer a larger page took than a smaller
 * one lately shows the link carries less: its rate beyond the round trip. Only the last few
 * answers count, as the link (and its round trip) changes with the network the computer is on.
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

/** A page of `bytes`, its events bounded by `eventBytes` (the bytes of one event, when known). */
function pageOf(bytes: number, eventBytes: number | undefined): PageSize {
  if (eventBytes === undefined)
    return {
      limit: bytes >= MIN_REPLAY_PAGE_BYTES ? MAX_REPLAY_PAGE : 1,
      maxBytes: within(Math.floor(bytes), MIN_REPLAY_PAGE_BYTES, MAX_REPLAY_PAGE_BYTES),
    }
  // The nearest whole count, and bytes for all of it: one event and a half would otherwise never
  // grow to two, as the bytes would still hold only one.
  const events = within(Math.round(bytes / Math.max(1, eventBytes)), 1, MAX_REPLAY_PAGE)
  const whole = Math.max(bytes, events * eventBytes)
  return { limit: events, maxBytes: within(Math.ceil(whole), MIN_REPLAY_PAGE_BYTES, MAX_REPLAY_PAGE_BYTES) }
}

/** Whether the answer came within the clock's resolution, which says only that the link is fast. */
function instant(crossing: PageCrossing): boolean {
  return !(crossing.elapsedMs > 0)
}

/** The bytes that cross in the aimed time if all of the answer's time was crossing. */
function surelyWithin(crossing: PageCrossing): number {
  return (crossing.bytes * crossing.aimMs) / crossing.elapsedMs
}

/**
 * The page that crosses in `crossing.aimMs` at the rate `crossing` came, its events bounded by
 * `eventBytes` (the bytes of one event, when known) once the bytes are under a platform's smallest budget.
 */
export function pageWithin(crossing: PageCrossing, eventBytes: number | undefined): PageSize {
  return instant(crossing) ? FULL_PAGE : pageOf(surelyWithin(crossing), eventBytes)
}

/** How many of the last answers a page's extra time is measured against. */
const RECENT_ANSWERS = 8

/**
 * Bytes a millisecond the link carries beyond its round trip: the difference in bytes between
 * `crossing` and the latest of `recent` that carried at least half as many again (or two thirds as
 * many at most: a round trip's jitter would swamp a smaller difference), over the difference in
 * their times. Infinity when the larger came no later; undefined when no such answer came lately.
 */
function rateBeyondRoundTrip(
  recent: ReadonlyArray<PageCrossing>,
  crossing: PageCrossing,
): number | undefined {
  const apart = (a: PageCrossing, b: PageCrossing): boolean =>
    2 * Math.max(a.bytes, b.bytes) >= 3 * Math.min(a.bytes, b.bytes)
  const other = recent.findLast((answer) => apart(answer, crossing))
  if (other === undefined) return undefined
  const [small, large] = other.bytes < crossing.bytes ? [other, crossing] : [crossing, other]
  const later = large.elapsedMs - small.elapsedMs
  return later > 0 ? (large.bytes - small.bytes) / later : Infinity
}

/** The larger of two pages in each bound. */
function largestOf(a: PageSize, b: PageSize): PageSize {
  return { limit: Math.max(a.limit, b.limit), maxBytes: Math.max(a.maxBytes, b.maxBytes) }
}

/** The page the link's measured rate allows, kept across pages, catch-ups and reconnects. */
export class PageBudget {
  private page: PageSize = FIRST_PAGE
  /** The bytes of one event, as the last page of events carried them. */
  private eventBytes: number | undefined
  /** The last few answers, against which a larger page's extra time shows the link's rate. */
  private readonly recent: PageCrossing[] = []

  /** The largest page the link carries in the aimed time, as far as it is known. */
  get current(): PageSize {
    return this.page
  }

  /** A page carrying `events` events (undefined: a snapshot part) crossed as `crossing` says. */
  crossed(crossing: PageCrossing, events: number | undefined): void {
    if (events !== undefined && events > 0) this.eventBytes = crossing.bytes / events
    const previous = this.page
    const rate = rateBeyondRoundTrip(this.recent, crossing)
    this.page = instant(crossing) ? FULL_PAGE : pageOf(this.bytesAfter(crossing, rate), this.eventBytes)
    this.recent.push(crossing)
    if (this.recent.length > RECENT_ANSWERS) this.recent.shift()
    // A page that crossed in time says nothing against the one asked: a short last page of a
    // catch-up (or an empty one) is short because the platform had no more, not the link. Nor
    // does one whose time went on the round trip, where the link's measured rate beyond it still
    // carries the page asked in the aimed time; a rate not measured (the larger came no later)
    // is no such evidence, as a smaller page coming slower may mean the link got worse.
    const carriesPrevious =
      rate !== undefined && Number.isFinite(rate) && rate * crossing.aimMs >= previous.maxBytes
    if (crossing.elapsedMs <= crossing.aimMs || carriesPrevious) this.page = largestOf(this.page, previous)
  }

  /** The bytes the next page may carry after one crossed as `crossing` says, the link carrying `rate` beyond its round trip. */
  private bytesAfter(crossing: PageCrossing, rate: number | undefined): number {
    const sure = surelyWithin(crossing)
    const byRate = rate === undefined ? Infinity : rate * crossing.aimMs
    return Math.max(sure, Math.min(2 * crossing.bytes, 2 * sure, byRate))
  }
}
