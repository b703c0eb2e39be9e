// A platform whose clock is never set but whose answers scatter by seconds, heard for days on an
// idle link: the estimate rests on the middle of the answers heard, and a change of the platform's
// clock read where there was none (a few answers that happen to lean one way) drops that middle for
// the middle of a handful, often over a second off. Such reads keep the time off near what the
// middle alone gives, where they used to add more time off than the middle's own spread.
import { describe, expect, it } from 'vitest'
import { addExchange, bestOffset, NO_ESTIMATE, type OffsetEstimate } from '../../../src/shared/clock-offset'

const SECOND = 1_000
const START = Date.UTC(2026, 0, 5, 9, 0, 0)
const QUICK_ROUND_TRIP_MS = 40

/** Pseudo-random numbers in [0, 1), the same each run. */
function randoms(seed: number): () => number {
  let s = seed
  return () => ((s = (Math.imul(s, 1_103_515_245) + 12_345) >>> 0), s / 4_294_967_296)
}

/** How many of `count` answers, every `everyMs`, each up to `scatterMs` off, leave the estimate over a second off. */
function answersReadOff(
  seed: number,
  count: number,
  everyMs: number,
  scatterMs: number,
  roundTripOf: (i: number) => number = () => QUICK_ROUND_TRIP_MS,
): number {
  const random = randoms(seed)
  let estimate: OffsetEstimate = NO_ESTIMATE
  let mono = 5_000
  let off = 0
  for (let i = 0; i < count; i++) {
    mono += everyMs
    const roundTripMs = roundTripOf(i)
    const sent = { wall: START + mono, mono }
    const received = { wall: sent.wall + roundTripMs, mono: mono + roundTripMs }
    const serverTime = Math.round(START + mono + roundTripMs / 2 + (random() * 2 - 1) * scatterMs)
    estimate = addExchange(estimate, { sent, received, serverTime })
    mono += roundTripMs
    // The first answers are too few for a middle: the test is of the long run.
    if (i >= 20 && Math.abs(bestOffset(estimate)?.offsetMs ?? Number.POSITIVE_INFINITY) > SECOND) off++
  }
  return off
}

describe('clock offset estimate over days of scattered answers from a clock never set', () => {
  it('answers each up to 3 s off, one every 8 s for a week: the estimate is over a second off little more often than the middle of the answers alone would be', () => {
    const seeds = [1, 2, 3, 4]
    const perSeed = 20_000
    const off = seeds.reduce((sum, seed) => sum + answersReadOff(seed, perSeed, 8 * SECOND, 3 * SECOND), 0)
    // The middle of the answers heard is itself over a second off about half a percent of the time
    // (its spread over the root of their number); changes read where there were none may add half
    // that again, where they used to add as much as the middle's own share.
    expect(off / (seeds.length * perSeed)).toBeLessThan(0.0075)
  })

  it('the same answers over a link whose every round trip is two and a half seconds: read at their middle too, not at whichever slow answer agrees with the last', () => {
    const seeds = [1, 2, 3, 4]
    const perSeed = 20_000
    const off = seeds.reduce(
      (sum, seed) => sum + answersReadOff(seed, perSeed, 8 * SECOND, 3 * SECOND, () => 2_500),
      0,
    )
    // Slow answers were never heard for the middle, and agree with most others within their long
    // round trips, so the estimate went to each in turn: over a second off most of the time.
    expect(off / (seeds.length * perSeed)).toBeLessThan(0.0125)
  })

  it('the same answers over a link whose every round trip is five seconds, longer than they scatter: read at their middle too', () => {
    const seeds = [1, 2]
    const perSeed = 10_000
    const off = seeds.reduce(
      (sum, seed) => sum + answersReadOff(seed, perSeed, 8 * SECOND, 3 * SECOND, () => 5 * SECOND),
      0,
    )
    // Each answer agreed with the middle within its round trip, so none was read as scatter and the
    // estimate went to each in turn, though the two furthest apart could not both be right.
    expect(off / (seeds.length * perSeed)).toBeLessThan(0.0125)
  })

  it('the same slow link with a quick answer now and then: the quick one, as scattered as the rest, is not read alone until it ages out', () => {
    const seeds = [1, 2]
    const perSeed = 10_000
    const roundTrip = (i: number): number => (i % 50 === 0 ? QUICK_ROUND_TRIP_MS : 2_500)
    const off = seeds.reduce(
      (sum, seed) => sum + answersReadOff(seed, perSeed, 8 * SECOND, 3 * SECOND, roundTrip),
      0,
    )
    // Each quick answer put every slow one out of the middle for as long as it was heard.
    expect(off / (seeds.length * perSeed)).toBeLessThan(0.0125)
  })
})
