import { describe, expect, it } from 'vitest'
import type { StreamEntry } from '../../../../../src/main/core/ports/cache-store'
import {
  PagesOutOfOrder,
  eventsPageOrder,
  moreFollow,
  outOfOrderWarning,
  pageOrder,
  pageProgress,
} from '../../../../../src/main/core/sync/page-order'
import { StreamNotFollowable } from '../../../../../src/main/core/sync/snapshot-assembly'

/** Markers with these ids: only their place in the stream matters here. */
const page = (...ids: number[]): StreamEntry[] =>
  ids.map((id) => ({ type: 'unreadable', id, problem: 'a test marker' }))
const ids = (entries: ReadonlyArray<StreamEntry>): number[] => entries.map((e) => e.id)

describe('whether a replay page follows on from the cursor', () => {
  it('takes a page in order, and one that overlaps what is applied, whole', () => {
    expect(pageOrder(page(6, 7, 8), 5)).toEqual({ following: page(6, 7, 8), problem: null })
    expect(pageOrder(page(4, 5, 6, 7), 5)).toEqual({ following: page(6, 7), problem: null })
    expect(pageOrder([], 5)).toEqual({ following: [], problem: null })
  })

  it('keeps what follows on before the first event out of place, and names that event', () => {
    const swapped = pageOrder(page(6, 8, 7), 5)
    expect(ids(swapped.following)).toEqual([6])
    expect(swapped.problem).toBe('event 8 came where event 7 was due')
    const reversed = pageOrder(page(8, 7, 6), 5)
    expect(ids(reversed.following)).toEqual([])
    expect(reversed.problem).toBe('event 8 came where event 6 was due')
    const backwards = pageOrder(page(6, 7, 6), 5)
    expect(ids(backwards.following)).toEqual([6, 7])
    expect(backwards.problem).toBe('event 6 came after event 7')
  })
})

describe('whether a page of events is of the history the cache follows', () => {
  const eventsPage = (latestId: number, ...ids: number[]) =>
    ({
      kind: 'events',
      entries: page(...ids),
      latestId,
      hasMore: false,
      unplaced: 0,
      unplacedOfUnknownKind: 0,
    }) as const

  it('is not when the platform says its stream ends before the cursor, as one restored from a backup does', () => {
    expect(eventsPageOrder(eventsPage(3), 5)).toEqual({
      following: [],
      problem: 'its newest event is 3, before event 5 the cache holds',
      otherHistory: true,
    })
    expect(eventsPageOrder(eventsPage(5), 5)).toEqual({ following: [], problem: null })
    expect(eventsPageOrder(eventsPage(7, 6, 7), 5)).toEqual({ following: page(6, 7), problem: null })
  })
})

describe('the pages out of order of one catch-up', () => {
  it('asks again, then rebuilds from a snapshot, then gives up when even that did not help', () => {
    const pages = new PagesOutOfOrder()
    expect([pages.outOfOrder(), pages.outOfOrder(), pages.outOfOrder()]).toEqual([
      'again',
      'again',
      'snapshot',
    ])
    expect([pages.outOfOrder(), pages.outOfOrder()]).toEqual(['again', 'again'])
    expect(() => pages.outOfOrder()).toThrow(StreamNotFollowable)
  })

  it('rebuilds from a snapshot at once for a page of another history, and gives up when it comes again', () => {
    const pages = new PagesOutOfOrder()
    expect(pages.outOfOrder(true)).toBe('snapshot')
    expect(() => pages.outOfOrder(true)).toThrow(StreamNotFollowable)
  })

  it('starts counting again after a page in order', () => {
    const pages = new PagesOutOfOrder()
    pages.outOfOrder()
    pages.outOfOrder()
    pages.inOrder()
    expect([pages.outOfOrder(), pages.outOfOrder()]).toEqual(['again', 'again'])
  })
})

describe('where a catch-up stands after a page in order', () => {
  const eventsPage = (latestId: number, hasMore: boolean, ...ids: number[]) =>
    ({
      kind: 'events',
      entries: page(...ids),
      latestId,
      hasMore,
      unplaced: 0,
      unplacedOfUnknownKind: 0,
    }) as const

  it('is at its end only when the page says none follow and the cursor reached the newest event', () => {
    expect(pageProgress(eventsPage(8, false, 6, 7, 8), 5, 8)).toBe('last')
    expect(pageProgress(eventsPage(8, true, 6, 7, 8), 5, 8)).toBe('more')
    expect(pageProgress(eventsPage(9, false, 6, 7, 8), 5, 8)).toBe('more')
  })

  it('is stalled when more are said to follow but the cursor did not move', () => {
    expect(pageProgress(eventsPage(8, true), 5, 5)).toBe('stalled')
    expect(pageProgress(eventsPage(8, false), 5, 5)).toBe('stalled')
    // An empty last page at the newest event is the end, not a stall.
    expect(pageProgress(eventsPage(5, false), 5, 5)).toBe('last')
  })

  it('holds new invites back while events are known to follow the page', () => {
    expect(moreFollow(eventsPage(8, false, 6, 7, 8), 5)).toBe(false)
    expect(moreFollow(eventsPage(9, false, 6, 7, 8), 5)).toBe(true)
    expect(moreFollow(eventsPage(8, true, 6, 7, 8), 5)).toBe(true)
  })

  it('logs a page out of order with what is asked for next', () => {
    expect(outOfOrderWarning(5, 'event 8 came where event 7 was due', 'again', 6)).toBe(
      'The platform sent the events after event 5 out of order (event 8 came where event 7 was due); asking again from event 6',
    )
    expect(outOfOrderWarning(5, 'a problem', 'snapshot', 6)).toBe(
      'The platform sent the events after event 5 out of order (a problem); rebuilding from a snapshot',
    )
  })
})
