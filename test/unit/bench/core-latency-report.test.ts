// How many of a set's rounds lie above its p99: the core bench's sets need enough for the p99 of
// each to be its own, not a handful of unlucky rounds.
import { describe, expect, it } from 'vitest'
import { latencySide, runBlocks } from '../../../bench/blocks'
import { roundsCounted, slowestRank } from '../../../bench/core-latency-report'
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

describe('the rounds the overall figures count', () => {
  it('says how many warm-up rounds each side ran first and left out', async () => {
    const ours = latencySide('Standby', 4, () => Promise.resolve(1))
    const raw = latencySide('bare socket.io', 4, () => Promise.resolve(1))
    await runBlocks({ ours, baseline: raw, blocks: 2, warmup: 3 })
    expect(roundsCounted(ours, raw)).toBe(
      "all 8 rounds of each side (after 12 warm-up rounds each, not counted: V8 compiles the path's functions during them):",
    )
    await ours.run(-1)
    expect(roundsCounted(ours, raw)).toContain('warm-up rounds: 16 of Standby, 12 of bare socket.io')
  })
})
