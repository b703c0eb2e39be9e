/**
 * How far the platform's clock is from this computer's, estimated the way NTP does: each exchange
 * with the platform (the welcome, every acknowledgement) carries the platform's time, and the
 * platform read it somewhere inside the round trip, so the offset is known to within half of it.
 * Pure functions over values: the core keeps the state and passes in its clocks' readings.
 *
 * Round trips are measured on a monotonic clock, because the wall clock may be stepped (by the
 * expert fixing it, or by NTP) in the middle of one. Offsets are kept against the wall clock, and
 * a step of the wall clock against the monotonic one shifts them, so platform time does not jump
 * with the local clock. That holds before any sample too: the guess (an offset kept from an
 * earlier run, or none: the computer's clock) shifts the same way, so platform time is anchored on
 * the monotonic clock from the first reading and only a measurement or a wake moves it. A machine
 * that slept looks the same on clocks that stop in sleep, so the caller says when it woke
 * (`wokeUp`). Either reading of a step may be the wrong one (clock-steps.ts), so the other is
 * kept (`doubt`) until the platform's next answer says which it was: an answer that bears out the
 * other reading is taken at once, as two sources then agree on it.
 *
 * The first answer is taken at once (a platform whose clock reads whole seconds may never send two
 * that agree to the millisecond), and two later ones that agree overturn it. After that no single
 * answer moves the estimate, and a change the platform confirms is followed, whatever its size
 * (two answers that agree, or a run of answers each at odds with the estimate but each in step
 * with the one before: a platform clock that runs fast or slow, or stands still, moves on between
 * any two answers, and would otherwise never be followed): the platform's clock is the truth for
 * its rules (a reference platform on a test clock moves by days); the pace such a run shows is kept
 * between answers (clock-rate.ts). Answers each wildly at odds with the one before tell no time at
 * all, however many come, and move nothing. A leap past
 * MAX_OFFSET_JUMP_MS, and an answer that is no time at all, are noted for the caller to log
 * (`noted`). Answers that scatter by seconds around one time move it only to their middle
 * (clock-scatter.ts): no few of them, nor a pair that happens to agree, say where it is.
 */
import { observe, sample, type StepDoubt } from './clock-steps'
import { heardWith, middleOf, movesAway, nearInUse, scatters, shiftedTo, calmedBy } from './clock-scatter'
import { carriedOn, heldMoves, movedOn, paced, rateOfRun } from './clock-rate'
import type { ClockMoves, ClockRate } from './clock-rate'
import { best, ordinaryChange, settleDoubt } from './clock-doubt'
import { isPlausiblePlatformTime } from './protocol/time'

export { observe, STEP_THRESHOLD_MS, WAKE_REPORT_GRACE_MS, wokeUp, type StepDoubt } from './clock-steps'

/** One reading of this computer's clocks. */
export interface LocalReading {
  /** The wall clock, milliseconds since the Unix epoch; can be stepped. */
  readonly wall: number
  /** A monotonic clock in milliseconds from any origin; never stepped, may stop during sleep. */
  readonly mono: number
}

/** One exchange with the platform: when it was sent, when the answer came, what time the answer said. */
export interface TimeExchange {
  readonly sent: LocalReading
  readonly received: LocalReading
  readonly serverTime: number
}

/** One usable exchange, reduced to what the estimate needs. */
export interface OffsetSample {
  /** Platform time minus wall-clock time. */
  readonly offsetMs: number
  /** The round trip: the offset is right to within half of it. */
  readonly rttMs: number
  /** The monotonic reading when the answer came, to age the sample. */
  readonly atMono: number
}

