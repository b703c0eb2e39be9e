/** Seeded randomness for the demo (simulator.ts, demo-earnings.ts): the same seed, the same demo. */

/** Deterministic pseudo-random numbers (mulberry32), so a seeded demo behaves the same way twice. */
export function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
