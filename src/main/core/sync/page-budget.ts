/**
 * How big a replay page may be for the link to carry it within the aimed time. The platform's
 * ping waits behind a page on the wire: on a link too slow for the page to cross before the
 * heartbeat's timeout, the connection was dropped under every page and catching up went on only
 * as pages shrank over reconnects. A link whose rate is not known yet starts with one event.
 *
 * An answer's time is a round trip (with the platform's own work) and then its bytes at the
 * link's rate; only the bytes hold the ping back. So the page is sized by the rate alone, measured
 * apart from the round trip from how much longer a larger page took than a smaller one lately: a
 * link that answers late however little it carries (a satellite, a congested mobile network, a
 * platform slow after a restart) gets full pages once its rate shows. Until the recent answers
 * differ enough in size to show it, the page is what crosses in the aimed time were all of the
 * time crossing, growing by at most twice that. An answer of no events, asked beside the first
 * page over each connection and whenever pages would stay one size, shows the round trip
 * (paced-replay.ts). Only the last few answers over the current connection count, as the link
 * changes with the network the computer is on; and after the
 * link dropped under a page, what it carried before says nothing: the budget starts over, and
 * grows without a measured rate only below that page.
 */
import { MAX_REPLAY_PAGE, MAX_REPLAY_PAGE_BYTES, MIN_REPLAY_PAGE_BYTES } from '../../../shared/protocol'
import type { PageCrossing } from '../connection/replay-request'
import { FULL_PAGE, smallerPage, smallestOf, type PageSize } from './replay-pace'

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

/** `page`, kept under `lost` (a page the link dropped under) in its events, or in its bytes when it has more than one. */
function under(page: PageSize, lost: PageSize | undefined): PageSize {
  return lost === undefined ? page : smallestOf(page, smallerPage(lost))
}

/** The page the link's measured rate allows, kept across pages, catch-ups and reconnects. */
export class PageBudget {
  private page: PageSize = FIRST_PAGE
  /** The bytes of one event, as the last page of events carried them. */
  private eventBytes: number | undefined
  /** The last few answers, against which a larger page's extra time shows the link's rate. */
  private readonly recent: PageCrossing[] = []
  /** The page the link last dropped under, while no rate measured since says a larger one crosses. */
  private lost: PageSize | undefined
  /** Whether nothing shows the link's rate apart from its round trip: no answer yet, or pages that would keep one size. */
  private roundTripWanted = true

  /** Whether an answer of no events should show the round trip beside the next page (see `roundTrip`). */
  get wantsRoundTrip(): boolean {
    return this.roundTripWanted
  }

  /** The largest page the link carries in the aimed time, as far as it is known. */
  get current(): PageSize {
    return this.page
  }

  /** A page carrying `events` events (undefined: a snapshot part) crossed as `crossing` says. */
  crossed(crossing: PageCrossing, events: number | undefined): void {
    if (events !== undefined && events > 0) this.eventBytes = crossing.bytes / events
    const previous = this.page
    const rate = this.measure(crossing)
    if (instant(crossing)) this.page = FULL_PAGE
    else if (!this.byRate(crossing, rate))
      this.page = under(this.unmeasured(crossing, events, rate, previous), this.lost)
  }

  /**
   * An answer that carried no events (asked after the platform's latest) crossed as `crossing`
   * says: its time is the round trip, against which the last page's time shows the rate.
   */
  roundTrip(crossing: PageCrossing): void {
    this.byRate(crossing, this.measure(crossing))
  }

  /**
   * The link dropped under `asked` (or failed otherwise, perhaps behind it): the rate it showed
   * before is no longer known, as a link that turned slow drops a page its old rate allowed.
   */
  dropped(asked: PageSize): void {
    this.recent.length = 0
    this.lost = this.lost === undefined ? asked : smallestOf(this.lost, asked)
    this.page = under(FIRST_PAGE, this.lost)
  }

  /**
   * A new connection, perhaps over another network: against the answers that crossed the last
   * one, an answer over this one shows no rate, only how the two links differ. The page stays
   * until this link's own answers show its rate, beside an answer of no events to time its round trip.
   */
  reconnected(): void {
    this.recent.length = 0
    this.roundTripWanted = true
  }

  /** The link's rate beyond its round trip as `crossing` and the recent answers show it (see `rateBeyondRoundTrip`); `crossing` joins them. */
  private measure(crossing: PageCrossing): number | undefined {
    const rate = rateBeyondRoundTrip(this.recent, crossing)
    this.recent.push(crossing)
    if (this.recent.length > RECENT_ANSWERS) this.recent.shift()
    this.roundTripWanted = false
    return rate
  }

  /** Size the page by `rate` when it is measured; whether it was. */
  private byRate(crossing: PageCrossing, rate: number | undefined): boolean {
    if (rate === undefined || !Number.isFinite(rate)) return false
    // The round trip holds no ping back, so it takes nothing from the page: the bytes the rate
    // carries in the aimed time cross in it, however long the answer waited before they came.
    this.page = pageOf(Math.max(surelyWithin(crossing), rate * crossing.aimMs), this.eventBytes)
    this.lost = undefined
    return true
  }

  /** The next page after one crossed as `crossing` says, carrying `events`, with no rate beyond the round trip measured. */
  private unmeasured(
    crossing: PageCrossing,
    events: number | undefined,
    rate: number | undefined,
    previous: PageSize,
  ): PageSize {
    const sure = surelyWithin(crossing)
    const next = pageOf(Math.max(sure, Math.min(2 * crossing.bytes, 2 * sure)), this.eventBytes)
    // In time: a short page (the last of a catch-up, or an empty one) is short because the
    // platform had no more, not the link, and says nothing against the page asked.
    if (crossing.elapsedMs <= crossing.aimMs) return largestOf(next, previous)
    // Pages all of one size never show the rate, and a larger one to show it could hold the ping
    // back too long on a link as slow as it looks: an answer of no events shows it safely.
    this.roundTripWanted = rate === undefined && events !== undefined && next.limit <= events
    return next
  }
}
