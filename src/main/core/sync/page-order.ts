/**
 * Checking that a replay page follows on from the cursor: ids strictly ascending, each one after
 * the last. A page that does not is the platform's mistake; the part of it that does follow on is
 * safe to apply, and the rest is asked for again rather than applied out of order. A page whose
 * stream ends before the cursor is of another history (a platform restored from a backup that did
 * not check the cursor's digest): only a snapshot brings the cache back onto it. A page in order
 * leaves the catch-up with more to ask for, at its end, or stalled (stalled-page.ts).
 */
import type { ReplayPage } from '../connection/replay-page'
import type { StreamEntry } from '../ports/cache-store'
import { StreamNotFollowable } from './snapshot-assembly'

/** A page of replayed events. */
type EventsPage = Extract<ReplayPage, { kind: 'events' }>

/** The entries of a page that follow on from the cursor, and what was wrong with the rest. */
export interface PageOrder {
  /** The leading entries after the cursor, in order and without a gap. */
  readonly following: ReadonlyArray<StreamEntry>
  /** What broke the order, in words for the log; null for a page in order. */
  readonly problem: string | null
  /** The platform's stream ends before the cursor: asking it again cannot help, a snapshot can. */
  readonly otherHistory?: true
}

/**
 * Read a page of events against `cursor`. One with an item that has no id cannot be checked for
 * order, so it counts as in order here and is judged by the progress it makes.
 */
export function eventsPageOrder(page: EventsPage, cursor: number): PageOrder {
  if (page.latestId < cursor) {
    const problem = `its newest event is ${page.latestId}, before event ${cursor} the cache holds`
    return { following: [], problem, otherHistory: true }
  }
  return page.unplaced > 0 ? { following: [], problem: null } : pageOrder(page.entries, cursor)
}

/**
 * Read `entries` against `cursor`. Entries at or below the cursor at the start (a page that
 * overlaps what is applied) are passed over, as the cache drops them anyway.
 */
export function pageOrder(entries: ReadonlyArray<StreamEntry>, cursor: number): PageOrder {
  const following: StreamEntry[] = []
  let previous: number | null = null
  let last = cursor
  for (const entry of entries) {
    if (previous !== null && entry.id <= previous) {
      return { following, problem: `event ${entry.id} came after event ${previous}` }
    }
    previous = entry.id
    if (entry.id <= cursor) continue
    if (entry.id !== last + 1) {
      return { following, problem: `event ${entry.id} came where event ${last + 1} was due` }
    }
    following.push(entry)
    last = entry.id
  }
  return { following, problem: null }
}

/** The log line for a page read at `before` that was out of order, and what is asked for next. */
export function outOfOrderWarning(
  before: number,
  problem: string,
  step: OutOfOrderStep,
  cursor: number,
): string {
  const next = step === 'snapshot' ? 'rebuilding from a snapshot' : `asking again from event ${cursor}`
  return `The platform sent the events after event ${before} out of order (${problem}); ${next}`
}

/**
 * Whether more events follow those of `page`, read at `before`: the new invites among them wait
 * to be shown, as an invite opened and closed meanwhile may have its closing on a later page.
 */
export function moreFollow(page: EventsPage, before: number): boolean {
  return page.hasMore || (page.entries.at(-1)?.id ?? before) < page.latestId
}

/** Where a catch-up stands once a page in order moved the cursor from `before` to `after`. */
export type PageProgress = 'more' | 'stalled' | 'last'

/**
 * Read `page` against the cursor before and after it was applied. One unreadable event is passed
 * over and counts as progress; none at all, while more are said to follow, is a stall.
 */
export function pageProgress(page: EventsPage, before: number, after: number): PageProgress {
  if (!page.hasMore && after >= page.latestId) return 'last'
  return after === before ? 'stalled' : 'more'
}

/** Pages out of order in a row after which asking again is given up for a snapshot. */
const MOST_PAGES_OUT_OF_ORDER = 3

/** What to do after a page out of order: ask again from the cursor, or rebuild from a snapshot. */
export type OutOfOrderStep = 'again' | 'snapshot'

/**
 * The pages out of order of one catch-up. A platform that sent one bad page usually sends the next
 * one right; one that keeps at it gets a snapshot instead, and one that goes on after that cannot
 * be followed.
 */
export class PagesOutOfOrder {
  private inARow = 0
  private rebuilt = false

  /** A page in order arrived. */
  inOrder(): void {
    this.inARow = 0
  }

  /**
   * A page out of order arrived (of `otherHistory`: asking again cannot help); throws
   * StreamNotFollowable when even a snapshot did not help.
   */
  outOfOrder(otherHistory = false): OutOfOrderStep {
    if (++this.inARow < MOST_PAGES_OUT_OF_ORDER && !otherHistory) return 'again'
    if (this.rebuilt) {
      throw new StreamNotFollowable(
        'The platform keeps sending its events out of order, even after Standby rebuilt from a fresh copy, so it cannot follow them. Try again later.',
      )
    }
    this.rebuilt = true
    this.inARow = 0
    return 'snapshot'
  }
}
