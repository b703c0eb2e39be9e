/**
 * A platform clock that does not keep pace with this computer's (a test platform's manual clock
 * that stands still, a stalled virtual machine's that runs slow or races to catch up) is followed
 * by a run of answers each in step with the one before (clock-offset.ts), or by changes each in step
 * with the one before, each confirmed at once by the answer Standby asks for. Read at this computer's
 * pace between its answers, it would run ahead (or behind) by as much as it lost (or gained) since
 * the answer in use: a second with an answer every second, minutes with one a minute. So the pace
 * the run shows is kept, and platform time runs at it from the newest answer, for as long as two
 * answer gaps: past that, with no answer to bear it out (the link down, or the platform's clock set
 * going again), it runs at this computer's pace again, so a guess of the pace never holds the time
 * still for long. Each answer the pace foretells carries it on; one it does not ends it, and the
 * answer is then weighed as any other.
 */
import type { OffsetEstimate, OffsetSample } from './clock-offset'
import { shifted } from './clock-steps'

/** How the platform's clock gains (or, below zero, loses) against this computer's, from when. */
export interface ClockRate {
  /** The answer the pace is measured from. */
  readonly from: OffsetSample
  /** Offset gained per millisecond: -1 is a clock standing still. */
  readonly perMs: number
  /** How long past its newest answer the pace is trusted. */
  readonly horizonMs: number
}

/** The fastest gain kept, per millisecond: as fast as a run is followed; a clock never runs backwards. */
export const FASTEST_GAIN = 1.5
/** How many answer gaps past the newest answer the pace is trusted. */
export const HORIZON_GAPS = 2

/**
 * The changes of the estimate followed in a row, each in step with the one before: when every answer
 * at odds is confirmed at once by the one Standby asks for then, no run of answers shows the pace,
 * but the changes do.
 */
export interface ClockMoves {
  /** The newest answer of each change, oldest first. */
  readonly to: ReadonlyArray<OffsetSample>
  /** How long the newest change took to show: since the answer in use before it. */
  readonly gapMs: number
}

function paceBetween(from: OffsetSample, to: OffsetSample, gapMs: number): ClockRate | null {
  const spanMs = to.atMono - from.atMono
  if (spanMs <= 0 || gapMs <= 0) return null
  const perMs = Math.min(FASTEST_GAIN, Math.max(-1, (to.offsetMs - from.offsetMs) / spanMs))
  return { from, perMs, horizonMs: HORIZON_GAPS * gapMs }
}

/** The pace a followed run of answers shows, oldest first; null when it spans no time. */
export function rateOfRun(run: ReadonlyArray<OffsetSample>): ClockRate | null {
  const [first, last, before] = [run[0], run.at(-1), run.at(-2)]
  if (first === undefined || last === undefined || before === undefined) return null
  return paceBetween(first, last, last.atMono - before.atMono)
}

/**
 * The changes once the estimate is moved from `inUse` to `sample`, and the pace they show once
 * AT_ODDS_FOLLOWED of them follow in a row, each in step (`inStep`) with the one before.
 */
export function movedOn(
  moves: ClockMoves | null,
  inUse: OffsetSample,
  sample: OffsetSample,
  inStep: (a: OffsetSample, b: OffsetSample) => boolean,
  atOddsFollowed: number,
): { readonly moves: ClockMoves; readonly rate: ClockRate | null } {
  const last = moves?.to.at(-1)
  const chain = last !== undefined && inStep(last, sample) ? (moves?.to ?? []) : []
  const to = [...chain, sample].slice(-atOddsFollowed)
  const next = { to, gapMs: sample.atMono - (last ?? inUse).atMono }
  return { moves: next, rate: to.length < atOddsFollowed ? null : rateOfRun(to) }
}

/**
 * The changes still in a row once `sample` agrees with the estimate: an answer soon after the last
 * change (the one asked for, another the same moment) says nothing of the pace; one as late as
 * half the change's own gap says the clock did not move on meanwhile.
 */
export function heldMoves(moves: ClockMoves | null, sample: OffsetSample): ClockMoves | null {
  const last = moves?.to.at(-1)
  if (moves === null || last === undefined) return null
  return sample.atMono - last.atMono < moves.gapMs / 2 ? moves : null
}

/** The offset `sample` reads at the monotonic reading `mono`, at the pace kept (if any), within its horizon. */
export function paced(sample: OffsetSample, rate: ClockRate | null, mono: number): number {
  if (rate === null) return sample.offsetMs
  return sample.offsetMs + rate.perMs * Math.min(Math.max(0, mono - sample.atMono), rate.horizonMs)
}

/**
 * The estimate once `sample` comes, when the pace kept foretells it (to within the answers' round
 * trips and `slackMs`, a clock reading whole seconds, or half the gain foretold): the newest answer
 * in use, the pace measured again over all the answers that bore it out. With a step of this
 * computer's clock in doubt, the reading the answer bears out is taken, and the doubt settled. Null
 * when no pace is kept or the answer is at odds with it either way.
 */
export function carriedOn(
  estimate: OffsetEstimate,
  sample: OffsetSample,
  slackMs: number,
): OffsetEstimate | null {
  const { doubt } = estimate
  const asRead = foretelling(estimate, sample, slackMs)
  const carried =
    asRead ?? (doubt === null ? null : foretelling(shifted(estimate, doubt.shiftMs), sample, slackMs))
  if (carried === null) return null
  return doubt === null ? carried : { ...carried, doubt: null, lastStep: null }
}

function foretelling(estimate: OffsetEstimate, sample: OffsetSample, slackMs: number): OffsetEstimate | null {
  const { rate } = estimate
  const inUse = estimate.samples.at(-1)
  if (rate === null || inUse === undefined) return null
  const gapMs = sample.atMono - inUse.atMono
  const gainMs = rate.perMs * gapMs
  // Within half what the pace foretells it gained, too: a clock going again at this one's pace is not borne out.
  const withinMs = (inUse.rttMs + sample.rttMs) / 2 + Math.min(slackMs, Math.abs(gainMs) / 2)
  if (Math.abs(sample.offsetMs - (inUse.offsetMs + gainMs)) > withinMs) return null
  // An answer a moment after the last (the one asked for, the same answer twice) does not shorten the
  // trust to its own gap: the longest gap of the pace stands.
  const again = paceBetween(rate.from, sample, Math.max(gapMs, rate.horizonMs / HORIZON_GAPS)) ?? rate
  const calm = { pending: null, run: [], atOdds: 0, moves: null }
  return { ...estimate, ...calm, samples: [sample], heard: [sample], rate: again, confirmed: true }
}