/** The samples kept, and the last reading seen (to notice a stepped wall clock). */
export interface OffsetEstimate {
  readonly samples: ReadonlyArray<OffsetSample>
  /** The offset taken until a sample measures one; shifted by steps like the samples. */
  readonly guessMs: number
  /** A sample at odds with the estimate in use, waiting for a second one to confirm it. */
  readonly pending: OffsetSample | null
  /** The answers at odds in a row, oldest first, the newest `pending`: whether they move one way. */
  readonly run: ReadonlyArray<OffsetSample>
  /** The recent answers near the estimate, oldest first: their middle, while they scatter (clock-scatter.ts). */
  readonly heard: ReadonlyArray<OffsetSample>
  /** How many answers in a row were at odds with the estimate in use. */
  readonly atOdds: number
  readonly last: LocalReading | null
  /** The last wall-clock step (or small change forward) followed, and when (monotonic): a wake reported late may undo it. */
  readonly lastStep: { readonly stepMs: number; readonly atMono: number } | null
  /** The other reading of the last step, until an answer of the platform's says which was right. */
  readonly doubt: StepDoubt | null
  /** Two answers have agreed: the estimate is no longer one answer's word. */
  readonly confirmed: boolean
  /** What the latest exchange did that the log should say; null when it was ordinary. */
  readonly noted: ExchangeNote | null
  /** The pace of a platform clock followed through a run, its answers none agreeing (clock-rate.ts). */
  readonly rate: ClockRate | null
  /** The changes followed in a row, answers asked for confirming each at once (clock-rate.ts). */
  readonly moves: ClockMoves | null
}

/** An exchange worth a log line: one whose time was no time (ignored), or a confirmed leap (followed). */
export type ExchangeNote =
  | { readonly kind: 'not_a_time'; readonly serverTime: number }
  | { readonly kind: 'leap'; readonly fromMs: number; readonly toMs: number }

/** The platform's offset from this computer's clock, as the best sample has it. */
export interface ClockOffset {
  readonly offsetMs: number
  /** How wrong the offset may be: half the best sample's round trip. */
  readonly uncertaintyMs: number
}

/** An answer slower than this says nothing useful about the time. */
export const MAX_ROUND_TRIP_MS = 30_000
/**
 * Samples older than this are dropped: clocks drift, and a fresh one is always on its way. One
 * still surer, drift allowed for, than any newer one stays until a newer one is as sure.
 */
export const SAMPLE_WINDOW_MS = 30 * 60_000
/** The most samples kept: the newest, and the quickest whatever its place (`trimmed`). */
export const MAX_SAMPLES = 16
/**
 * The largest confirmed change of the offset followed without a word: the platform's clock set
 * right after hours off (a time-zone mistake). A larger one is followed too, and logged: reminders
 * and start windows move by it. A leap that undoes the last step of this computer's clock is a
 * sleep nobody reported, and is not noted.
 */
export const MAX_OFFSET_JUMP_MS = 12 * 60 * 60_000
/**
 * How many answers in a row at odds with the estimate in use, none agreeing with the one before
 * but each in step with it (`inStep`), make it give way to the newest: a platform clock drifting
 * faster than two answers can agree on. Fewer would let two wrong answers move it.
 */
export const AT_ODDS_FOLLOWED = 3
/**
 * How fast a platform's clock may gain or lose against this computer's and still be followed
 * through a run of answers none of which agree: one that stands still (a test platform's manual
 * clock) loses as fast as time passes, and this leaves a margin above that.
 */
const RUN_RATE = 1.5
/** What a platform clock that reads whole seconds may differ by from one answer to the next. */
export const RUN_SLACK_MS = 1_000
/**
 * What two clocks may drift apart by, per unit of time: a poor crystal's worth. No more: after hours
 * without an answer (offline, or a link that was down), the allowance is what lets one answer
 * seconds wrong, or slowed by a stall, agree with the estimate and replace it; a clock that does
 * drift further is followed once a second answer bears the first out.
 */
const DRIFT_RATE = 1e-4
/** The estimate before any exchange. */
export const NO_ESTIMATE: OffsetEstimate = {
  samples: [],
  guessMs: 0,
  pending: null,
  run: [],
  heard: [],
  atOdds: 0,
  last: null,
  lastStep: null,
  doubt: null,
  confirmed: false,
  noted: null,
  rate: null,
  moves: null,
}

