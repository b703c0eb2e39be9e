/**
 * Where the core bench's invite rounds spent their time, from the two ends' own marks: the whole
 * round's parts for every round, and the same parts for the slowest rounds alone, so that a p99
 * over the target names the part that set it (one very slow part, or several moderately slow).
 */
import type { ThreadWaits } from './core-waits'
import { median, ms, percentile } from './stats'

/**
 * Where one Standby round's time went: until the platform's process handed the invite's frame to
 * the kernel (input checks, the transaction, the emit); the wire, until the core's process read it
 * from its socket (both ends read the machine's wall clock); and the core, from that read (decoding
 * included) until its notifier. Each ends where the next begins (bench/wire-marks.ts). Beside them, the platform's work after
 * sending (its lookups, in a transaction of their own), which holds the platform's process while
 * the invite travels, and the whole round, creation to notifier.
 */
export interface RoundParts {
  readonly sent: number
  readonly afterSending: number
  readonly wire: number
  readonly core: number
  readonly total: number
  /**
   * How long the platform's thread (`server`) waited for a CPU from just before the round until
   * the platform's work for the invite was done, and the core's main thread (`client`) until its
   * notifier; NaN where the kernel does not say.
   */
  readonly waited?: ThreadWaits
}

/** The parts printed, in the round's order, each with its name and a short one. */
const PARTS: ReadonlyArray<readonly [string, string, (r: RoundParts) => number]> = [
  ['the platform, until it sent the invite', 'the platform', (r) => r.sent],
  ['the wire, until the core had it', 'the wire', (r) => r.wire],
  ['the core, until its notifier', 'the core', (r) => r.core],
  ['(the platform after sending: lookups)', '(after sending)', (r) => r.afterSending],
]

/** The slowest `share` of `rounds` by their whole time, at least one, slowest first. */
export function slowestRounds(rounds: ReadonlyArray<RoundParts>, share: number): RoundParts[] {
  return [...rounds].sort((a, b) => b.total - a.total).slice(0, Math.max(1, Math.ceil(rounds.length * share)))
}

/**
 * The lines that print `rounds`: each part's p50 and p99 over every round, then each part's
 * median over the slowest `share` of them (the rounds that set the p99). `unsplit` rounds had no
 * write of their invite seen on the core's connection (one made after a reconnect, say): said, so
 * that parts over fewer rounds than were run are not read as every round's.
 */
export function formatRoundParts(
  rounds: ReadonlyArray<RoundParts>,
  unsplit = 0,
  share = 0.01,
): ReadonlyArray<string> {
  const unsplitLine =
    unsplit === 0
      ? []
      : [
          `  ${unsplit} rounds left out: no write of their invite was seen on the connection the core had at the start (did it reconnect?)`,
        ]
  if (rounds.length === 0) return ['(no round was split into its parts)', ...unsplitLine]
  const slowest = slowestRounds(rounds, share)
  const fastestOfThem = slowest.at(-1)?.total ?? Number.NaN
  return [
    `where each Standby round's time went (${rounds.length} rounds, from the two ends' own marks):`,
    ...PARTS.map(([name, , part]) => {
      const values = rounds.map(part)
      return `  ${name.padEnd(40)} p50 ${ms(median(values)).padStart(10)}   p99 ${ms(percentile(values, 99)).padStart(10)}`
    }),
    belowZeroLine(rounds),
    ...unsplitLine,
    `of the ${slowest.length} slowest (${ms(fastestOfThem)} and over), each part's median: ` +
      PARTS.map(([, short, part]) => `${short} ${ms(median(slowest.map(part)))}`).join(', '),
    waitsLine(rounds, slowest),
  ]
}

/**
 * How many rounds had each part below zero: a part's marks out of order, which a sound split never
 * gives (the wire came out negative in many rounds under load while it began after the platform's
 * send had returned).
 */
function belowZeroLine(rounds: ReadonlyArray<RoundParts>): string {
  const counts = PARTS.slice(0, 3).map(
    ([, short, part]) => `${short} ${rounds.filter((r) => part(r) < 0).length}`,
  )
  return `  rounds with a part below zero (marks out of order): ${counts.join(', ')}`
}

/**
 * How long each process waited for a CPU in a median round and in a median one of `slowest`: a
 * slow round whose processes waited that much longer was held back by the machine's other work,
 * not by its own.
 */
function waitsLine(rounds: ReadonlyArray<RoundParts>, slowest: ReadonlyArray<RoundParts>): string {
  const label = 'waited for a CPU (Linux run-queue time), median of every round / of the slowest'
  const of = (list: ReadonlyArray<RoundParts>, thread: keyof ThreadWaits): number[] =>
    list.map((r) => r.waited?.[thread] ?? Number.NaN).filter(Number.isFinite)
  const figures = (thread: keyof ThreadWaits): string => {
    const all = of(rounds, thread)
    const tail = of(slowest, thread)
    return all.length === 0 || tail.length === 0
      ? 'unavailable'
      : `${median(all).toFixed(2)} / ${median(tail).toFixed(2)} ms`
  }
  return `${label}: the platform's thread ${figures('server')}, the core's ${figures('client')}`
}
