import { describe, expect, it } from 'vitest'
import {
  blockHeadlines,
  blockOrders,
  compareBlocks,
  formatBlocks,
  latencySide,
  percentileOfGroups,
  runBlocks,
  verdict,
  type BlockFigures,
} from '../../../bench/blocks'
import { spread } from '../../../bench/stats'

const p50s = (values: ReadonlyArray<number>): ReadonlyArray<BlockFigures> => values.map((p50) => ({ p50 }))

describe('spread', () => {
  it('gives the extremes, quartiles (nearest rank) and median of known figures', () => {
    expect(spread([8, 1, 4, 2, 6, 3, 7, 5])).toEqual({ min: 1, p25: 2, median: 4, p75: 6, max: 8 })
  })

  it('is all NaN for no figures rather than a made-up number', () => {
    expect(Object.values(spread([])).every(Number.isNaN)).toBe(true)
  })
})

describe('compareBlocks', () => {
  it('takes the ratio block by block, not of the two medians', () => {
    // Medians alone give 4 / 2 = 2; the blocks say the project was 4× slower in two of four.
    const [p50] = compareBlocks(p50s([2, 4, 4, 8]), p50s([2, 1, 1, 4]))
    expect(p50?.ratio).toEqual({ min: 1, p25: 1, median: 2, p75: 4, max: 4 })
    expect(p50?.ours.median).toBe(4)
    expect(p50?.baseline.median).toBe(1)
  })

  it('compares every named figure and judges each against its own target', () => {
    const ours = [
      { p50: 5, p99: 10 },
      { p50: 6, p99: 30 },
    ]
    const baseline = [
      { p50: 2, p99: 9 },
      { p50: 2, p99: 10 },
    ]
    const figures = compareBlocks(ours, baseline, { p50: 2.5, p99: 1.5 })
    expect(figures.map((f) => f.figure)).toEqual(['p50', 'p99'])
    // Two blocks cannot close a range on either side: neither target can be judged.
    expect(figures[0]?.verdict).toMatchObject({
      target: 2.5,
      atMedian: 'too close to call',
      atP75: 'too close to call',
    })
    expect(figures[1]?.verdict).toMatchObject({
      target: 1.5,
      atMedian: 'too close to call',
      atP75: 'too close to call',
    })
  })

  it('refuses sides with different numbers of blocks, and a block missing a figure, by name', () => {
    expect(() => compareBlocks(p50s([1, 2]), p50s([1]))).toThrow(/2 blocks of ours but 1 of the baseline/)
    expect(() => compareBlocks([{ p50: 1 }, { p50: 2 }], [{ p50: 1 }, { p99: 2 }])).toThrow(
      /block 1 has no figure "p50"/,
    )
  })
})

describe('verdict', () => {
  // Twenty blocks' ratios, evenly spread.
  const ratios = Array.from({ length: 20 }, (_, i) => 1 + (i + 1) / 100)

  it('says met or not met only when the range the figure lies in is wholly within or past the target', () => {
    expect(verdict(ratios, 1.2)).toMatchObject({ atMedian: 'met', atP75: 'met' })
    expect(verdict(ratios, 1.0)).toMatchObject({ atMedian: 'not met', atP75: 'not met' })
    // Past the middle of the spread but short of its top: the median is surely under, p75 is not.
    expect(verdict(ratios, 1.16)).toMatchObject({ atMedian: 'met', atP75: 'too close to call' })
  })

  it('does not call a p75 met because one run fell under the target, when the blocks spread across it', () => {
    // This run's p75 is under the target, but its blocks reach past it: another run could fall past too.
    const v = verdict(ratios, 1.16)
    expect(v.p75Range).toEqual({ low: 1.12, high: 1.19 })
    expect(v.medianRange).toEqual({ low: 1.06, high: 1.15 })
  })

  it('narrows with more blocks from the same spread, so a longer run can decide', () => {
    const many = Array.from({ length: 400 }, (_, i) => 1 + ((i % 20) + 1) / 100)
    expect(verdict(many, 1.16).atP75).toBe('met')
  })
})

describe('blockOrders', () => {
  it('alternates which side goes first', () => {
    expect(blockOrders(4)).toEqual([
      ['ours', 'baseline'],
      ['baseline', 'ours'],
      ['ours', 'baseline'],
      ['baseline', 'ours'],
    ])
  })

  it('with a coin, still flips the order within each pair so both sides go first equally often', () => {
    const coins = [0.9, 0.1, 0.7]
    const orders = blockOrders(6, () => coins.shift() ?? 0)
    expect(orders.map((o) => o[0])).toEqual(['baseline', 'ours', 'ours', 'baseline', 'baseline', 'ours'])
  })
})

