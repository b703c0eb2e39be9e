/**
 * What the core bench prints of its invite rounds: both sides' blocks and overall percentiles
 * against the brief's target, each side's p99 in sets of blocks taken across the run (how far luck
 * alone moves one run's p99), the core's CPU time per invite, where the rounds' time went, and the
 * platform's steps.
 */
import { formatBlocks, percentileOfGroups, type BlockResult, type LatencySide } from './blocks'
import { coldLines, type FirstRounds } from './cold-rounds'
import { formatRoundParts, type RoundParts } from './core-parts'
import { ms, percentile, percentileIndex } from './stats'
import { formatPauses, formatTailCauses, type Pause, type TailCauses } from './tail-causes'

/** The target: the brief's p99 of invite creation → notifier, in ms. */
export const TARGET_P99 = 3

/** The sets of blocks whose p99s show how far one run's p99 moves with luck alone. */
export const P99_SETS = 5

/** Which slowest round of `count` the `p`-th percentile is (1: the slowest), as `percentile` picks it. */
export function slowestRank(count: number, p: number): number {
  return count - percentileIndex(count, p)
}

/**
 * What the overall figures count: each side's measured rounds, and the warm-up rounds run before
 * them and left out, during which V8 compiles the path's functions for the first time.
 */
export function roundsCounted(ours: LatencySide, raw: LatencySide): string {
  const warm =
    ours.warmupRounds() === raw.warmupRounds()
      ? `${ours.warmupRounds()} warm-up rounds each`
      : `warm-up rounds: ${ours.warmupRounds()} of ${ours.name}, ${raw.warmupRounds()} of ${raw.name}`
  return `all ${ours.all.length} rounds of each side (after ${warm}, not counted: V8 compiles the path's functions during them):`
}

/** The invite rounds of both sides, as the bench measured them. */
export interface InviteLatency {
  readonly result: BlockResult
  readonly ours: LatencySide
  readonly raw: LatencySide
  /** The core's CPU time per invite, in ms. */
  readonly cpuPerInvite: number
  readonly parts: ReadonlyArray<RoundParts>
  /** The kept rounds left out of `parts`: no write of their invite was seen. */
  readonly unsplit: number
  /**
   * The garbage-collection pauses of the core's process and of the platform's during the blocks,
   * and what the slowest Standby rounds overlapped of them.
   */
  readonly collections: {
    readonly core: ReadonlyArray<Pause>
    readonly platform: ReadonlyArray<Pause>
    readonly causes: TailCauses
  }
  /** The platform's steps, median and share, as lines to print. */
  readonly phaseLines: ReadonlyArray<string>
  /** Each side's first rounds from a fresh process, warm-up rounds all. */
  readonly cold: { readonly ours: FirstRounds; readonly raw: FirstRounds }
}

/** The lines that report the invite rounds of both sides. */
export function latencyLines({
  result,
  ours,
  raw,
  cpuPerInvite,
  parts,
  unsplit,
  collections,
  phaseLines,
  cold,
}: InviteLatency): ReadonlyArray<string> {
  const row = (name: string, values: ReadonlyArray<number>): string =>
    `${name.padEnd(42)} p50 ${ms(percentile(values, 50)).padStart(10)}   p99 ${ms(percentile(values, 99)).padStart(10)}`
  const p99 = percentile(ours.all, 99)
  const rawP99 = percentile(raw.all, 99)
  const sets = (side: LatencySide): ReadonlyArray<number> => percentileOfGroups(side.byBlock, P99_SETS, 99)
  const setsMet = sets(ours).filter((v) => v < TARGET_P99).length
  const setLine = (side: LatencySide): string =>
    `  ${side.name.padEnd(40)} ${sets(side)
      .map((v) => v.toFixed(2))
      .join(', ')} ms`
  return [
    ...formatBlocks(result),
    roundsCounted(ours, raw),
    row(raw.name, raw.all),
    row(ours.name, ours.all),
    `(target: p99 < ${TARGET_P99} ms: ${p99 < TARGET_P99 ? 'met' : 'NOT met'}; the Standby figure includes the platform's transaction and the core's SQLite apply)`,
    // The baseline is one hop of the same kind on the same machine: when its own tail passes the
    // target, the run says more about the machine's wake-ups than about Standby.
    ...(rawP99 >= TARGET_P99
      ? [
          `(in this run bare socket.io's own p99 was ${ms(rawP99)}: this machine's scheduling alone passes the target)`,
        ]
      : []),
    `p99 of each of ${P99_SETS} sets of blocks (block b in set b mod ${P99_SETS}, ${ours.all.length / P99_SETS} rounds a set, ${slowestRank(ours.all.length / P99_SETS, 99) - 1} of them slower than its p99): how far luck alone moves one run's p99`,
    setLine(raw),
    setLine(ours),
    `  (target met in ${setsMet} of ${P99_SETS} sets)`,
    ...coldLines(cold.ours, cold.raw, TARGET_P99),
    `the core's CPU time per invite (parse, SQLite apply, mark, notify, the window's push): ${ms(cpuPerInvite)}`,
    ...formatRoundParts(parts, unsplit),
    "the slowest 1 % of Standby's rounds, and the garbage-collection pauses they overlapped:",
    formatTailCauses('Standby', collections.causes, {
      client: "the core's process",
      server: "the platform's",
    }),
    formatPauses("the core's process, during the blocks", collections.core),
    formatPauses("the platform's (and the bench's), during the blocks", collections.platform),
    "the platform's steps until it sent, then after (median over every write, share of their sum):",
    ...phaseLines,
  ]
}
