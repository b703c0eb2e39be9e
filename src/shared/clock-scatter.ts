/**
 * A platform whose answers scatter by seconds (servers whose clocks are a few seconds apart, or one
 * that stamps its answers unevenly) tells its time only as the middle of its answers. Taken one by
 * one, each answer at odds, each pair that happens to agree and each short run that happens to lean
 * one way would move the estimate to wherever that answer fell, and a reminder would come seconds
 * early by the platform's real time. So the answers near the estimate are kept (`heard`), and while
 * they scatter the estimate is the middle one of them, which no few answers move. A clock that runs
 * fast or slow, or stands still, moves away from the estimate answer after answer, and is still
 * followed by its newest answer (clock-offset.ts). A clock set by less than the scatter shows as
 * the newest answers all falling far past the earlier ones on one side (`shiftedTo`): the middle of
 * answers from before it would hold the old time for as many answers again, so they are dropped.
 */
import type { OffsetSample } from './clock-offset'

/** How far from the estimate in use an answer may fall, its round trip aside, and be heard as scatter. */
export const SCATTER_MS = 10_000
/** A slower answer is only right to within half its round trip: too loose to place the middle. */
const HEARD_ROUND_TRIP_MS = 2_000
/** Fewer answers than this have no middle that two wrong answers in a row could not be. */
export const SCATTER_HEARD_MIN = 5
/**
 * The most answers heard: the middle of many is close to the platform's real time, where that of a
 * handful strays by most of the scatter.
 */
export const HEARD_MAX = 64

/** Whether `sample` falls near enough the estimate in use to be scatter around it, not another time. */
export function nearInUse(inUse: OffsetSample, sample: OffsetSample): boolean {
  return Math.abs(sample.offsetMs - inUse.offsetMs) <= SCATTER_MS + (inUse.rttMs + sample.rttMs) / 2
}

/** The answers heard, with `sample`: the quick ones, inside `windowMs` of it, at most HEARD_MAX, oldest first. */
export function heardWith(
  heard: ReadonlyArray<OffsetSample>,
  sample: OffsetSample,
  windowMs: number,
): OffsetSample[] {
  const fresh = heard.filter((s) => sample.atMono - s.atMono <= windowMs)
  return (sample.rttMs <= HEARD_ROUND_TRIP_MS ? [...fresh, sample] : fresh).slice(-HEARD_MAX)
}

/**
 * Whether the answers scatter: two of the run at odds cannot both be right, or more than one answer
 * heard before the run cannot be right with their middle. A single wrong answer is no scatter, nor
 * are two that agree on a new time: that is the platform's clock set, followed at once.
 */
export function scatters(
  heard: ReadonlyArray<OffsetSample>,
  run: ReadonlyArray<OffsetSample>,
  agree: (a: OffsetSample, b: OffsetSample) => boolean,
): boolean {
  const byOffset = [...run].sort((a, b) => a.offsetMs - b.offsetMs)
  const [lowest, highest] = [byOffset[0], byOffset.at(-1)]
  if (lowest !== undefined && highest !== undefined && !agree(lowest, highest)) return true
  const earlier = heard.filter((s) => !run.includes(s))
  const middle = middleOf(earlier)
  return middle !== null && earlier.filter((s) => !agree(s, middle)).length > 1
}

/**
 * The middle answer by offset (of an even number, the earlier of the two in the middle, so the
 * platform's time is read no later than the answers place it): what the scatter says. The estimate
 * in use stays while it lies between the two in the middle: answers split between two times (two
 * servers a few seconds apart, answering in turn) would otherwise move it with every answer.
 */
export function middleOf(heard: ReadonlyArray<OffsetSample>, inUse?: OffsetSample): OffsetSample | null {
  if (heard.length < SCATTER_HEARD_MIN) return null
  const sorted = [...heard].sort((a, b) => a.offsetMs - b.offsetMs)
  const lower = sorted[Math.floor((sorted.length - 1) / 2)]!
  const upper = sorted[Math.ceil((sorted.length - 1) / 2)]!
  const stays = inUse !== undefined && inUse.offsetMs >= lower.offsetMs && inUse.offsetMs <= upper.offsetMs
  return stays ? inUse : lower
}

/**
 * Whether a run of answers at odds moves away from the estimate in use and out of the scatter heard
 * before it: all on one side, each further than the one before, and the first already past every
 * answer heard earlier by half their spread. A clock running fast or slow, or standing still, soon
 * does; scatter leans one way for a few answers now and then, but not that far past all before it.
 */
export function movesAway(
  inUse: OffsetSample,
  run: ReadonlyArray<OffsetSample>,
  heard: ReadonlyArray<OffsetSample>,
): boolean {
  const away = run.map((s) => s.offsetMs - inUse.offsetMs)
  const side = Math.sign(away[0] ?? 0)
  const oneWay = away.every(
    (d, i) => Math.sign(d) === side && (i === 0 || Math.abs(d) > Math.abs(away[i - 1]!)),
  )
  const first = run[0]
  const earlier = heard.filter((s) => !run.includes(s)).map((s) => s.offsetMs)
  if (!oneWay || first === undefined || earlier.length === 0) return oneWay
  const margin = (Math.max(...earlier) - Math.min(...earlier)) / 2
  const edge = side > 0 ? Math.max(...earlier) + margin : Math.min(...earlier) - margin
  return side * (first.offsetMs - edge) > 0
}

/** How many newest answers, all far past the earlier ones on one side, say the platform's clock was set. */
export const SHIFT_HEARD = 4
/** Fewer answers than this before them have no spread steady enough to tell a change by. */
const SHIFT_EARLIER_MIN = 4 * SCATTER_HEARD_MIN

/**
 * The newest answers heard and the one to read among them, when they all fall on one side past the
 * answers heard before them, by more than half the spread of their middle half beyond it: the
 * platform's clock set by less than the scatter. The middle half, not the extremes, as the answers
 * just after a change lean one way before enough in a row say so. Null otherwise: scatter alone
 * seldom puts a few answers in a row that far out. Of the newest, the lowest is read: a few answers
 * place the new time only loosely, and reading it no later than any of them keeps reminders from
 * coming early by it until enough are heard for their middle.
 */
export function shiftedTo(
  heard: ReadonlyArray<OffsetSample>,
): { readonly heard: OffsetSample[]; readonly read: OffsetSample } | null {
  const newest = heard.slice(-SHIFT_HEARD)
  const earlier = heard.slice(0, -SHIFT_HEARD).map((s) => s.offsetMs)
  if (newest.length < SHIFT_HEARD || earlier.length < SHIFT_EARLIER_MIN) return null
  earlier.sort((a, b) => a - b)
  const low = earlier[Math.floor((earlier.length - 1) / 4)]!
  const high = earlier[Math.ceil(((earlier.length - 1) * 3) / 4)]!
  const [below, above] = [low - (high - low) / 2, high + (high - low) / 2]
  const past = newest.every((s) => s.offsetMs > above) || newest.every((s) => s.offsetMs < below)
  if (!past) return null
  const sorted = [...newest].sort((a, b) => a.offsetMs - b.offsetMs)
  return { heard: newest, read: sorted[0]! }
}
