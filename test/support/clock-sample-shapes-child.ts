/**
 * Run as a child with `--allow-natives-syntax` (clock-sample-shapes.test.ts): the platform clock
 * read and answered as the core does, long enough for V8 to optimize its functions, with the wall
 * clock read late now and then (a thread held between its two clock reads), which the clock takes
 * as a step and shifts every sample by. Prints how many shapes (V8 maps) its samples took and how
 * many steps the clock took, or that this Node's V8 cannot compare shapes.
 */
import { PlatformClock } from '../../src/main/core/platform-clock/platform-clock'
import { createPowerHook } from '../../src/main/node/adapters/power-hook'
import { systemClock } from '../../src/shared/clock'
import type { OffsetSample } from '../../src/shared/clock-offset'

type SameShape = (a: object, b: object) => unknown
/** V8's own map comparison, or null where this Node refuses the syntax or answers it with nothing. */
function intrinsic(): SameShape | null {
  try {
    const same = new Function('a', 'b', 'return %HaveSameMap(a, b)') as SameShape
    return same({ a: 1 }, { a: 2 }) === true && same({ a: 1 }, { b: 1 }) === false ? same : null
  } catch {
    return null
  }
}
const sameShape = intrinsic()
if (sameShape === null) {
  console.log(JSON.stringify({ intrinsic: false }))
  process.exit(0)
}
const quiet = { info: () => {}, warn: () => {}, error: () => {} }
let heldMs = 0
const local = { ...systemClock, now: () => Date.now() + heldMs }
const clock = new PlatformClock(local, createPowerHook(), quiet)
/** The clock's estimate, read from outside as only a test may. */
const estimateOf = (): { samples: ReadonlyArray<OffsetSample> } =>
  (clock as unknown as { estimate: { samples: ReadonlyArray<OffsetSample> } }).estimate
const shapes: OffsetSample[] = []
let steps = 0
for (let i = 0; i < 400_000; i++) {
  heldMs = i % 25_000 === 12_500 ? -80 : 0
  // A step the clock itself took: every sample shifted, so a new list of them.
  const before = estimateOf().samples
  clock.now()
  if (before.length > 0 && estimateOf().samples !== before) steps++
  if (i % 50 === 0) {
    // A round trip of a fraction of a millisecond: never none, whose offset would be a whole
    // number, which V8 keeps as a small integer until the first fraction comes.
    const sent = clock.reading()
    const received = { wall: sent.wall, mono: sent.mono + 0.3 }
    // Answers a millisecond or so apart, as a platform's are.
    clock.record({ sent, received, serverTime: received.wall + 100 + ((i * 7919) % 3) })
  }
  const { samples } = estimateOf()
  for (const sample of samples) if (!shapes.some((s) => sameShape(s, sample))) shapes.push(sample)
}
console.log(JSON.stringify({ intrinsic: true, shapes: shapes.length, steps }))
