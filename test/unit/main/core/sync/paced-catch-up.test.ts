// A whole catch-up through the paced replay and the real replay request, against a model of the
// platform and the link (test/support/modelled-catch-up.ts), on a fake clock.
import { describe, expect, it } from 'vitest'
import { FULL_PAGE } from '../../../../../src/main/core/sync/replay-pace'
import { fullPageTrips, modelledCatchUp, type ModelLink } from '../../../../support/modelled-catch-up'

const latin = 'Help wanted with a spreadsheet formula that sums the rows of one month. '.repeat(4)
// The same request in Japanese: a character is three bytes of UTF-8 but one of the text's length.
const japanese = '一か月分の行を合計する表計算の数式について手伝ってほしいです。'.repeat(5)
// An invite with a long account of the problem: a full page holds a few dozen.
const invite = 'A long account of the problem. '.repeat(26)

/** A link that carries bytes fast, whose answers take `roundTripMs` whatever their size. */
const lateButFast = (roundTripMs: number, text: string): ModelLink => ({
  roundTripMs,
  bytesPerMs: 1_000,
  text,
})

describe('a paced catch-up', () => {
  it('catches up on a fast local link in no more than one round trip more than full pages from the start', async () => {
    // Full pages from the first were the pace before pages were sized to the link; the first
    // page now asks for one event, as the link's rate is not known yet, and the next is full.
    const backlog = 50_000
    const { asked, caughtUp } = await modelledCatchUp(() => lateButFast(1, latin), backlog)
    expect(caughtUp).toBe(true)
    expect(asked.length).toBeLessThanOrEqual(fullPageTrips(backlog, latin) + 1)
  })

  it('catches up over a link whose answers come late whatever their size in no more than one round trip more than full pages', async () => {
    // A congested mobile link, a satellite, a platform slow after a restart: the round trip is
    // not the link's rate, and only the rate says how large a page crosses in time. Full pages
    // from the first were the pace before pages were sized to the link.
    for (const roundTripMs of [500, 2_500, 4_000, 8_000])
      for (const text of [invite, japanese]) {
        const { asked, caughtUp, drops } = await modelledCatchUp(() => lateButFast(roundTripMs, text), 300)
        expect({ roundTripMs, caughtUp, drops }).toEqual({ roundTripMs, caughtUp: true, drops: 0 })
        expect(asked.length).toBeLessThanOrEqual(fullPageTrips(300, text) + 1)
      }
  })

  it('grows its pages over a slow link whose answers also come late', async () => {
    // 2.5 s and 4 s before an answer starts, then 1,000 and 500 B/s: pages of one event took
    // longer than the aimed time, all of it counted as crossing, and stayed one event.
    for (const link of [
      { roundTripMs: 2_500, bytesPerMs: 1, text: latin },
      { roundTripMs: 4_000, bytesPerMs: 0.5, text: japanese },
    ]) {
      const { asked, caughtUp, drops } = await modelledCatchUp(() => link, 100)
      expect({ caughtUp, drops }).toEqual({ caughtUp: true, drops: 0 })
      expect(asked.filter((page) => page.limit > 1).length).toBeGreaterThan(asked.length / 2)
    }
  })

  it('catches up over a slow link without a page that costs the connection', async () => {
    for (const bytesPerSecond of [120, 250, 500, 1_000])
      for (const text of [latin, japanese]) {
        const link = { roundTripMs: 50, bytesPerMs: bytesPerSecond / 1_000, text }
        const { caughtUp, drops } = await modelledCatchUp(() => link, 100)
        expect({ bytesPerSecond, caughtUp, drops }).toEqual({ bytesPerSecond, caughtUp: true, drops: 0 })
      }
  })

  it('catches up over a slow link whose round trip varies by seconds from one answer to the next without a page that costs the connection', async () => {
    // A congested mobile network: answers start 0.5 to 4.5 s after they were asked, then cross
    // at 250 B/s to 2 kB/s. Two answers asked apart differ as much by their round trips as by
    // their sizes: fitted against each other, they showed links faster than they were.
    for (const bytesPerSecond of [250, 500, 1_000, 2_000])
      for (const seed of [1, 2, 3, 4, 5]) {
        const link = { roundTripMs: 2_500, jitterMs: 2_000, bytesPerMs: bytesPerSecond / 1_000, text: invite }
        const { caughtUp, drops } = await modelledCatchUp(() => link, 200, 5_000, seed)
        expect({ bytesPerSecond, seed, caughtUp, drops }).toEqual({
          bytesPerSecond,
          seed,
          caughtUp: true,
          drops: 0,
        })
      }
  })

  it('measures the link again after it turned slow and dropped under a full page, instead of halving the page at each drop', async () => {
    // Full pages over a quick network, then the computer moves to one of 500 B/s.
    const linkAt = (page: number): ModelLink =>
      page < 5 ? lateButFast(20, latin) : { roundTripMs: 50, bytesPerMs: 0.5, text: latin }
    const { asked, caughtUp, drops } = await modelledCatchUp(linkAt, 3_000)
    expect(asked[4]).toMatchObject({ maxBytes: FULL_PAGE.maxBytes })
    expect({ caughtUp, drops }).toEqual({ caughtUp: true, drops: 1 })
  })
})
