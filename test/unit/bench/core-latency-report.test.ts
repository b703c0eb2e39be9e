// How many of a set's rounds lie above its p99: the core bench's sets need enough for the p99 of
// each to be its own, not a handful of unlucky rounds.
import { describe, expect, it } from 'vitest'
import { slowestRank } from '../../../bench/core-latency-report'
import { percentile } from '../../../bench/stats'

describe("a set's p99 as one of its slowest rounds", () => {
  it('is the round percentile() picks, counted from the slowest', () => {
    for (const count of [1, 7, 100, 400, 2000, 2001]) {
      const rounds = Array.from({ length: count }, (_, i) => i + 1)
      const rank = slowestRank(count, 99)
      expect(percentile(rounds, 99)).toBe(count - rank + 1)
    }
    expect(slowestRank(400, 99)).toBe(5)
    expect(slowestRank(2000, 99)).toBe(21)
  })
})
