/**
 * Block-interleaved comparison of the project against a raw baseline. The two sides run in turn
 * in many short blocks, the order flipping within each pair of blocks, so machine drift (another
 * process waking, the CPU clocking down) lands on both sides instead of on whichever ran second.
 * Each block yields named figures per side (a block's p50, its p99); the verdict is read from the
 * per-block ratio, whose spread shows how far a single run of the bench can be trusted.
 */
import { formatFigure, type Headline, type HeadlineUnit } from './headline'
import { percentile, percentileRange, spread, times, type PercentileRange, type Spread } from './stats'

/** Named figures one block of one side produced, e.g. `{ p50, p99 }` of its rounds. */
export type BlockFigures = Readonly<Record<string, number>>

/** One side of a comparison: runs one short block and returns its figures. */
export interface BlockSide {
  readonly name: string
  readonly run: (block: number) => Promise<BlockFigures> | BlockFigures
}

/** Which side runs first in each block. */
export type BlockOrder = readonly ['ours', 'baseline'] | readonly ['baseline', 'ours']

/** A comparison to run: the project against its baseline, block by block. */
export interface BlockPlan {
  readonly ours: BlockSide
  readonly baseline: BlockSide
  readonly blocks: number
  /** Blocks run first and discarded, so JIT warm-up and first-touch costs stay out. */
  readonly warmup?: number
  /** Called once the warm-up is over, just before the first measured block. */
  readonly measuring?: () => void
  /** Largest acceptable ratio ours / baseline, per figure name. */
  readonly targets?: Readonly<Record<string, number>>
  /** Unit of every figure (default milliseconds). */
  readonly unit?: HeadlineUnit
  /** Coin for the order of each pair of blocks; without it the order simply alternates. */
  readonly random?: () => number
}

/**
 * Whether a target holds: `met` or `not met` only when the range the figure lies in (from the
 * blocks' spread) is wholly within or wholly past the target; a run whose range holds the target
 * cannot tell, however its own figure fell.
 */
export type Holds = 'met' | 'not met' | 'too close to call'

/** Whether a target ratio holds at the per-block ratio's median and at its p75. */
export interface Verdict {
  readonly target: number
  readonly atMedian: Holds
  readonly atP75: Holds
  /** Where the ratio's median and p75 lie, at the confidence VERDICT_CONFIDENCE names. */
  readonly medianRange: PercentileRange
  readonly p75Range: PercentileRange
}

/** How sure a verdict is that the ratio's median or p75 lies within the range it gives. */
export const VERDICT_CONFIDENCE = 0.9

/** One figure compared over all blocks. */
export interface FigureComparison {
  readonly figure: string
  readonly ours: Spread
  readonly baseline: Spread
  /** Spread of ours / baseline, block by block. */
  readonly ratio: Spread
  readonly verdict?: Verdict
}

/** The outcome of a block comparison. */
export interface BlockResult {
  readonly oursName: string
  readonly baselineName: string
  readonly blocks: number
  readonly unit: HeadlineUnit
  readonly figures: ReadonlyArray<FigureComparison>
}

/**
 * The order of each of `count` blocks: the two blocks of each pair run in opposite orders, so each
 * side goes first equally often; `random` (when given) picks the first order of each pair.
 */
export function blockOrders(count: number, random?: () => number): ReadonlyArray<BlockOrder> {
  const orders: BlockOrder[] = []
  let pairStartsWithOurs = true
  for (let block = 0; block < count; block++) {
    if (block % 2 === 0) pairStartsWithOurs = random === undefined ? true : random() < 0.5
    const oursFirst = block % 2 === 0 ? pairStartsWithOurs : !pairStartsWithOurs
    orders.push(oursFirst ? ['ours', 'baseline'] : ['baseline', 'ours'])
  }
  return orders
}

/** Whether `target` holds at the median and at the p75 of the per-block `ratios`. */
export function verdict(ratios: ReadonlyArray<number>, target: number): Verdict {
  const medianRange = percentileRange(ratios, 50, VERDICT_CONFIDENCE)
  const p75Range = percentileRange(ratios, 75, VERDICT_CONFIDENCE)
  const holds = ({ low, high }: PercentileRange): Holds =>
    high <= target ? 'met' : low > target ? 'not met' : 'too close to call'
  return { target, atMedian: holds(medianRange), atP75: holds(p75Range), medianRange, p75Range }
}

/** Each figure of `ours` beside `baseline`, block by block; both lists hold the same blocks. */
export function compareBlocks(
  ours: ReadonlyArray<BlockFigures>,
  baseline: ReadonlyArray<BlockFigures>,
  targets: Readonly<Record<string, number>> = {},
): ReadonlyArray<FigureComparison> {
  if (ours.length !== baseline.length) {
    throw new Error(`compareBlocks: ${ours.length} blocks of ours but ${baseline.length} of the baseline`)
  }
  const names = Object.keys(ours[0] ?? {})
  return names.map((figure) => {
    const read = (blocks: ReadonlyArray<BlockFigures>): number[] =>
      blocks.map((b, i) => {
        const value = b[figure]
        if (value === undefined) throw new Error(`compareBlocks: block ${i} has no figure "${figure}"`)
        return value
      })
    const o = read(ours)
    const b = read(baseline)
    const ratios = o.map((value, i) => value / (b[i] as number))
    const target = targets[figure]
    return {
      figure,
      ours: spread(o),
      baseline: spread(b),
      ratio: spread(ratios),
      ...(target === undefined ? {} : { verdict: verdict(ratios, target) }),
    }
  })
}