describe('runBlocks', () => {
  it('runs warm-up blocks and discards them, then each side once per block in the planned order', async () => {
    const calls: string[] = []
    const side = (name: string, value: number) => ({
      name,
      run: (block: number) => {
        calls.push(`${name}${block}`)
        return { p50: block < 0 ? 1000 : value }
      },
    })
    const result = await runBlocks({
      ours: side('O', 6),
      baseline: side('B', 2),
      blocks: 2,
      warmup: 1,
      targets: { p50: 2.5 },
      measuring: () => calls.push('measuring'),
    })
    expect(calls).toEqual(['O-1', 'B-1', 'measuring', 'O0', 'B0', 'B1', 'O1'])
    expect(result.figures[0]?.ratio.median).toBe(3)
    expect(result.figures[0]?.verdict).toMatchObject({ target: 2.5, atMedian: 'too close to call' })
  })
})

describe('formatBlocks and blockHeadlines', () => {
  const result = {
    oursName: 'Standby',
    baselineName: 'bare socket.io',
    blocks: 4,
    unit: 'ms' as const,
    figures: compareBlocks(p50s([2, 4, 4, 8]), p50s([2, 1, 1, 4]), { p50: 2.5 }),
  }

  it('prints the baseline beside ours, the ratio spread and whether the target holds at the median and p75', () => {
    expect(formatBlocks(result)).toEqual([
      'p50: bare socket.io 1.00 ms, Standby 4.00 ms (medians of 4 blocks)',
      '  ratio per block: median 2.00×  [min 1.00×, p25 1.00×, p75 4.00×, max 4.00×]  target ≤ 2.50×: too close to call at the median (0.00×–∞), too close to call at p75 (1.00×–∞)',
    ])
  })

  it('gives each side’s median and the ratio’s median and p75 as data', () => {
    expect(blockHeadlines('fan-out', result)).toEqual([
      { name: 'fan-out p50, bare socket.io', value: 1, unit: 'ms' },
      { name: 'fan-out p50, Standby', value: 4, unit: 'ms' },
      { name: 'fan-out p50, ratio median', value: 2, unit: 'ratio' },
      { name: 'fan-out p50, ratio p75', value: 4, unit: 'ratio' },
    ])
  })
})

describe('latencySide', () => {
  it('gives each block its rounds’ p50 and p95 and keeps the rounds of measured blocks only', async () => {
    const latencies = [100, 100, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]
    const side = latencySide('Standby', 2, (i) => Promise.resolve(latencies[i] as number))
    await side.run(-1)
    const blocks = []
    for (let block = 0; block < 10; block++) blocks.push(await side.run(block))
    expect(blocks[0]).toEqual({ p50: 1, p95: 2 })
    expect(side.all).toEqual(latencies.slice(2))
    expect(side.byBlock).toEqual(Array.from({ length: 10 }, (_, b) => latencies.slice(2 + 2 * b, 4 + 2 * b)))
    expect(side.warmupRounds()).toBe(2)
  })

  it('runs the same warm-up rounds on both sides of a plan and keeps none of them', async () => {
    const side = (name: string) => latencySide(name, 3, () => Promise.resolve(1))
    const ours = side('O')
    const baseline = side('B')
    await runBlocks({ ours, baseline, blocks: 1, warmup: 4 })
    expect([ours.warmupRounds(), baseline.warmupRounds()]).toEqual([12, 12])
    expect([ours.all.length, baseline.all.length]).toEqual([3, 3])
  })
})

describe('percentileOfGroups', () => {
  it('takes the percentile of each set of interleaved blocks, so one slow stretch lands in every set', () => {
    // Blocks 0 and 2 in the first set, 1 and 3 in the second.
    const byBlock = [
      [1, 2],
      [3, 4],
      [5, 60],
      [7, 8],
    ]
    expect(percentileOfGroups(byBlock, 2, 100)).toEqual([60, 8])
    expect(percentileOfGroups(byBlock, 2, 50)).toEqual([2, 4])
  })

  it('makes no more sets than there are blocks, and none from none', () => {
    expect(percentileOfGroups([[1], [2]], 5, 99)).toEqual([1, 2])
    expect(percentileOfGroups([], 5, 99)).toEqual([])
  })
})
