/**
 * A platform whose answers scatter by seconds (servers whose clocks are a few seconds apart, or one
 * that stamps its answers unevenly) tells its time only as the middle of its answers. Taken one by
 * one, each answer at odds, each pair that happens to agree and each short run that happens to lean
 * one way would move the estimate to wherever that answer fell, and a reminder would come seconds
 * early by the platform's real time. So the answers near the estimate are kept (`heard`), and while
 * they scatter the estimate is the middle one of them, which no few answers move. A clock that runs
 * fast or slow, or stands still, moves away from the estimate answer after answer, and is still
 * followed by its newest answer (clock-offset.ts). A clock set by less than the scatter shows as
 * the newest answers lying past the earlier ones more often than scatter puts them (`shiftedTo`):
 * the middle of answers from before it would hold the old time for as many answers again, so they
 * are dropped.
 */
import type { OffsetEstimate, OffsetSample } from './clock-offset'

/** How far from the estimate in use an answer may fall, its round trip aside, and be heard as scatter. */
export const SCATTER_MS = 10_000
/**
 * A slower answer is only right to within half its round trip: too loose to place the middle beside
 * quicker ones. Over a link whose every round trip is slower, they are all there is, and the middle
 * of many still places the time far better than whichever one or two the estimate would rest on.
 */
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

/** The answers heard, with `sample`: the quick ones (all, while too few are quick for a middle), inside `windowMs` of it, at most HEARD_MAX, oldest first. */
export function heardWith(
  heard: ReadonlyArray<OffsetSample>,
  sample: OffsetSample,
  windowMs: number,
): OffsetSample[] {
  const fresh = [...heard.filter((s) => sample.atMono - s.atMono <= windowMs), sample]
  // The quick ones when enough for a middle: a quick answer now and then over a slow link, as
  // scattered as the rest, would otherwise leave the estimate on it alone until it ages out.
  const loosest = Math.max(HEARD_ROUND_TRIP_MS, 2 * Math.min(...fresh.map((s) => s.rttMs)))
  const quick = fresh.filter((s) => s.rttMs <= loosest)
  return (quick.length >= SCATTER_HEARD_MIN ? quick : fresh).slice(-HEARD_MAX)
}

/** How far the middle of the answers heard may be from the platform's time before more are asked for. */
const MIDDLE_WITHIN_MS = 1_000

/**
 * Whether more answers are wanted to place the platform's time: the few heard at odds beyond their
 * round trips (too few for a middle, and not all right), or the many heard spread so wide that
 * their middle may still be a second off. The middle of answers scattered over a span is known to
 * about that span over the root of their number, so a wide spread wants many; a few answers span
 * less than their scatter does, so their span is widened by what a few leave out. An idle link
 * brings an answer only with each quiet check of the connection (connection-check.ts), and the
 * estimate would rest on the few of the connecting for the minutes enough of those take.
 */
export function moreAnswersWanted(heard: ReadonlyArray<OffsetSample>): boolean {
  const n = heard.length
  if (n < 2 || n >= HEARD_MAX) return false
  const offsets = heard.map((s) => s.offsetMs)
  const span = Math.max(...offsets) - Math.min(...offsets)
  if (n < SCATTER_HEARD_MIN) return span > Math.max(...heard.map((s) => s.rttMs))
  return (span * (n + 1)) / (n - 1) > MIDDLE_WITHIN_MS * Math.sqrt(n)
}

/**
 * Whether the answers scatter: two of the run at odds cannot both be right, or more than one answer
 * heard before the run cannot be right with their middle, or, with no run (the newest agrees with
 * the estimate), no one time is right for every answer heard. A single wrong answer is no scatter
 * in a run, nor are two that agree on a new time: that is the platform's clock set, followed at once.
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
  if (middle !== null && earlier.filter((s) => !agree(s, middle)).length > 1) return true
  return run.length === 0 && noCommonTime(heard, agree)
}

/**
 * Whether no one time can be right for every answer heard: answers slower than their scatter each
 * agree with the middle, and would each be taken in turn, though the two whose bands reach least far
 * cannot both be right (bands on a line that meet two by two all meet, so that pair decides).
 */
