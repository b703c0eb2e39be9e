/** Small statistics helpers shared by the benches. */

/** The p-th percentile (0–100) of `values`, by nearest rank. */
export function percentile(values: ReadonlyArray<number>, p: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[rank] as number
}

/** The median of `values`. */
export function median(values: ReadonlyArray<number>): number {
  return percentile(values, 50)
}

/** Format milliseconds with a fixed precision. */
export function ms(value: number): string {
  return `${value.toFixed(2)} ms`
}

/** Format bytes as MiB. */
export function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`
}