/** An estimate with no sample yet that takes `guessMs` as the offset until one comes. */
export function guessed(guessMs: number): OffsetEstimate {
  return { ...NO_ESTIMATE, guessMs }
}

/** The sample an exchange gives, or null when it is absurd (negative or huge round trip, no time). */
export function sampleOf(exchange: TimeExchange): OffsetSample | null {
  const { sent, received, serverTime } = exchange
  const rttMs = received.mono - sent.mono
  const finite = [sent.wall, sent.mono, received.wall, received.mono].every(Number.isFinite)
  if (!finite || !isPlausiblePlatformTime(serverTime) || rttMs < 0 || rttMs > MAX_ROUND_TRIP_MS) return null
  return sample(serverTime - (received.wall - rttMs / 2), rttMs, received.mono)
}

/**
 * The samples still worth keeping when `sample` comes: those inside the window, and an older one
 * whose doubt, widened by drift since, is still narrower than that of every newer one (an answer
 * held up by a stall is right only to within half its long round trip).
 */
function stillUseful(samples: ReadonlyArray<OffsetSample>, sample: OffsetSample): OffsetSample[] {
  const fresh = (s: OffsetSample): boolean => sample.atMono - s.atMono <= SAMPLE_WINDOW_MS
  const narrowest = Math.min(sample.rttMs, ...samples.filter(fresh).map((s) => s.rttMs)) / 2
  const agedDoubt = (s: OffsetSample): number => s.rttMs / 2 + DRIFT_RATE * (sample.atMono - s.atMono)
  return samples.filter((s) => fresh(s) || agedDoubt(s) < narrowest)
}

/** True when two samples can both be right: their error bounds, widened by drift, meet. */
function agree(a: OffsetSample, b: OffsetSample): boolean {
  const drift = DRIFT_RATE * Math.abs(a.atMono - b.atMono)
  return Math.abs(a.offsetMs - b.offsetMs) <= (a.rttMs + b.rttMs) / 2 + drift + 1
}

/**
 * True when `b` can come after `a` from one platform clock, running fast, slow or standing still:
 * a run to follow, not answers each telling another time.
 */
function inStep(a: OffsetSample, b: OffsetSample): boolean {
  const allowedMs = (a.rttMs + b.rttMs) / 2 + RUN_SLACK_MS + RUN_RATE * Math.abs(b.atMono - a.atMono)
  return Math.abs(a.offsetMs - b.offsetMs) <= allowedMs
}

/**
 * Add an exchange. An absurd one changes nothing. One at odds with the sample in use is held
 * until a second agrees with it: a single wrong answer moves nothing, while a real change (a
 * sleep nobody reported, a platform whose clock was set) is followed from the next exchange,
 * dropping every sample it contradicts; one past MAX_OFFSET_JUMP_MS from a confirmed estimate is
 * noted.
 */
