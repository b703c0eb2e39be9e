// An idle expert's link to a platform whose answers scatter by seconds: the few answers of the
// connecting come, then only those of the link's quiet checks, left out here (with them the time is
// read within a second some minutes on). The clock asks for more, paced, until their middle places
// the platform's time within a second, where it rested on those few, seconds off, until some later
// answer came; and it asks no more than its bound whatever the scatter.
import { describe, expect, it } from 'vitest'
import { PlatformClock } from '../../../../../src/main/core/platform-clock/platform-clock'
import { SCATTER_ASKS_MAX, SCATTER_ASKS_SPAN_MS } from '../../../../../src/main/core/platform-clock/time-asks'
import { createPowerHook } from '../../../../../src/main/node/adapters/power-hook'
import { ManualClock } from '../../../../../src/shared/clock'
import { FIXTURE_NOW, MINUTE } from '../../../../support/fixtures'

const ROUND_TRIP_MS = 40

/** Pseudo-random numbers in [0, 1), the same each run (mulberry32: nearby seeds give unrelated runs). */
function randoms(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = Math.imul(s ^ (s >>> 15), 1 | s)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/**
 * A platform whose clock is the computer's but whose answers each fall up to `scatterMs` either
 * side of it, answering every ask over an idle link; the connecting brings two answers.
 */
async function idleDay(seed: number, scatterMs: number, idleMs: number) {
  const local = new ManualClock(FIXTURE_NOW)
  const log = { info: () => {}, warn: () => {}, error: () => {} }
  const clock = new PlatformClock(local, createPowerHook(), log)
  const random = randoms(seed)
  let asks = 0
  const answer = (): void => {
    const sent = clock.reading()
    local.advance(ROUND_TRIP_MS)
    const serverTime = Math.round(sent.wall + ROUND_TRIP_MS / 2 + (random() * 2 - 1) * scatterMs)
    clock.record({ sent, received: clock.reading(), serverTime })
  }
  clock.measureWanted.add(() => {
    asks++
    queueMicrotask(answer)
  })
  answer()
  answer()
  for (let passed = 0; passed < idleMs; passed += 250) {
    local.advance(250)
    await Promise.resolve()
  }
  clock.stop()
  return { off: clock.now() - local.now(), asks }
}

describe('an idle link to a platform whose answers scatter', () => {
  it('answers up to 3 s off: the platform’s time is read within a second once the asks are answered', async () => {
    const offs: number[] = []
    for (let seed = 1; seed <= 40; seed++) offs.push((await idleDay(seed, 3_000, 2 * MINUTE)).off)
    // Without the asks most rested on the two answers of the connecting, up to 3 s off.
    expect(offs.filter((off) => Math.abs(off) > 1_000).length).toBeLessThanOrEqual(5)
  })

  it('answers that never settle (up to 9 s off): asked for no more than the bound allows', async () => {
    const { asks } = await idleDay(5, 9_000, 2 * SCATTER_ASKS_SPAN_MS)
    expect(asks).toBeGreaterThan(SCATTER_ASKS_MAX / 2)
    expect(asks).toBeLessThanOrEqual(3 * SCATTER_ASKS_MAX)
  })

  it('answers that agree: nothing asked; that differ as a clock read in whole seconds does: a few, for a middle', async () => {
    expect((await idleDay(3, 0, MINUTE)).asks).toBe(0)
    expect((await idleDay(3, 500, MINUTE)).asks).toBeLessThanOrEqual(3)
  })
})
