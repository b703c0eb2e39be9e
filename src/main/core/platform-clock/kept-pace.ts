/**
 * The pace of a platform clock out of step with this computer's (clock-rate.ts), kept beside its
 * offset: without it a restart read that clock at this computer's pace again, ahead (or behind) by
 * up to an answer gap each answer until a run of answers showed the pace anew. Across a restart
 * the pace's age can only be read from this computer's clock, which the restart cannot vouch for
 * (kept-offset.ts), so the pace is taken back only while that age is within its own trust, and only
 * once the first answer after the start lands where it foretold from the kept offset. It is never
 * a measurement of its own: this run's answers still decide when the time is borne out.
 */
import { RUN_SLACK_MS, type OffsetEstimate, type TimeExchange } from '../../../shared/clock-offset'
import { FASTEST_GAIN, HORIZON_GAPS, type ClockRate } from '../../../shared/clock-rate'
import type { KeptClockOffset, KeptClockPace } from '../ports/cache-store'
import type { Logger } from '../ports/logger'
import { KEEP_AGAIN_MS, KEEP_DRIFT_MS, KEPT_OFFSET_TRUST_MS } from './kept-offset'

/**
 * The least time between keeps while a pace is in use: at each answer half a gap or more after the
 * last keep (not the one asked for a moment later), so a restart soon after finds the pace within
 * its trust; yet no write a second for a clock answering every second, whose pace lost costs little.
 */
const KEEP_PACE_MS = 10_000

/** A kept pace waiting for the first answer after the start to bear it out. */
interface PaceOnTrial {
  readonly perMs: number
  /** How long past the kept measurement the pace is trusted. */
  readonly horizonMs: number
  /** The kept offset. */
  readonly offsetMs: number
  /** This computer's clock at the kept measurement. */
  readonly wallAt: number
}

/** How long after the last keep the offset is kept again at an answer: sooner while a pace is in use, which a restart can take back only while recent. */
export function keepAgainMs(rate: ClockRate | null): number {
  return rate === null ? KEEP_AGAIN_MS : Math.max(rate.horizonMs / (2 * HORIZON_GAPS), KEEP_PACE_MS)
}

/**
 * How long after the last keep an offset an answer moved is kept again: at once after a step; by the
 * minute when only the computer's clock drifted; at the pace's cadence when the answer landed where
 * the pace in use (`pacedBy`, no step in doubt) foretold, as a clock standing still or racing does
 * at every answer; a step of either clock's lands elsewhere and is kept at once.
 */
export function keepMovedAfterMs(drift: boolean, pacedBy: ClockRate | null): number {
  return drift ? KEEP_DRIFT_MS : pacedBy === null ? 0 : keepAgainMs(pacedBy)
}

/** The pace to keep beside the offset: the one the platform's clock is read at, or null. */
export function paceToKeep(rate: ClockRate | null): KeptClockPace | null {
  if (rate === null) return null
  return { perMs: rate.perMs, gapMs: Math.max(1, Math.ceil(rate.horizonMs / HORIZON_GAPS)) }
}

/** The pace kept beside a trusted kept offset, checked, to try on the first answer; null when none. */
function paceOnTrial(kept: KeptClockOffset, log: Logger): PaceOnTrial | null {
  const { pace, offsetMs, measuredAt } = kept
  if (pace === undefined || pace === null) return null
  const { perMs, gapMs } = pace
  const paceReadable = typeof perMs === 'number' && perMs >= -1 && perMs <= FASTEST_GAIN
  if (
    !paceReadable ||
    !Number.isSafeInteger(gapMs) ||
    gapMs <= 0 ||
    HORIZON_GAPS * gapMs > KEPT_OFFSET_TRUST_MS
  ) {
    log.warn("The platform clock's kept pace is unreadable; its pace is measured again from its answers.")
    return null
  }
  return { perMs, horizonMs: HORIZON_GAPS * gapMs, offsetMs, wallAt: measuredAt - offsetMs }
}

/**
 * The pace the last run kept, on trial from the start until the first answer measured: taken back
 * when that answer lands where the pace foretold (to within its round trip and RUN_SLACK_MS or
 * half the gain foretold, as an answer carries a pace on), dropped otherwise.
 */
export class KeptPaceTrial {
  private trial: PaceOnTrial | null = null

  constructor(private readonly log: Logger) {}

  /** Put the pace kept beside a trusted kept offset on trial (one log line when unreadable); its offset. */
  start(kept: KeptClockOffset): number {
    this.trial = paceOnTrial(kept, this.log)
    return kept.offsetMs
  }

  /** Forget the pace on trial: signed out, or another platform. */
  drop(): void {
    this.trial = null
  }

  /** `estimate`, just added `exchange`, with the pace on trial taken back when it bore it out. */
  tried(estimate: OffsetEstimate, exchange: TimeExchange): OffsetEstimate {
    const { trial } = this
    const [sample, ...more] = estimate.samples
    if (trial === null || sample === undefined) return estimate
    this.trial = null
    const { sent, received } = exchange
    const ageMs = received.wall - (received.mono - sent.mono) / 2 - trial.wallAt
    const gainMs = trial.perMs * ageMs
    const withinMs = sample.rttMs / 2 + Math.min(RUN_SLACK_MS, Math.abs(gainMs) / 2)
    const trusted = ageMs >= 0 && ageMs <= trial.horizonMs && more.length === 0 && estimate.rate === null
    if (!trusted || Math.abs(sample.offsetMs - (trial.offsetMs + gainMs)) > withinMs) return estimate
    this.log.info(
      "The platform's clock is read at the pace the last run measured: its first answer bore it out.",
    )
    return { ...estimate, rate: { from: sample, perMs: trial.perMs, horizonMs: trial.horizonMs } }
  }
}
