import { describe, expect, it } from 'vitest'
import { FIRST_PAGE, PageBudget, pageWithin } from '../../../../../src/main/core/sync/page-budget'
import { FULL_PAGE } from '../../../../../src/main/core/sync/replay-pace'
import {
  MAX_REPLAY_PAGE,
  MAX_REPLAY_PAGE_BYTES,
  MIN_REPLAY_PAGE_BYTES,
} from '../../../../../src/shared/protocol'

/** A link: what its round trip (and the platform's work) takes, what it carries a millisecond, how big an event is. */
interface Link {
  readonly roundTripMs: number
  readonly bytesPerMs: number
  readonly eventBytes: number
}

const AIM_MS = 2_000
/** What an answer carries besides its events. */
const OVERHEAD = 100

/**
 * A budget after `pages` pages of a long backlog over `link`: each page's events, bytes and
 * crossing time. Beside a page, when the budget wants it, an answer of no events asked just
 * before it, as the paced replay asks it: its bytes cross first, and the page's behind them.
 */
function catchUp(link: Link, pages: number, budget = new PageBudget()) {
  const crossed: Array<{ events: number; crossingMs: number }> = []
  for (let i = 0; i < pages; i++) {
    const { limit, maxBytes } = budget.current
    const fits = Math.floor((maxBytes - OVERHEAD) / link.eventBytes)
    const events = Math.max(1, Math.min(limit, fits))
    const bytes = OVERHEAD + events * link.eventBytes
    const crossingMs = bytes / link.bytesPerMs
    const roundTrip = budget.wantsRoundTrip
      ? { bytes: OVERHEAD, elapsedMs: link.roundTripMs + OVERHEAD / link.bytesPerMs, aimMs: AIM_MS }
      : undefined
    const elapsedMs = (roundTrip?.elapsedMs ?? link.roundTripMs) + crossingMs
    budget.crossed({ bytes, elapsedMs, aimMs: AIM_MS }, events, roundTrip)
    crossed.push({ events, crossingMs })
  }
  return { budget, crossed }
}

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
    // A part that took twice the aimed time (perhaps all round trip): twice what it allows, 500 bytes, is two events of 250.
    budget.crossed({ bytes: 500, elapsedMs: 4_000, aimMs: 2_000 }, undefined)
    expect(budget.current).toEqual({ limit: 2, maxBytes: MIN_REPLAY_PAGE_BYTES })
  })

  it('asks for full pages from the third over a fast link whose answers take longer than the aimed time, whatever their size', () => {
    // A congested mobile link, a satellite, or a platform busy after a restart: 0.5 to 8 s an
    // answer, 1 MB/s. Events of 700 bytes: two of them are more than the smallest byte budget.
    for (const roundTripMs of [500, 2_500, 4_000, 8_000]) {
      const { crossed } = catchUp({ roundTripMs, bytesPerMs: 1_000, eventBytes: 700 }, 6)
      const full = Math.floor((MAX_REPLAY_PAGE_BYTES - OVERHEAD) / 700)
      expect({ roundTripMs, events: crossed.slice(2).map((c) => c.events) }).toEqual({
        roundTripMs,
        events: [full, full, full, full],
      })
    }
  })

  it('sizes pages by the rate alone over a slow link whose answers also come late', () => {
    // 4 s before an answer starts, then 500 B/s: 1,000 bytes cross in the aimed time, four events of 250.
    const { crossed } = catchUp({ roundTripMs: 4_000, bytesPerMs: 0.5, eventBytes: 250 }, 12)
    for (const c of crossed.slice(3)) expect(c.events).toBeGreaterThanOrEqual(3)
    for (const c of crossed) expect(c.crossingMs).toBeLessThanOrEqual(2 * AIM_MS)
  })

  it('measures the rate again after the link dropped under a page, growing without it only below that page', () => {
    const budget = catchUp({ roundTripMs: 20, bytesPerMs: 1_000, eventBytes: 300 }, 5).budget
    expect(budget.current).toEqual(FULL_PAGE)
    budget.dropped(FULL_PAGE)
    expect(budget.current).toEqual(FIRST_PAGE)
    // One event in time: all of its time counted as crossing, a page of many more would cross in
    // time too; but that rate is not measured, and the link just dropped a full page.
    budget.crossed({ bytes: 400, elapsedMs: 25, aimMs: AIM_MS }, 1)
    expect(budget.current.maxBytes).toBeLessThan(MAX_REPLAY_PAGE_BYTES)
    // A second, larger page shows the rate beside an answer of none: the link carries full pages again.
    budget.crossed({ bytes: 4_000, elapsedMs: 29, aimMs: AIM_MS }, 10, {
      bytes: OVERHEAD,
      elapsedMs: 25,
      aimMs: AIM_MS,
    })
    expect(budget.current.maxBytes).toBe(MAX_REPLAY_PAGE_BYTES)
  })

  it('grows its pages again after moving from a quick network to one whose round trip takes longer than the aimed time', () => {
    const quick = { roundTripMs: 5, bytesPerMs: 1_000, eventBytes: 300 }
    const { budget } = catchUp(quick, 10)
    // The short last page of the catch-up: answered at once, as the quick network does.
    budget.crossed({ bytes: OVERHEAD, elapsedMs: quick.roundTripMs, aimMs: AIM_MS }, 0)
    catchUp({ ...quick, roundTripMs: 2_500 }, 40, budget)
    expect(budget.current.maxBytes).toBe(MAX_REPLAY_PAGE_BYTES)
  })

  it('grows its pages when the link grows faster over the same connection', () => {
    // A late link at 500 B/s, then the mobile network clears up to 5 kB/s: 10,000 bytes cross
    // in the aimed time, forty events of 250.
    const { budget } = catchUp({ roundTripMs: 2_500, bytesPerMs: 0.5, eventBytes: 250 }, 10)
    expect(budget.current.maxBytes).toBeLessThan(2_000)
    const { crossed } = catchUp({ roundTripMs: 2_500, bytesPerMs: 5, eventBytes: 250 }, 20, budget)
    expect(crossed.at(-1)!.events).toBeGreaterThanOrEqual(35)
  })

  it('keeps pages on a slow link about the aimed time, never far past it', () => {
    // 120 B/s: one event of 300 bytes takes over 3 s, already past the aimed time.
    const crawl = catchUp({ roundTripMs: 50, bytesPerMs: 0.12, eventBytes: 300 }, 20).crossed
    expect(crawl.every((c) => c.events === 1)).toBe(true)
    // 500 B/s and events of 250 bytes: pages of about the aimed time, but for a
    // larger one now and then that checks the rate still holds.
    const slow = catchUp({ roundTripMs: 50, bytesPerMs: 0.5, eventBytes: 250 }, 20).crossed
    expect(slow.slice(1).filter((c) => c.crossingMs <= 1.25 * AIM_MS).length).toBeGreaterThanOrEqual(16)
    for (const c of [...crawl, ...slow]) expect(c.crossingMs).toBeLessThanOrEqual(2 * AIM_MS + 1_000)
  })

  it('keeps its pages after a short last page of a catch-up, which was short for want of events', () => {
    // A quick round trip, and one that takes longer than the aimed time (a congested mobile link).
    for (const roundTripMs of [300, 2_500]) {
      const link = { roundTripMs, bytesPerMs: 1_000, eventBytes: 300 }
      const { budget } = catchUp(link, 20)
      const full = budget.current
      expect(full.maxBytes).toBe(MAX_REPLAY_PAGE_BYTES)
      const stillFull = {
        limit: expect.toSatisfy((limit: number) => limit >= full.limit),
        maxBytes: full.maxBytes,
      }
      // Three events left, then none: the next catch-up starts from full pages again.
      const three = OVERHEAD + 3 * link.eventBytes
      budget.crossed({ bytes: three, elapsedMs: roundTripMs + three / link.bytesPerMs, aimMs: AIM_MS }, 3)
      expect(budget.current).toEqual(stillFull)
      budget.crossed(
        { bytes: OVERHEAD, elapsedMs: roundTripMs + OVERHEAD / link.bytesPerMs, aimMs: AIM_MS },
        0,
      )
      expect(budget.current).toEqual(stillFull)
    }
  })

  it('makes pages smaller when a smaller page comes slower than a larger one did, as the link may have got worse', () => {
    const link = { roundTripMs: 2_500, bytesPerMs: 1_000, eventBytes: 300 }
    const { budget } = catchUp(link, 20)
    // Three events that took four times as long as a full page: no rate beyond the round trip says the full page still fits.
    budget.crossed({ bytes: OVERHEAD + 900, elapsedMs: 10_000, aimMs: AIM_MS }, 3)
    expect(budget.current.maxBytes).toBeLessThan(MAX_REPLAY_PAGE_BYTES)
  })

  it('asks an answer of no events only now and then beside the pages of a platform that answers it after the page, and at once over the next connection', () => {
    const link = { roundTripMs: 300, bytesPerMs: 5, eventBytes: 300 }
    const budget = new PageBudget()
    let asked = 0
    for (let i = 0; i < 12; i++) {
      const { limit, maxBytes } = budget.current
      const events = Math.max(1, Math.min(limit, Math.floor((maxBytes - OVERHEAD) / link.eventBytes)))
      const bytes = OVERHEAD + events * link.eventBytes
      const elapsedMs = link.roundTripMs + bytes / link.bytesPerMs
      // Its answer comes after the page's, whose time it therefore cannot set apart from the round trip.
      const roundTrip = budget.wantsRoundTrip
        ? { bytes: OVERHEAD, elapsedMs: elapsedMs + 500, aimMs: AIM_MS }
        : undefined
      if (roundTrip !== undefined) asked++
      budget.crossed({ bytes, elapsedMs, aimMs: AIM_MS }, events, roundTrip, true)
    }
    // Not beside every page, which would double every ask.
    expect(asked).toBeLessThanOrEqual(2)
    // Pages still grow, as the time of each allows.
    expect(budget.current.limit).toBeGreaterThan(FIRST_PAGE.limit)
    budget.reconnected()
    expect(budget.wantsRoundTrip).toBe(true)
  })
})
