/**
 * What an answer of the platform's says of the last step of this computer's clock (clock-steps.ts),
 * read one way or the other, and whether a change it confirms is one a working platform's clock
 * makes: the parts of the offset estimate (clock-offset.ts) about steps and leaps.
 */
import type { OffsetEstimate, OffsetSample } from './clock-offset'
import { shifted } from './clock-steps'

/** The sample with the smallest round trip, the newest among equals. */
export function best(samples: ReadonlyArray<OffsetSample>): OffsetSample | undefined {
  let found: OffsetSample | undefined
  for (const sample of samples) if (found === undefined || sample.rttMs <= found.rttMs) found = sample
  return found
}

/**
 * The estimate once `sample` says what the last step was: read the other way when the answer bears
 * that reading out and not the one in use (one answer is enough here: this computer's clocks showed
 * the step, and the answer agrees with them on what it was), as it is when it bears out the one in
 * use, and still in doubt when it bears out neither. Settled, a wake reported late must not read
 * the step again.
 */
export function settleDoubt(
  estimate: OffsetEstimate,
  sample: OffsetSample,
  agree: (a: OffsetSample, b: OffsetSample) => boolean,
): OffsetEstimate {
  const inUse = best(estimate.samples)
  if (estimate.doubt === null) return estimate
  const settled = { lastStep: null, doubt: null }
  if (inUse === undefined) return { ...estimate, ...settled }
  const other = shifted(estimate, estimate.doubt.shiftMs)
  const otherInUse = best(other.samples)
  // Samples long unrenewed agree with a wide band (drift): the nearer reading is the one borne out.
  const nearer = (a: OffsetSample, b: OffsetSample): boolean =>
    Math.abs(a.offsetMs - sample.offsetMs) < Math.abs(b.offsetMs - sample.offsetMs)
  if (otherInUse !== undefined && agree(otherInUse, sample) && nearer(otherInUse, inUse))
    return { ...other, ...settled, pending: null, run: [], atOdds: 0 }
  return agree(inUse, sample) ? { ...estimate, ...settled } : estimate
}

/** Whether a confirmed change from `inUse` to `sample` is one a working platform's clock makes: within `leapMs`, the last step aside. */
export function ordinaryChange(
  estimate: OffsetEstimate,
  inUse: OffsetSample,
  sample: OffsetSample,
  leapMs: number,
): boolean {
  if (Math.abs(sample.offsetMs - inUse.offsetMs) <= leapMs) return true
  const step = estimate.lastStep
  return step !== null && Math.abs(sample.offsetMs - (inUse.offsetMs + step.stepMs)) <= leapMs
}
