/**
 * How big a replay page may be for the link to carry it within the aimed time. The platform's
 * ping waits behind a page on the wire: on a link too slow for the page to cross before the
 * heartbeat's timeout, the connection was dropped under every page and catching up went on only
 * as pages shrank over reconnects. A link whose rate is not known yet starts with one event.
 *
 * An answer's time is a round trip (with the platform's own work) and then its bytes at the
 * link's rate; only the bytes hold the ping back. So the page is sized by the rate alone, measured
 * apart from the round trip by an answer of no events asked just before a page (paced-replay.ts):
 * the page's bytes cross behind that answer's, so the time between them bounds the rate from
 * below however the round trip varies. A link that answers late however little it carries (a
 * satellite, a congested mobile network, a platform slow after a restart) gets full pages once
 * its rate shows. The rate is measured over each connection, as the link changes with the network
 * the computer is on, and again now and then while it keeps pages under full; until it is, the
 * page is what crosses in the aimed time were all of the time crossing, growing by at most twice
 * that. After the link dropped under a page, what it carried before says nothing: the budget
 * starts over, and grows without a measured rate only below that page.
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

/** How many answers a rate measured beside a page sizes pages for before it is measured again. */
const ANSWERS_PER_MEASURE = 8

/**
 * Bytes a millisecond the link carries at least, as `page` and the answer of no events asked just
 * before it (`roundTrip`) show. Asked together, they crossed to the platform together and their
 * answers came back in turn over one connection: the page's bytes crossed after the other's, in
 * at most the time between the two, whatever the round trip was. Answers asked apart differ as
 * much by their round trips, which vary from one moment to the next, and showed links faster than
 * they were. Infinity when both came at once; undefined when the page came first (`pageFirst`):
 * the other's few bytes then crossed behind the page's, often in the very chunk that ended it, so
 * the time between them is the platform's delay in answering rather than the link's, and bounds
 * nothing. Which came first is told, not read from the times: each counts from its own ask, and
 * the page is asked a moment after the other, so two answers that came in one chunk, in turn,
 * show the page's as the shorter by that moment.
 */
function rateBeside(roundTrip: PageCrossing, page: PageCrossing, pageFirst: boolean): number | undefined {
  if (pageFirst) return undefined
  const later = page.elapsedMs - roundTrip.elapsedMs
  return later <= 0 ? Infinity : page.bytes / later
}

/** A rate the link showed, the round trip it showed it with, and how many answers it has sized pages for since. */
interface MeasuredRate {
  readonly bytesPerMs: number
  readonly roundTripMs: number
  answers: number
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
  /** The rate last measured beside a page over the current connection, while it holds. */
  private rate: MeasuredRate | undefined
  /** The page the link last dropped under, while no rate measured since says a larger one crosses. */
  private lost: PageSize | undefined
  /**
   * Answers since the platform answered the answer of no events after the page it was asked
   * beside, over the current connection: asked again at once, it likely shows no rate either and
   * only doubles every ask, but once in a while, as a platform slow to answer it once (a pause, a
   * slow read) may not be slow the next time.
   */
  private sinceReordered: number | undefined

  /**
   * Whether an answer of no events should be asked beside the next page to show the link's rate:
   * while none is measured over this connection, and again after a while on pages the rate keeps
   * under full, as the link may have grown faster.
   */
  get wantsRoundTrip(): boolean {
    if (this.sinceReordered !== undefined && this.sinceReordered < ANSWERS_PER_MEASURE) return false
    return (
      this.rate === undefined ||
      (this.rate.answers >= ANSWERS_PER_MEASURE && this.page.maxBytes < MAX_REPLAY_PAGE_BYTES)
    )
  }

  /** The largest page the link carries in the aimed time, as far as it is known. */
  get current(): PageSize {
    return this.page
  }

  /**
   * A page carrying `events` events (undefined: a snapshot part) crossed as `crossing` says,
   * beside an answer of no events asked just before it that crossed as `roundTrip` says, and
   * came after the page's when `pageFirst`.
   */
  crossed(
    crossing: PageCrossing,
    events: number | undefined,
    roundTrip?: PageCrossing,
    pageFirst = false,
  ): void {
    if (events !== undefined && events > 0) this.eventBytes = crossing.bytes / events
    const previous = this.page
    if (roundTrip !== undefined) this.measure(roundTrip, crossing, pageFirst)
    else {
      if (this.sinceReordered !== undefined) this.sinceReordered++
      this.recheck(crossing)
    }
    if (instant(crossing)) this.page = FULL_PAGE
    else if (this.rate !== undefined)
      // The round trip holds no ping back, so it takes nothing from the page: the bytes the rate
      // carries in the aimed time cross in it, however long the answer waited before they came.
      this.page = pageOf(
        Math.max(surelyWithin(crossing), this.rate.bytesPerMs * crossing.aimMs),
        this.eventBytes,
      )
    else this.page = under(this.unmeasured(crossing, previous), this.lost)
  }

  /**
   * The link dropped under `asked` (or failed otherwise, perhaps behind it): the rate it showed
   * before is no longer known, as a link that turned slow drops a page its old rate allowed.
   */
  dropped(asked: PageSize): void {
    this.rate = undefined
    this.lost = this.lost === undefined ? asked : smallestOf(this.lost, asked)
    this.page = under(FIRST_PAGE, this.lost)
  }

  /**
   * A new connection, perhaps over another network, whose rate the last one's does not show. The
   * page stays until this link's own answers show its rate, beside an answer of no events.
   */
  reconnected(): void {
    this.rate = undefined
    this.sinceReordered = undefined
  }

  /** The rate `page` and `roundTrip`, asked together, show (see `rateBeside`), when they show one. */
  private measure(roundTrip: PageCrossing, page: PageCrossing, pageFirst: boolean): void {
    const bytesPerMs = rateBeside(roundTrip, page, pageFirst)
    if (bytesPerMs === undefined) {
      this.sinceReordered = 0
      return this.recheck(page)
    }
    this.sinceReordered = undefined
    this.rate = { bytesPerMs, roundTripMs: roundTrip.elapsedMs, answers: 0 }
    this.lost = undefined
  }

  /**
   * Keep the measured rate for a page that came about when it says: a round trip's jitter makes
   * an answer come up to as much later. One far later says the link may have grown slower, and
   * a page the old rate allows might then hold the ping back too long: the rate is measured again.
   */
  private recheck(crossing: PageCrossing): void {
    if (this.rate === undefined) return
    const expectedMs = this.rate.roundTripMs + crossing.bytes / this.rate.bytesPerMs
    if (crossing.elapsedMs - expectedMs > 2 * crossing.aimMs) this.rate = undefined
    else this.rate.answers++
  }

  /** The next page after one crossed as `crossing` says, with no rate beyond the round trip measured. */
  private unmeasured(crossing: PageCrossing, previous: PageSize): PageSize {
    const sure = surelyWithin(crossing)
    const next = pageOf(Math.max(sure, Math.min(2 * crossing.bytes, 2 * sure)), this.eventBytes)
    // In time: a short page (the last of a catch-up, or an empty one) is short because the
    // platform had no more, not the link, and says nothing against the page asked.
    return crossing.elapsedMs <= crossing.aimMs ? largestOf(next, previous) : next
  }
}
