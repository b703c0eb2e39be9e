import { describe, expect, it } from 'vitest'
import { formatRepeat, parseBenchArgs, repeatRows } from '../../../bench/repeat'

const NAMES = ['cache', 'core', 'reconnect-storm']

describe('repeatRows and formatRepeat', () => {
  const runs = [
    [
      { name: 'p50', value: 10, unit: 'ms' as const },
      { name: 'ratio', value: 2, unit: 'ratio' as const },
    ],
    [{ name: 'p50', value: 14, unit: 'ms' as const }],
    [
      { name: 'p50', value: 12, unit: 'ms' as const },
      { name: 'ratio', value: 3, unit: 'ratio' as const },
    ],
  ]

  it('gathers each headline figure across runs, in the order the runs reported them', () => {
    const rows = repeatRows(runs)
    expect(rows.map((r) => [r.name, r.values])).toEqual([
      ['p50', [10, 14, 12]],
      ['ratio', [2, 3]],
    ])
    expect(rows[0]?.spread).toMatchObject({ min: 10, median: 12, max: 14 })
  })

  it('prints every run, the median and range, how wide the range is, and runs that missed a figure', () => {
    expect(formatRepeat(repeatRows(runs), 3).slice(1)).toEqual([
      '  p50: 10.00 ms, 14.00 ms, 12.00 ms  →  median 12.00 ms [10.00 ms – 14.00 ms], range 33 % of the median',
      '  ratio: 2.00×, 3.00×  →  median 2.00× [2.00× – 3.00×], range 50 % of the median  (reported by 2 of 3 runs)',
    ])
  })

  it('says so when a bench reported no headline figures', () => {
    expect(formatRepeat(repeatRows([[], []]), 2)).toEqual(['(no headline figures over 2 runs)'])
  })
})

describe('parseBenchArgs', () => {
  it('reads --repeat and the bench name in either order, and defaults to one run of every bench', () => {
    expect(parseBenchArgs(['--repeat', '5', 'core'], NAMES)).toEqual({ repeat: 5, only: 'core' })
    expect(parseBenchArgs(['core', '--repeat', '3'], NAMES)).toEqual({ repeat: 3, only: 'core' })
    expect(parseBenchArgs([], NAMES)).toEqual({ repeat: 1, only: undefined })
  })

  it('leaves a bench its own options and their values', () => {
    expect(parseBenchArgs(['reconnect-storm', '--cores', '300'], NAMES)).toEqual({
      repeat: 1,
      only: 'reconnect-storm',
    })
  })

  it('refuses a repeat count that is not a whole number of at least one, saying what it wants', () => {
    for (const bad of [['--repeat'], ['--repeat', '0'], ['--repeat', 'x'], ['--repeat', '2.5']]) {
      expect(parseBenchArgs(bad, NAMES)).toEqual({
        error: expect.stringMatching(/--repeat needs a whole number/),
      })
    }
  })

  it('refuses an unknown bench, naming the ones there are', () => {
    expect(parseBenchArgs(['caches'], NAMES)).toEqual({
      error: 'No bench named "caches"; the benches are: cache, core, reconnect-storm.',
    })
  })
})