function noCommonTime(
  heard: ReadonlyArray<OffsetSample>,
  agree: (a: OffsetSample, b: OffsetSample) => boolean,
): boolean {
  if (heard.length < SCATTER_HEARD_MIN) return false
  const lowestTop = heard.reduce((a, b) => (b.offsetMs + b.rttMs / 2 < a.offsetMs + a.rttMs / 2 ? b : a))
  const highestBottom = heard.reduce((a, b) => (b.offsetMs - b.rttMs / 2 > a.offsetMs - a.rttMs / 2 ? b : a))
  return !agree(lowestTop, highestBottom)
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

/** The fewest newest answers a change of the platform's clock is read from. */
export const SHIFT_HEARD = 4
/** Fewer answers than this before a change do not say where the time was. */
const SHIFT_EARLIER_MIN = 2 * SCATTER_HEARD_MIN
/**
 * How unlikely by chance (in standard deviations of the rank test) the newest answers' lead over
 * the earlier ones must be to say the clock was set, with the newest answer and without it. High,
 * as every answer weighs every split, and a change read where there was none leaves the estimate on
 * a handful of answers, seconds off; no higher, or a change past the scatter waits for many answers.
 */
export const SHIFT_Z = 3.9

/** 1 when `newer` lies above `earlier`, a half when level, else 0: one pair of the rank test. */
function above(newer: number, earlier: number): number {
  return newer > earlier ? 1 : newer === earlier ? 0.5 : 0
}

/** How far, in standard deviations, `inOrder` pairs of `newer` and `earlier` answers lie from chance. */
function rankZ(inOrder: number, newer: number, earlier: number): number {
  return (inOrder - (newer * earlier) / 2) / Math.sqrt((newer * earlier * (newer + earlier + 1)) / 12)
}

/**
 * The newest answers heard and the one to read among them, when they lie past the earlier ones
 * further than scatter puts answers in a row: the platform's clock set by less than the scatter.
 * Every split of the answers into earlier and newest is weighed by how many pairs of an earlier and
 * a newer answer are in order (a rank test, which holds whatever shape the scatter has, two servers'
 * clocks as much as uneven stamps), and the split least likely by chance wins once past SHIFT_Z: a
 * change of a fraction of the scatter shows over many answers, one past it in a few. The lead must
 * show without the newest answer too: each answer weighs every split again, and one far out would
 * otherwise tip a split that was near the mark by chance, read far more often than the clock is set.
 * The middle of the newest is read (of an even number the earlier, as `middleOf` reads). Null otherwise.
 */
export function shiftedTo(
  heard: ReadonlyArray<OffsetSample>,
): { readonly heard: OffsetSample[]; readonly read: OffsetSample } | null {
  const n = heard.length
  if (n < SHIFT_HEARD + SHIFT_EARLIER_MIN) return null
  const x = heard.map((s) => s.offsetMs)
  // Pairs of an earlier and a newer answer in order, at the split with SHIFT_HEARD newest.
  let inOrder = 0
  for (let i = 0; i < n - SHIFT_HEARD; i++)
    for (let j = n - SHIFT_HEARD; j < n; j++) inOrder += above(x[j]!, x[i]!)
  // Of those, the pairs with the newest answer: without it, the lead must show as well.
  let newestInOrder = 0
  for (let i = 0; i < n - SHIFT_HEARD; i++) newestInOrder += above(x[n - 1]!, x[i]!)
  let found: { readonly newest: number; readonly z: number } | null = null
  for (let k = SHIFT_HEARD; n - k >= SHIFT_EARLIER_MIN; k++) {
    const m = n - k
    const z = rankZ(inOrder, k, m)
    const zBefore = rankZ(inOrder - newestInOrder, k - 1, m)
    const least = Math.sign(z) === Math.sign(zBefore) ? Math.min(Math.abs(z), Math.abs(zBefore)) : 0
    if (least >= SHIFT_Z && (found === null || least > found.z)) found = { newest: k, z: least }
    // The split moves one answer back: the answer at it goes from the earlier to the newest.
    const moved = x[n - k - 1]!
    for (let j = n - k; j < n; j++) inOrder -= above(x[j]!, moved)
    for (let i = 0; i < n - k - 1; i++) inOrder += above(moved, x[i]!)
    newestInOrder -= above(x[n - 1]!, moved)
  }
  if (found === null) return null
  const newest = heard.slice(-found.newest)
  const sorted = [...newest].sort((a, b) => a.offsetMs - b.offsetMs)
  return { heard: newest, read: sorted[Math.floor((sorted.length - 1) / 2)]! }
}

/**
 * What an answer that agrees with the estimate clears: the change a quicker answer waits to have
 * confirmed, unless this one is slower and agrees with that one too (its band holds both times).
 */
export function calmedBy(
  estimate: OffsetEstimate,
  sample: OffsetSample,
  agree: (a: OffsetSample, b: OffsetSample) => boolean,
): Partial<OffsetEstimate> {
  const { pending } = estimate
  if (pending !== null && pending.rttMs < sample.rttMs && agree(pending, sample)) return {}
  return { pending: null, run: [], atOdds: 0 }
}
