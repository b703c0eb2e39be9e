// How often the clock asks the platform for more answers while those heard scatter: the bound is
// on the probes the platform gets in any half hour, however the wants fall across it.
import { describe, expect, it } from 'vitest'
import {
  SCATTER_ASKS_MAX,
  SCATTER_ASKS_SPAN_MS,
  TimeAsks,
} from '../../../../../src/main/core/platform-clock/time-asks'
import { ManualClock } from '../../../../../src/shared/clock'
import { FIXTURE_NOW, MINUTE } from '../../../../support/fixtures'

const SECOND = 1_000

function setUp() {
  const clock = new ManualClock(FIXTURE_NOW)
  const log = { info: () => {}, warn: () => {}, error: () => {} }
  const asks = new TimeAsks(clock, log, () => null)
  const askedAt: number[] = []
  asks.wanted.add(() => askedAt.push(clock.monotonic()))
  /** An answer came while more were wanted (or not), as the clock tells it after each. */
  const answered = async (wanted: boolean): Promise<void> => {
    asks.scattered(wanted, () => wanted)
    await Promise.resolve()
  }
  /** The most asks inside any one span. */
  const mostInASpan = (): number =>
    Math.max(
      ...askedAt.map((from) => askedAt.filter((at) => at >= from && at - from < SCATTER_ASKS_SPAN_MS).length),
    )
  return { clock, answered, askedAt, mostInASpan }
}

describe('asks for more answers while the answers heard scatter', () => {
  it('answers that scatter again late in a half hour that began with an ask: no more than the bound in any half hour', async () => {
    const { clock, answered, askedAt, mostInASpan } = setUp()
    await answered(true)
    // Settled for most of the half hour: answers come, none more wanted.
    for (let t = 0; t < 29 * MINUTE; t += 8 * SECOND) {
      clock.advance(8 * SECOND)
      await answered(false)
    }
    // Scattering again: an answer to every ask, a second apart, for some minutes.
    for (let t = 0; t < 5 * MINUTE; t += 250) {
      clock.advance(250)
      await answered(true)
    }
    expect(askedAt.length).toBeGreaterThan(SCATTER_ASKS_MAX / 2)
    expect(mostInASpan()).toBeLessThanOrEqual(SCATTER_ASKS_MAX)
  })

  it('answers that never settle: the bound again in each half hour, one ask a second at most', async () => {
    const { clock, answered, askedAt, mostInASpan } = setUp()
    for (let t = 0; t < 2 * SCATTER_ASKS_SPAN_MS; t += 250) {
      clock.advance(250)
      await answered(true)
    }
    expect(askedAt.length).toBe(2 * SCATTER_ASKS_MAX)
    expect(mostInASpan()).toBe(SCATTER_ASKS_MAX)
    expect(Math.min(...askedAt.slice(1).map((at, i) => at - askedAt[i]!))).toBeGreaterThanOrEqual(SECOND)
  })
})
