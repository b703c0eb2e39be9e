/**
 * The parts of a fan-out round, so that the bench can say what its slowest rounds are made of:
 * the servers' work before the first send, the sends themselves, and the time after the last send
 * until the last recipient had it (the clients reading, and any wait for a core or a pause
 * meanwhile). The slowest rounds' parts beside every round's tell a longer write from a slower
 * drain, which no pause or wait count alone can.
 */
import type { Round } from './tail-causes'

/** A round's three parts, in ms. */
export interface RoundParts {
  readonly beforeSends: number
  readonly sends: number
  readonly afterSends: number
}

/** The parts of `round`, or undefined when it did not record when its sends ran. */
export function partsOf(round: Round): RoundParts | undefined {
  const { sends } = round
  if (sends === undefined) return undefined
  return {
    beforeSends: sends.from - round.started,
    sends: sends.until - sends.from,
    afterSends: round.last - sends.until,
  }
}

const lowerMedian = (values: ReadonlyArray<number>): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN
}

/** Each part's median over `rounds` (those that recorded their sends). */
export function medianParts(rounds: ReadonlyArray<Round>): RoundParts & { readonly rounds: number } {
  const parts = rounds.map(partsOf).filter((p): p is RoundParts => p !== undefined)
  return {
    rounds: parts.length,
    beforeSends: lowerMedian(parts.map((p) => p.beforeSends)),
    sends: lowerMedian(parts.map((p) => p.sends)),
    afterSends: lowerMedian(parts.map((p) => p.afterSends)),
  }
}

/** The slowest `share` of `rounds` (at least one), slowest first. */
export function slowestRounds(rounds: ReadonlyArray<Round>, share: number): Round[] {
  return [...rounds]
    .sort((a, b) => b.last - b.started - (a.last - a.started))
    .slice(0, Math.max(1, Math.ceil(rounds.length * share)))
}

/**
 * One line per side: the median parts of every round and of the slowest `share`. A side whose
 * rounds recorded no sends says so, rather than print parts it does not have.
 */
export function formatRoundParts(name: string, rounds: ReadonlyArray<Round>, share = 0.01): string {
  const label = `  ${name.padEnd(18)}`
  const every = medianParts(rounds)
  if (every.rounds === 0) return `${label} no round recorded when its sends ran`
  const tail = medianParts(slowestRounds(rounds, share))
  const pair = (part: keyof RoundParts): string => `${every[part].toFixed(2)} / ${tail[part].toFixed(2)}`
  return (
    `${label} median of every round / of the slowest ${tail.rounds}: before the first send ` +
    `${pair('beforeSends')} ms, the sends ${pair('sends')} ms, after the last send until the last ` +
    `recipient had it ${pair('afterSends')} ms`
  )
}

/**
 * How many of the servers' heartbeat pings the clients received during a round, one line per
 * side: each ping is a write on the servers and an answer read back, and a server pings each
 * connection an interval after its last answer, so connections opened together are pinged together.
 * The slowest rounds' pings beside every round's say whether those bursts make the tail.
 */
export function formatPings(name: string, rounds: ReadonlyArray<Round>, share = 0.01): string {
  const label = `  ${name.padEnd(18)}`
  const known = rounds.filter((r) => r.pings !== undefined)
  if (known.length === 0) return `${label} no round recorded the heartbeat pings it met`
  const slowest = slowestRounds(known, share)
  const met = (of: ReadonlyArray<Round>): number => of.filter((r) => (r.pings ?? 0) > 0).length
  const most = Math.max(...known.map((r) => r.pings ?? 0))
  return (
    `${label} heartbeat pings of either server the clients received during a round: ${met(known)} of ${known.length} rounds met any ` +
    `(at most ${most} in one), ${met(slowest)} of the slowest ${slowest.length}, ` +
    `${lowerMedian(slowest.map((r) => r.pings ?? 0))} in the median one of them`
  )
}