/** Run `plan`: warm-up blocks, then `plan.blocks` blocks, each side once per block. */
export async function runBlocks(plan: BlockPlan): Promise<BlockResult> {
  const ours: BlockFigures[] = []
  const baseline: BlockFigures[] = []
  const run = async (block: number, order: BlockOrder, keep: boolean): Promise<void> => {
    for (const side of order) {
      const figures = await (side === 'ours' ? plan.ours : plan.baseline).run(block)
      if (keep) (side === 'ours' ? ours : baseline).push(figures)
    }
  }
  const warmup = blockOrders(plan.warmup ?? 1, plan.random)
  for (const [i, order] of warmup.entries()) await run(i - warmup.length, order, false)
  plan.measuring?.()
  for (const [block, order] of blockOrders(plan.blocks, plan.random).entries()) await run(block, order, true)
  return {
    oursName: plan.ours.name,
    baselineName: plan.baseline.name,
    blocks: plan.blocks,
    unit: plan.unit ?? 'ms',
    figures: compareBlocks(ours, baseline, plan.targets),
  }
}

// A ratio is never below zero: a range open at the bottom starts there.
const range = ({ low, high }: PercentileRange): string => `${times(Math.max(0, low))}–${times(high)}`
const worded = (holds: Holds, at: string, within: PercentileRange): string =>
  `${holds === 'not met' ? 'NOT met' : holds} at ${at} (${range(within)})`

/** The lines that report `result`: per figure, both medians, then the ratio's spread and verdict. */
export function formatBlocks(result: BlockResult): ReadonlyArray<string> {
  const f = (value: number): string => formatFigure(value, result.unit)
  return result.figures.flatMap(({ figure, ours, baseline, ratio, verdict: v }) => [
    `${figure}: ${result.baselineName} ${f(baseline.median)}, ${result.oursName} ${f(ours.median)} ` +
      `(medians of ${result.blocks} blocks)`,
    `  ratio per block: median ${times(ratio.median)}  [min ${times(ratio.min)}, p25 ${times(ratio.p25)}, ` +
      `p75 ${times(ratio.p75)}, max ${times(ratio.max)}]` +
      (v === undefined
        ? ''
        : `  target ≤ ${times(v.target)}: ${worded(v.atMedian, 'the median', v.medianRange)}, ` +
          `${worded(v.atP75, 'p75', v.p75Range)}`),
  ])
}

/** The headline figures of `result`: each side's median and the ratio's median and p75. */
export function blockHeadlines(prefix: string, result: BlockResult): ReadonlyArray<Headline> {
  return result.figures.flatMap(({ figure, ours, baseline, ratio }) => [
    { name: `${prefix} ${figure}, ${result.baselineName}`, value: baseline.median, unit: result.unit },
    { name: `${prefix} ${figure}, ${result.oursName}`, value: ours.median, unit: result.unit },
    { name: `${prefix} ${figure}, ratio median`, value: ratio.median, unit: 'ratio' as const },
    { name: `${prefix} ${figure}, ratio p75`, value: ratio.p75, unit: 'ratio' as const },
  ])
}

/** A side that times `rounds` rounds per block, and keeps every round for overall percentiles. */
export interface LatencySide extends BlockSide {
  /** Every measured round of every block, warm-up blocks excluded. */
  readonly all: ReadonlyArray<number>
  /** The same rounds, block by block. */
  readonly byBlock: ReadonlyArray<ReadonlyArray<number>>
  /** How many rounds the warm-up blocks ran so far (none of them kept). */
  readonly warmupRounds: () => number
}

/**
 * The `p`-th percentile of each of `groups` sets of blocks, block `b` in set `b % groups`: each
 * set spans the whole run, so drift lands on all of them, and how far their figures lie apart
 * says how much of one run's percentile is luck. Fewer sets when there are fewer blocks.
 */
export function percentileOfGroups(
  byBlock: ReadonlyArray<ReadonlyArray<number>>,
  groups: number,
  p: number,
): ReadonlyArray<number> {
  const sets: number[][] = Array.from({ length: Math.min(groups, byBlock.length) }, () => [])
  byBlock.forEach((rounds, block) => sets[block % sets.length]?.push(...rounds))
  return sets.map((set) => percentile(set, p))
}

/**
 * A side whose block is `rounds` calls of `round` (each resolving with one latency); the block's
 * figures are its rounds' p50 and p95.
 */
export function latencySide(
  name: string,
  rounds: number,
  round: (index: number) => Promise<number>,
): LatencySide {
  const all: number[] = []
  const byBlock: number[][] = []
  let index = 0
  let warmup = 0
  return {
    name,
    all,
    byBlock,
    warmupRounds: () => warmup,
    async run(block) {
      const values: number[] = []
      for (let i = 0; i < rounds; i++) values.push(await round(index++))
      if (block >= 0) {
        all.push(...values)
        byBlock.push(values)
      } else warmup += values.length
      return { p50: percentile(values, 50), p95: percentile(values, 95) }
    },
  }
}