export function addExchange(estimate: OffsetEstimate, exchange: TimeExchange): OffsetEstimate {
  const sample = sampleOf(exchange)
  if (sample === null) {
    const { serverTime } = exchange
    return {
      ...estimate,
      noted: isPlausiblePlatformTime(serverTime) ? null : { kind: 'not_a_time', serverTime },
    }
  }
  const seen: OffsetEstimate = { ...observe(estimate, exchange.received), noted: null }
  const carried = carriedOn(seen, sample, RUN_SLACK_MS)
  if (carried !== null) return carried
  const observed = settleDoubt({ ...seen, rate: null }, sample, agree)
  const recent = stillUseful(observed.samples, sample)
  // Past the window the newest sample still says where the platform was, drift allowed for.
  const inUse = best(recent) ?? observed.samples.at(-1)
  const heardNow = (heard: ReadonlyArray<OffsetSample>) => heardWith(heard, sample, SAMPLE_WINDOW_MS)
  const calm = { pending: null, run: [], atOdds: 0 }
  if (inUse === undefined) return { ...observed, ...calm, samples: [sample], heard: heardNow([]) }
  if (agree(inUse, sample)) {
    const kept = recent.filter((old) => agree(old, sample))
    const heard = heardNow(observed.heard)
    // Slow answers agree with most others: while those heard scatter, their middle stands.
    const middle = scatters(heard, [], agree) ? middleOf(heard, inUse) : null
    const samples = middle === null ? trimmed([...kept, sample]) : [middle]
    // A slower answer that holds a quicker one waiting to confirm a change as well leaves it waiting.
    const moves = heldMoves(observed.moves, sample)
    return { ...observed, ...calmedBy(observed, sample, agree), samples, heard, confirmed: true, moves }
  }
  // A run goes on only while each answer follows from the one before; a lie starts it over.
  const atOdds = observed.pending !== null && inStep(observed.pending, sample) ? observed.atOdds + 1 : 1
  const run = [...(atOdds === 1 ? [] : observed.run), sample].slice(-AT_ODDS_FOLLOWED)
  const standing = recent.length > 0 ? recent : observed.samples
  const near = nearInUse(inUse, sample)
  const heard = near ? heardNow(observed.heard) : observed.heard
  // Answers that scatter move the estimate only to their middle; a run moving away is followed.
  if (near && scatters(heard, run, agree) && !(atOdds >= AT_ODDS_FOLLOWED && movesAway(inUse, run, heard))) {
    // A clock set by less than the scatter: read from its answers alone, none from before it.
    const shift = shiftedTo(heard)
    if (shift !== null)
      return { ...observed, ...calm, samples: [shift.read], heard: shift.heard, confirmed: true }
    const middle = middleOf(heard, inUse)
    const samples = middle === null || middle === inUse ? standing : [middle]
    const confirmed = observed.confirmed || middle !== null
    return { ...observed, samples, heard, pending: sample, run, atOdds, confirmed }
  }
  const confirmedBy = observed.pending !== null && agree(observed.pending, sample) ? observed.pending : null
  // Until a change is confirmed, the estimate in use stands, aged out or not.
  if (confirmedBy === null && atOdds < AT_ODDS_FOLLOWED)
    return { ...observed, samples: standing, heard, pending: sample, run, atOdds }
  const noted =
    observed.confirmed && !ordinaryChange(observed, inUse, sample, MAX_OFFSET_JUMP_MS)
      ? ({ kind: 'leap', fromMs: inUse.offsetMs, toMs: sample.offsetMs } as const)
      : null
  const samples = confirmedBy === null ? [sample] : [confirmedBy, sample]
  // What was heard of the old time says nothing of the new; the platform's time, confirmed anew,
  // leaves no reading of the last step to choose.
  const renewed = samples.reduce<OffsetSample[]>((h, s) => heardWith(h, s, SAMPLE_WINDOW_MS), [])
  const { moves, rate: movedRate } = movedOn(observed.moves, inUse, sample, inStep, AT_ODDS_FOLLOWED)
  const rate = (confirmedBy === null ? rateOfRun(run) : null) ?? movedRate
  return { ...observed, ...calm, samples, heard: renewed, confirmed: true, noted, doubt: null, rate, moves }
}

/** The newest samples and the quickest: slower answers that agree with it must not push it out. */
function trimmed(samples: OffsetSample[]): OffsetSample[] {
  const quickest = best(samples)
  return samples.filter((s, i) => s === quickest || i > samples.length - MAX_SAMPLES)
}

/**
 * The offset from the sample with the smallest round trip (the newest among equals), at the
 * monotonic reading `mono` at the pace kept (clock-rate.ts); null before any.
 */
export function bestOffset(estimate: OffsetEstimate, mono?: number): ClockOffset | null {
  const found = best(estimate.samples)
  if (found === undefined) return null
  const offsetMs = mono === undefined ? found.offsetMs : paced(found, estimate.rate, mono)
  return { offsetMs: Math.round(offsetMs), uncertaintyMs: found.rttMs / 2 }
}
