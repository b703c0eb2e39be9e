import { describe, expect, it } from 'vitest'
import type { StreamEntry } from '../../../../../src/main/core/ports/cache-store'
import { PagesOutOfOrder, eventsPageOrder, pageOrder } from '../../../../../src/main/core/sync/page-order'
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
