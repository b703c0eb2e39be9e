/**
 * Steps of this computer's wall clock against its monotonic one, for the offset estimate
 * (clock-offset.ts): a step shifts every sample by itself, so platform time does not jump with the
 * local clock, unless a wake says the step was the sleep. Either reading of a step may be the wrong
 * one (a sleep nobody reported looks like a setting of the clock; a setting just before a wake is
 * reported looks like the sleep), so the other is kept as a doubt for the platform's next answer.
 */
import type { LocalReading, OffsetEstimate, OffsetSample } from './clock-offset'

/** A change between the wall and monotonic clocks larger than this is a step, not drift. */
export const STEP_THRESHOLD_MS = 1_000
/**
 * A change smaller than this is the clocks' own reading jitter (a wall clock that ticks in steps
 * of a few milliseconds): left to add up against the reading before it rather than followed.
 */
const JITTER_MS = 50
/** How late the operating system may report a wake after the first reading that showed it. */
export const WAKE_REPORT_GRACE_MS = 30_000
/**
 * A step of the wall clock read one way (a setting of the clock, or a sleep) that may have been
 * the other: `shiftMs` is what the other reading shifts the samples by (as `shifted` does).
 */
export interface StepDoubt {
  readonly shiftMs: number
  /** The monotonic reading when the doubt arose. */
  readonly sinceMono: number
  /**
   * Arose from a wake: one that took a step forward for the sleep (the time may be ahead until an
   * answer says), or one over a step back (a setting, which hides how long the machine slept: the
   * time may be behind). What is due waits for the answer either way.
   */
  readonly fromWake: boolean
}

/**
 * Take a reading into account: a step of the wall clock since the last one shifts every sample by
 * the step, so platform time carries on smoothly. After `resumed` a step forward is a sleep
 * instead, during which the wall clock ran on and the monotonic one may not have: nothing shifts.
 * A change too small to be a step shifts them as well, without doubt: platform time runs on the
 * monotonic clock, and a wall clock that stands still or runs fast (a stalled virtual machine's),
 * read every second by the window, would otherwise carry it along one small change at a time.
 */
export function observe(estimate: OffsetEstimate, reading: LocalReading, resumed = false): OffsetEstimate {
  const last = estimate.last
  if (last === null) return { ...estimate, last: reading }
  const stepMs = reading.wall - reading.mono - (last.wall - last.mono)
  if (Math.abs(stepMs) < JITTER_MS) return estimate
  if (Math.abs(stepMs) <= STEP_THRESHOLD_MS) {
    if (resumed && stepMs > 0) return { ...estimate, last: reading }
    // A short sleep read before its wake is reported reads the same as a small change forward: kept
    // for the wake to undo, unless a step the wake may still undo is kept already.
    const step = estimate.lastStep
    const held = step !== null && reading.mono - step.atMono <= WAKE_REPORT_GRACE_MS
    const lastStep = stepMs > 0 && !held ? { stepMs, atMono: reading.mono } : step
    return { ...shifted(estimate, stepMs), last: reading, lastStep }
  }
  // The sleep, as the wake says; a setting of the clock just before it reads the same. A sleep
  // only ever puts the wall clock ahead of the monotonic one: a step back is a setting, wake or not,
  // though at a wake it hides a sleep of any length, which only the platform's answer can tell.
  if (resumed && stepMs > 0)
    return { ...estimate, last: reading, doubt: { shiftMs: stepMs, sinceMono: reading.mono, fromWake: true } }
  return {
    ...shifted(estimate, stepMs),
    last: reading,
    lastStep: { stepMs, atMono: reading.mono },
    doubt: { shiftMs: -stepMs, sinceMono: reading.mono, fromWake: resumed },
  }
}

/**
 * The machine reports that it woke up. A forward step followed just before was the sleep, read
 * before the wake was reported (the wall clock ran on while the monotonic one stood): undo it.
 * Unless this very reading shows the sleep (the wall clock ahead of the monotonic one since the
 * last reading): then the step before was the clock being set, a moment before the lid was shut,
 * and undoing it would move platform time, and every reminder, by the setting. A step back read
 * just before stays a setting, but one that hid the sleep: what is due waits for the wake's probe.
 */
export function wokeUp(estimate: OffsetEstimate, reading: LocalReading): OffsetEstimate {
  const step = estimate.lastStep
  const last = estimate.last
  const sleepShowsNow =
    last !== null && reading.wall - reading.mono - (last.wall - last.mono) > STEP_THRESHOLD_MS
  const sleptUnseen =
    step !== null && step.stepMs > 0 && !sleepShowsNow && reading.mono - step.atMono <= WAKE_REPORT_GRACE_MS
  const undone: OffsetEstimate = sleptUnseen
    ? {
        ...shifted(estimate, -step.stepMs),
        lastStep: null,
        // A setting of the clock just before the wake was reported reads the same: the wake's probe
        // says. Less than a step is not worth holding what is due for that answer.
        doubt: { shiftMs: step.stepMs, sinceMono: reading.mono, fromWake: step.stepMs > STEP_THRESHOLD_MS },
      }
    : estimate
  // A step back read just before the wake was reported: a setting, over a sleep of any length.
  const setBackUnseen =
    step !== null && step.stepMs < 0 && !sleepShowsNow && reading.mono - step.atMono <= WAKE_REPORT_GRACE_MS
  const doubt = undone.doubt
  if (setBackUnseen && doubt !== null && !doubt.fromWake)
    return observe({ ...undone, doubt: { ...doubt, sinceMono: reading.mono, fromWake: true } }, reading, true)
  return observe(undone, reading, true)
}

/** The estimate with every sample (and the guess) shifted by a step of `stepMs`. */
export function shifted(estimate: OffsetEstimate, stepMs: number): OffsetEstimate {
  const shift = (s: OffsetSample): OffsetSample => sample(s.offsetMs - stepMs, s.rttMs, s.atMono)
  return {
    ...estimate,
    samples: estimate.samples.map(shift),
    guessMs: estimate.guessMs - stepMs,
    pending: estimate.pending === null ? null : shift(estimate.pending),
    run: estimate.run.map(shift),
    heard: estimate.heard.map(shift),
    rate: estimate.rate === null ? null : { ...estimate.rate, from: shift(estimate.rate.from) },
    moves: estimate.moves === null ? null : { ...estimate.moves, to: estimate.moves.to.map(shift) },
  }
}

/**
 * A sample, made here and only here: every sample then has one shape, where a copy of a shifted
 * one took a new shape at each step once V8 had optimized the copy, and threw the clock's hot
 * functions (bestOffset, now) out of their compiled code at every step.
 */
export function sample(offsetMs: number, rttMs: number, atMono: number): OffsetSample {
  return { offsetMs, rttMs, atMono }
}
