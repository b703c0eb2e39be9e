// The core bench's cold path: what it keeps of each side's first rounds and how it prints them
// beside the steady figure, so a fresh process's invites are judged on their own rounds.
import { describe, expect, it } from 'vitest'
import {
  COLD_RANGES,
  COLD_ROUNDS,
  coldFigure,
  coldHeadlines,
  coldLines,
  FirstRounds,
  rangeName,
} from '../../../bench/cold-rounds'

/** A side whose round `i` (from 0) took `total(i)` and the core `core(i)`. */
function side(name: string, count: number, total: (i: number) => number, core?: (i: number) => number) {
  const first = new FirstRounds(name, COLD_ROUNDS)
  for (let i = 0; i < count; i++) first.add(total(i), core?.(i))
  return first
}

describe("a side's first rounds", () => {
  it('keeps the first ones in the order they ran and none after the limit', () => {
    const first = new FirstRounds('Standby', 3)
    for (const total of [9, 8, 7, 6, 5]) first.add(total, total / 2)
    expect(first.rounds).toEqual([
      { total: 9, core: 4.5 },
      { total: 8, core: 4 },
      { total: 7, core: 3.5 },
    ])
  })

  it('keeps enough for every range printed', () => {
    expect(COLD_ROUNDS).toBe(Math.max(...COLD_RANGES.map((r) => r.to)))
    expect(COLD_RANGES.map(rangeName)).toEqual(['invite 1', 'invites 1–100', 'invites 101–1,000'])
  })
})

describe("a range's figure", () => {
  it('reads only the rounds of its range, counted from the first', () => {
    // Round i took i + 1: the first hundred are 1 to 100, the next nine hundred 101 to 1000.
    const first = side('Standby', 1000, (i) => i + 1)
    expect(coldFigure(first.rounds, { from: 0, to: 1 }, 'total')).toEqual({ count: 1, p50: 1, p99: 1 })
    expect(coldFigure(first.rounds, { from: 0, to: 100 }, 'total')).toEqual({ count: 100, p50: 50, p99: 99 })
    expect(coldFigure(first.rounds, { from: 100, to: 1000 }, 'total')).toEqual({
      count: 900,
      p50: 550,
      p99: 991,
    })
  })

  it('leaves out rounds whose part was not split, and says how many it read', () => {
    const first = side(
      'Standby',
      4,
      () => 1,
      (i) => (i === 2 ? Number.NaN : i),
    )
    expect(coldFigure(first.rounds, { from: 0, to: 4 }, 'core')).toEqual({ count: 3, p50: 1, p99: 3 })
  })

  it('is NaN with a count of none when the side ran fewer rounds than the range starts at', () => {
    const figure = coldFigure(side('Standby', 50, () => 1).rounds, { from: 100, to: 1000 }, 'total')
    expect(figure.count).toBe(0)
    expect(figure.p99).toBeNaN()
  })
})

describe('the lines printed', () => {
  it('give each range for both sides and the core, and judge the first hundred against the target', () => {
    // Standby's first round is slow (the path compiled for the first time), the rest quick.
    const ours = side(
      'Standby',
      1000,
      (i) => (i === 0 ? 40 : i < 100 ? 2 : 1),
      (i) => (i === 0 ? 20 : 0.5),
    )
    const raw = side('bare socket.io', 1000, (i) => (i === 0 ? 2 : 0.1))
    const lines = coldLines(ours, raw, 3)
    expect(lines[0]).toContain("Standby's from a fresh core and platform")
    // Bare socket.io's server shares the bench's process with the platform: not a fresh one.
    expect(lines[1]).toContain("bare socket.io's from a fresh client, its server in the bench's process")
    expect(lines[3]).toMatch(/^ {2}invite 1 +2\.00 ms +2\.00 ms +40\.00 ms +40\.00 ms +20\.00 ms +20\.00 ms$/)
    expect(lines[4]).toMatch(
      /^ {2}invites 1–100 +0\.10 ms +0\.10 ms +2\.00 ms +2\.00 ms +0\.50 ms +0\.50 ms$/,
    )
    expect(lines[5]).toMatch(
      /^ {2}invites 101–1,000 +0\.10 ms +0\.10 ms +1\.00 ms +1\.00 ms +0\.50 ms +0\.50 ms$/,
    )
    expect(lines).toContain('  (invites 1–100: p99 2.00 ms against the target of 3.00 ms: met)')
  })

  it('say the target was missed when the first hundred miss it', () => {
    const ours = side('Standby', 100, (i) => (i < 5 ? 10 : 1))
    const lines = coldLines(
      ours,
      side('bare socket.io', 100, () => 0.1),
      3,
    )
    expect(lines).toContain('  (invites 1–100: p99 10.00 ms against the target of 3.00 ms: NOT met)')
  })

  it('say which ranges ran short, and do not invent figures for a range not reached', () => {
    const lines = coldLines(
      side('Standby', 40, () => 1),
      side('bare socket.io', 40, () => 0.1),
      3,
    )
    expect(lines[4]).toContain('(40)')
    expect(lines[5]).toContain('not run')
    expect(lines.join('\n')).not.toContain('NaN')
  })
})

describe('the headline figures', () => {
  it("carry Standby's p99 and the core part's for each range of more than one round", () => {
    const ours = side(
      'Standby',
      1000,
      (i) => i + 1,
      () => 0.5,
    )
    expect(coldHeadlines(ours)).toEqual([
      { name: 'invite -> notifier p99, Standby, invites 1–100', value: 99, unit: 'ms' },
      { name: "the core's part p99, invites 1–100", value: 0.5, unit: 'ms' },
      { name: 'invite -> notifier p99, Standby, invites 101–1,000', value: 991, unit: 'ms' },
      { name: "the core's part p99, invites 101–1,000", value: 0.5, unit: 'ms' },
    ])
  })
})
