/**
 * How often the platform-time estimate is over a second off when the platform's answers scatter:
 * over a long idle run of a clock never set (and how often a change is read where there was none),
 * and after real changes of the platform's clock by less than the scatter, one and two in a row.
 * Read as the window reads it, at the pace kept (clock-rate.ts): as each answer comes, and at the end
 * of each gap, just before the next, where a pace read from scattered answers would have drifted most.
 * Run: npx tsx bench/clock-scatter-shift.ts [answers]
 */
import { addExchange, bestOffset, NO_ESTIMATE, type OffsetEstimate } from '../src/shared/clock-offset'

const SECOND = 1_000
const START = Date.UTC(2026, 0, 5, 9, 0, 0)

function randoms(seed: number): () => number {
  let s = seed
  return () => ((s = (Math.imul(s, 1_103_515_245) + 12_345) >>> 0), s / 4_294_967_296)
}

function link() {
  let mono = 5_000
  let platformAhead = 0
  let estimate: OffsetEstimate = NO_ESTIMATE
  let reads = 0
  let farReads = 0
  let gapEnds = 0
  let farGapEnds = 0
  let pacedGaps = 0
  let answers = 0
  const errorAt = (at: number): number => (bestOffset(estimate, at)?.offsetMs ?? Number.NaN) - platformAhead
  return {
    answer(ms: number, offMs: number): number {
      mono += ms
      const sent = { wall: START + mono, mono }
      const received = { wall: sent.wall + 40, mono: mono + 40 }
      if (estimate.rate !== null) pacedGaps++
      // As the answers at once are counted: past the first few, which settle the estimate.
      if (++answers > 20) {
        gapEnds++
        if (Math.abs(errorAt(received.mono)) > SECOND) farGapEnds++
      }
      const before = estimate.heard.length
      estimate = addExchange(estimate, {
        sent,
        received,
        serverTime: Math.round(START + platformAhead + mono + 20 + offMs),
      })
      mono += 40
      const error = errorAt(mono)
      if (estimate.heard.length < before) {
        reads++
        if (Math.abs(error) > SECOND) farReads++
      }
      return error
    },
    setPlatform(ms: number): void {
      platformAhead += ms
    },
    reads: () => ({ reads, farReads }),
    gapEnds: () => ({ gapEnds, farGapEnds, pacedGaps }),
  }
}

const scattered = (random: () => number): number => (random() * 2 - 1) * 3 * SECOND

const total = Number(process.argv[2] ?? 200_000)
const idle = link()
const random = randoms(1)
let off = 0
const t0 = performance.now()
for (let i = 0; i < total; i++)
  if (Math.abs(idle.answer(8 * SECOND, scattered(random))) > SECOND && i >= 20) off++
const perAnswerUs = ((performance.now() - t0) * 1000) / total
const { reads, farReads } = idle.reads()
const { gapEnds, farGapEnds, pacedGaps } = idle.gapEnds()
console.log(
  `idle, ${total} answers every 8 s: ${((100 * off) / (total - 20)).toFixed(2)}% over 1 s off; ` +
    `${((100 * farGapEnds) / gapEnds).toFixed(2)}% over 1 s off at a gap's end (${pacedGaps} gaps at a kept pace); ` +
    `${reads} change reads (${farReads} over 1 s off); ${perAnswerUs.toFixed(1)} µs per answer`,
)

for (const stepMs of [-2 * SECOND, 2 * SECOND, -5 * SECOND, 5 * SECOND])
  for (const steps of [1, 2]) {
    let sum = 0
    let pacedGaps = 0
    const seeds = 30
    for (let seed = 1; seed <= seeds; seed++) {
      const r = randoms(seed)
      const platform = link()
      for (let i = 0; i < 40; i++) platform.answer(5 * SECOND, scattered(r))
      for (let s = 0; s < steps; s++) {
        platform.setPlatform(stepMs)
        for (let i = 0; i < 40; i++) if (Math.abs(platform.answer(5 * SECOND, scattered(r))) > SECOND) sum++
      }
      pacedGaps += platform.gapEnds().pacedGaps
    }
    console.log(
      `set by ${stepMs / SECOND} s ×${steps}: ${(sum / seeds / steps).toFixed(1)} of 40 answers over 1 s off ` +
        `(mean of ${seeds} seeds; ${pacedGaps} gaps at a kept pace in all)`,
    )
  }
