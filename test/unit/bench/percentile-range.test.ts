import { describe, expect, it } from 'vitest'
import { verdict } from '../../../bench/blocks'
import { percentileRange } from '../../../bench/stats'

/**
 * The range by brute force, in exact whole numbers: with the p-th percentile's true value ξ, how
 * many of n values fall below it is binomial; the (k+1)-th smallest lies above ξ only when at most
 * k do, so the range runs from the highest such value whose chance is within the lower tail to the
 * lowest whose chance of lying below ξ is within the upper one.
 */
function exactRange(n: number, p: number, confidencePercent: number): { low: number; high: number } {
  const whole = 100n ** BigInt(n)
  // The tail, (1 − confidence) / 2, as a share of `whole` times 200.
  const tail = BigInt(100 - confidencePercent) * whole
  let choose = 1n
  let below = 0n
  let low = Number.NEGATIVE_INFINITY
  let high = Number.POSITIVE_INFINITY
  for (let k = 0; k < n; k++) {
    if (k > 0) choose = (choose * BigInt(n - k + 1)) / BigInt(k)
    below += choose * BigInt(p) ** BigInt(k) * BigInt(100 - p) ** BigInt(n - k)
    if (below * 200n <= tail) low = k
    if (below * 200n >= 200n * whole - tail && high === Number.POSITIVE_INFINITY) high = k
  }
  return { low, high }
}

describe('percentileRange', () => {
  it('places each percentile between the order statistics the exact binomial gives, for every block count', () => {
    for (let n = 1; n <= 60; n++) {
      // The values are their own ranks, so the range names the ranks it chose.
      const values = Array.from({ length: n }, (_, i) => n - 1 - i)
      for (const p of [10, 25, 50, 75, 90])
        for (const confidence of [80, 90, 95])
          expect([n, p, confidence, percentileRange(values, p, confidence / 100)]).toEqual([
            n,
            p,
            confidence,
            exactRange(n, p, confidence),
          ])
    }
  })

  it('counts a block whose figure is unknown (NaN) as whichever side widens the range, not as none', () => {
    const known = Array.from({ length: 20 }, (_, i) => 1 + (i + 1) / 100)
    const withUnknown = [...known.slice(0, 17), Number.NaN, Number.NaN, Number.NaN]
    // Three unknown blocks could each lie past the target: this run cannot say p75 is within it.
    expect(verdict(withUnknown, 1.2).atP75).toBe('too close to call')
    expect(percentileRange(withUnknown, 75).high).toBe(Number.POSITIVE_INFINITY)
    // Nor that the median is past a target below every known block.
    expect(verdict([...known.slice(0, 10), ...known.slice(0, 10).map(() => Number.NaN)], 1).atMedian).toBe(
      'too close to call',
    )
  })
})
