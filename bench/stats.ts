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
