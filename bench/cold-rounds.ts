/**
 * The core bench's cold path: the first invites of a fresh core process (and of a fresh platform),
 * run before V8 has optimized their path, beside the same rounds of bare socket.io. The measured
 * blocks come after thousands of warm-up rounds; an expert's app shows a few invites a day, so
 * what it runs is this path, and the bench prints it beside the steady figure.
 */
import type { Headline } from './headline'
import { ms, percentile } from './stats'

/** One round as a fresh process ran it: its whole time and the core's part (NaN when not split). */
export interface ColdRound {
  readonly total: number
  readonly core: number
}

/** The first `limit` rounds of one side, in the order they ran; later rounds are not kept. */
export class FirstRounds {
  private readonly kept: ColdRound[] = []

  constructor(
    readonly name: string,
    readonly limit: number,
  ) {}

  /** Keep one round, if fewer than `limit` are kept. */
  add(total: number, core = Number.NaN): void {
    if (this.kept.length < this.limit) this.kept.push({ total, core })
  }

  /** The rounds kept so far, first first. */
  get rounds(): ReadonlyArray<ColdRound> {
    return this.kept
  }
}

/** Rounds `from` up to (not including) `to`, counted from a fresh process's first, which is 0. */
export interface RoundRange {
  readonly from: number
  readonly to: number
}

/** The ranges printed: the very first invite, the first hundred, then up to the thousandth. */
export const COLD_RANGES: ReadonlyArray<RoundRange> = [
  { from: 0, to: 1 },
  { from: 0, to: 100 },
  { from: 100, to: 1000 },
]

/** How many first rounds each side keeps: enough for every range printed. */
export const COLD_ROUNDS = Math.max(...COLD_RANGES.map((r) => r.to))

/** How a range reads to a person: rounds counted from 1. */
export function rangeName({ from, to }: RoundRange): string {
  if (to - from === 1) return `invite ${(from + 1).toLocaleString('en')}`
  return `invites ${(from + 1).toLocaleString('en')}–${to.toLocaleString('en')}`
}

/** The p50 and p99 of one part of the rounds in `range`, and how many there were (parts not split left out). */
export interface ColdFigure {
  readonly count: number
  readonly p50: number
  readonly p99: number
}

/** The figure of `part` over the rounds of `range` that were run and split. */
export function coldFigure(
  rounds: ReadonlyArray<ColdRound>,
  range: RoundRange,
  part: keyof ColdRound,
): ColdFigure {
  const values = rounds
    .slice(range.from, range.to)
    .map((r) => r[part])
    .filter(Number.isFinite)
  return { count: values.length, p50: percentile(values, 50), p99: percentile(values, 99) }
}

const cell = (f: ColdFigure, expected: number): string =>
  f.count === 0
    ? 'not run'.padEnd(24)
    : `${ms(f.p50).padStart(9)} ${ms(f.p99).padStart(9)}${f.count < expected ? ` (${f.count})` : ''}`.padEnd(
        24,
      )

/**
 * The lines that print the cold path: per range, bare socket.io's rounds, Standby's, and the
 * core's part of Standby's (from its read of the invite to its notifier), each p50 then p99; a
 * count in brackets where fewer rounds than the range holds were run or split.
 */
export function coldLines(
  ours: FirstRounds,
  raw: FirstRounds,
  target: number,
  ranges: ReadonlyArray<RoundRange> = COLD_RANGES,
): ReadonlyArray<string> {
  const header = `  ${'rounds'.padEnd(20)} ${raw.name.padEnd(24)} ${ours.name.padEnd(24)} the core's part`
  const rows = ranges.map((range) => {
    const expected = range.to - range.from
    return (
      `  ${rangeName(range).padEnd(20)} ${cell(coldFigure(raw.rounds, range, 'total'), expected)} ` +
      `${cell(coldFigure(ours.rounds, range, 'total'), expected)} ${cell(coldFigure(ours.rounds, range, 'core'), expected).trimEnd()}`
    )
  })
  const first = ranges.find((r) => r.from === 0 && r.to > 1)
  const firstP99 = first === undefined ? Number.NaN : coldFigure(ours.rounds, first, 'total').p99
  return [
    "the cold path: each side's first rounds, before V8 optimized their path (p50, p99): Standby's from a fresh core and platform,",
    "  bare socket.io's from a fresh client, its server in the bench's process after Standby's warm-up (its send path run already):",
    header,
    ...rows,
    ...(first === undefined || Number.isNaN(firstP99)
      ? []
      : [
          `  (${rangeName(first)}: p99 ${ms(firstP99)} against the target of ${ms(target)}: ${firstP99 < target ? 'met' : 'NOT met'})`,
          "  (the target's verdict above is the steady figure's: a p99 needs thousands of rounds run alike, which only a warm path",
          "  gives; an expert's app shows a few invites a day and runs the path as these first rounds do, so they are judged too)",
        ]),
  ]
}

/** The cold path's headline figures: Standby's p99 and the core part's p99 in each range of more than one round. */
export function coldHeadlines(
  ours: FirstRounds,
  ranges: ReadonlyArray<RoundRange> = COLD_RANGES,
): Headline[] {
  return ranges
    .filter((r) => r.to - r.from > 1)
    .flatMap((range) => [
      {
        name: `invite -> notifier p99, Standby, ${rangeName(range)}`,
        value: coldFigure(ours.rounds, range, 'total').p99,
        unit: 'ms' as const,
      },
      {
        name: `the core's part p99, ${rangeName(range)}`,
        value: coldFigure(ours.rounds, range, 'core').p99,
        unit: 'ms' as const,
      },
    ])
}
