/**
 * How often the platform-time estimate is over a second off when the platform's answers scatter:
 * over a long idle run of a clock never set (and how often a change is read where there was none),
 * and after real changes of the platform's clock by less than the scatter, one and two in a row.
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
  return {
    answer(ms: number, offMs: number): number {
      mono += ms
      const sent = { wall: START + mono, mono }
      const received = { wall: sent.wall + 40, mono: mono + 40 }
      const before = estimate.heard.length
      estimate = addExchange(estimate, {
        sent,
        received,
        serverTime: Math.round(START + platformAhead + mono + 20 + offMs),
      })
      mono += 40
      const error = (bestOffset(estimate)?.offsetMs ?? Number.NaN) - platformAhead
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
console.log(
  `idle, ${total} answers every 8 s: ${((100 * off) / (total - 20)).toFixed(2)}% over 1 s off; ` +
    `${reads} change reads (${farReads} over 1 s off); ${perAnswerUs.toFixed(1)} µs per answer`,
)

for (const stepMs of [-2 * SECOND, 2 * SECOND, -5 * SECOND, 5 * SECOND])
  for (const steps of [1, 2]) {
    let sum = 0
    const seeds = 30
    for (let seed = 1; seed <= seeds; seed++) {
      const r = randoms(seed)
      const platform = link()
      for (let i = 0; i < 40; i++) platform.answer(5 * SECOND, scattered(r))
      for (let s = 0; s < steps; s++) {
        platform.setPlatform(stepMs)
        for (let i = 0; i < 40; i++) if (Math.abs(platform.answer(5 * SECOND, scattered(r))) > SECOND) sum++
      }
    }
    console.log(
      `set by ${stepMs / SECOND} s ×${steps}: ${(sum / seeds / steps).toFixed(1)} of 40 answers over 1 s off (mean of ${seeds} seeds)`,
    )
  }
