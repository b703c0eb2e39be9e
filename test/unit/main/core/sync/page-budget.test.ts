import { describe, expect, it } from 'vitest'
import { FIRST_PAGE, PageBudget, pageWithin } from '../../../../../src/main/core/sync/page-budget'
import { FULL_PAGE } from '../../../../../src/main/core/sync/replay-pace'
import { MAX_REPLAY_PAGE, MIN_REPLAY_PAGE_BYTES } from '../../../../../src/shared/protocol'

describe('page budget', () => {
  it('starts with one event, as nothing says yet how fast the link is', () => {
    expect(new PageBudget().current).toEqual(FIRST_PAGE)
    expect(FIRST_PAGE.limit).toBe(1)
  })

  it('asks for what crosses in the aimed time at the rate the last page came', () => {
    // 4,000 bytes in 2 s: 2,000 B/s, so 1 s carries 2,000 bytes, 20 events of 100 bytes.
    expect(pageWithin({ bytes: 4_000, elapsedMs: 2_000, aimMs: 1_000 }, 100)).toEqual({
      limit: 20,
      maxBytes: 2_000,
    })
  })

  it('bounds a page by its events once its bytes are under the smallest budget a platform takes', () => {
    // 500 bytes in 5 s: 100 B/s; 2 s carry 200 bytes, under one event of 500: one event per page.
    const crawl = { bytes: 500, elapsedMs: 5_000, aimMs: 2_000 }
    expect(pageWithin(crawl, 500)).toEqual({ limit: 1, maxBytes: MIN_REPLAY_PAGE_BYTES })
    expect(pageWithin(crawl, undefined)).toEqual({ limit: 1, maxBytes: MIN_REPLAY_PAGE_BYTES })
    // 600 bytes that take the aimed time: three events of 200 bytes.
    expect(pageWithin({ bytes: 600, elapsedMs: 2_000, aimMs: 2_000 }, 200)).toEqual({
      limit: 3,
      maxBytes: MIN_REPLAY_PAGE_BYTES,
    })
  })

  it('asks for the full page on a fast link, never more than the platform takes', () => {
    expect(pageWithin({ bytes: 600, elapsedMs: 0, aimMs: 2_000 }, 600)).toEqual(FULL_PAGE)
    expect(pageWithin({ bytes: 600, elapsedMs: 1, aimMs: 2_000 }, 1)).toEqual(FULL_PAGE)
    expect(pageWithin({ bytes: 600, elapsedMs: 1, aimMs: 2_000 }, undefined).limit).toBe(MAX_REPLAY_PAGE)
  })

  it('keeps the size of an event from the last page of events for a snapshot part after it', () => {
    const budget = new PageBudget()
    budget.crossed({ bytes: 1_000, elapsedMs: 1_000, aimMs: 2_000 }, 4)
    expect(budget.current).toEqual({ limit: 8, maxBytes: 2_000 })
    budget.crossed({ bytes: 250, elapsedMs: 1_000, aimMs: 2_000 }, undefined)
    expect(budget.current).toEqual({ limit: 2, maxBytes: MIN_REPLAY_PAGE_BYTES })
  })
})
