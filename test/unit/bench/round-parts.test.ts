import { describe, expect, it } from 'vitest'
import { formatPings, formatRoundParts, medianParts, partsOf } from '../../../bench/round-parts'
import type { Round } from '../../../bench/tail-causes'

/** A round one second after the one before, split into its parts (ms). */
const round = (i: number, before: number, sends: number, after: number): Round => {
  const started = i * 1_000
  const from = started + before
  const until = from + sends
  return { started, first: from + 0.1, last: until + after, sends: { from, until } }
}

describe('round parts', () => {
  it('splits a round at its first send and its last', () => {
    expect(partsOf(round(3, 0.75, 1, 1.5))).toEqual({ beforeSends: 0.75, sends: 1, afterSends: 1.5 })
    expect(partsOf({ started: 0, first: 1, last: 2 })).toBeUndefined()
  })

  it('tells a tail made of a longer write from one made of a slower drain', () => {
    const every = Array.from({ length: 98 }, (_, i) => round(i, 0.5, 1, 1))
    const slowWrite = [...every, round(98, 9, 1, 1), round(99, 8, 1, 1)]
    expect(formatRoundParts('Standby platform', slowWrite, 0.02)).toBe(
      '  Standby platform   median of every round / of the slowest 2: before the first send ' +
        '0.50 / 8.00 ms, the sends 1.00 / 1.00 ms, after the last send until the last recipient ' +
        'had it 1.00 / 1.00 ms',
    )
    const slowDrain = [...every, round(98, 0.5, 1, 9), round(99, 0.5, 1, 8)]
    expect(medianParts(slowDrain.slice(98))).toEqual({ rounds: 2, beforeSends: 0.5, sends: 1, afterSends: 8 })
  })

  it('says so when no round recorded its sends', () => {
    expect(formatRoundParts('bare socket.io', [{ started: 0, first: 1, last: 2 }])).toBe(
      '  bare socket.io     no round recorded when its sends ran',
    )
  })
})

describe('heartbeat pings per round', () => {
  it('says how many rounds met a ping, and how many of the slowest did', () => {
    const every = Array.from({ length: 97 }, (_, i) => ({ ...round(i, 0.5, 1, 1), pings: i === 5 ? 2 : 0 }))
    const slow = [round(97, 0.5, 1, 30), round(98, 0.5, 1, 20), round(99, 0.5, 1, 10)]
    const rounds = [...every, ...slow.map((r, i) => ({ ...r, pings: [40, 0, 12][i] }))]
    expect(formatPings('Standby platform', rounds, 0.03)).toBe(
      '  Standby platform   heartbeat pings of either server the clients received during a round: 3 of 100 rounds met any (at most 40 in one), ' +
        '2 of the slowest 3, 12 in the median one of them',
    )
  })

  it('says so when no round recorded its pings', () => {
    expect(formatPings('bare socket.io', [round(0, 1, 1, 1)])).toBe(
      '  bare socket.io     no round recorded the heartbeat pings it met',
    )
  })
})
