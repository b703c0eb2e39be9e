import { describe, expect, it } from 'vitest'
import { allocatedBetween, costPerRound } from '../../../bench/server-cost'

describe('allocatedBetween', () => {
  it('adds what the heap grew between collections, not what each collection freed', () => {
    // 10 MB at the start, grown to 14 and collected to 11, grown to 16 and collected to 12, then 13.
    const collections = [
      { before: 14, after: 11 },
      { before: 16, after: 12 },
    ]
    expect(allocatedBetween(10, collections, 13)).toBe(4 + 5 + 1)
  })

  it('counts a collection that freed nothing the heap had grown by as no allocation, not a negative one', () => {
    expect(allocatedBetween(10, [{ before: 9, after: 8 }], 8)).toBe(0)
  })
})

describe('costPerRound', () => {
  it('divides the allocation a piece of work made by its rounds', async () => {
    let kept: number[][] = []
    const cost = await costPerRound(10, () => {
      // At least 8 MB in arrays of 4 KB or more, most dropped at once, so the young generation is collected.
      for (let i = 0; i < 2_000; i++) kept = [...kept.slice(-4), new Array<number>(1_000).fill(i)]
      return Promise.resolve()
    })
    expect(kept).toHaveLength(5)
    expect(cost.allocated).toBeGreaterThan(700_000)
    expect(cost.cpuMs).toBeGreaterThanOrEqual(0)
  })
})
