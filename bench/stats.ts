/** Small statistics helpers shared by the benches. */

/** Where the p-th percentile (0–100) of `count` values sorted from the smallest lies, by nearest rank. */
export function percentileIndex(count: number, p: number): number {
  return Math.min(count - 1, Math.max(0, Math.ceil((p / 100) * count) - 1))
}

/** The p-th percentile (0–100) of `values`, by nearest rank. */
export function percentile(values: ReadonlyArray<number>, p: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[percentileIndex(sorted.length, p)] as number
}

/** The median of `values`. */
export function median(values: ReadonlyArray<number>): number {
  return percentile(values, 50)
}

/** Where a set of figures lies: its extremes, quartiles and median. */
export interface Spread {
  readonly min: number
  readonly p25: number
  readonly median: number
  readonly p75: number
  readonly max: number
}

/** The spread of `values` (all NaN when there are none). */
export function spread(values: ReadonlyArray<number>): Spread {
  return {
    min: values.length === 0 ? Number.NaN : Math.min(...values),
    p25: percentile(values, 25),
    median: percentile(values, 50),
    p75: percentile(values, 75),
    max: values.length === 0 ? Number.NaN : Math.max(...values),
  }
}

/** Format milliseconds with a fixed precision. */
export function ms(value: number): string {
  return `${value.toFixed(2)} ms`
}

/** Format bytes as MiB. */
export function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`
}

/** Format a ratio as a multiple. */
export function times(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : '∞'
}

/** Where the true p-th percentile lies, at `confidence`, given only `values` drawn from it. */
export interface PercentileRange {
  readonly low: number
  readonly high: number
}

/**
 * The range the p-th percentile of whatever `values` were drawn from lies in at `confidence`, from
 * the values alone (order statistics and the binomial distribution, no assumption about the shape):
 * how far one run's percentile can be off. Unbounded on a side that too few values cannot close.
 */
export function percentileRange(values: ReadonlyArray<number>, p: number, confidence = 0.9): PercentileRange {
  const n = values.length
  // A value not known (NaN, a block of no figure) could lie anywhere: it is counted at the bottom
  // for the range's low end and at the top for its high end, so it only ever widens the range.
  const sortedAs = (unknown: number): number[] =>
    values.map((value) => (Number.isNaN(value) ? unknown : value)).sort((a, b) => a - b)
  const lows = sortedAs(Number.NEGATIVE_INFINITY)
  const highs = sortedAs(Number.POSITIVE_INFINITY)
  const q = p / 100
  const tail = (1 - confidence) / 2
  // How likely k values fall below the true percentile, summed from k = 0 (in logs: large n underflows).
  let logChoose = 0
  let below = 0
  let low = Number.NEGATIVE_INFINITY
  let high = Number.POSITIVE_INFINITY
  for (let k = 0; k <= n; k++) {
    if (k > 0) logChoose += Math.log((n - k + 1) / k)
    const chance =
      q <= 0 || q >= 1
        ? Number(q >= 1 ? k === n : k === 0)
        : Math.exp(logChoose + k * Math.log(q) + (n - k) * Math.log(1 - q))
    below += chance
    // The (k+1)-th smallest value is at or under the percentile unless at most k values are.
    if (below <= tail && k < n) low = lows[k] as number
    if (below >= 1 - tail && high === Number.POSITIVE_INFINITY && k < n) high = highs[k] as number
  }
  return { low, high }
}
