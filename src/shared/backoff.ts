/**
 * Retry delays for a link that reconnects by itself: the core's to the platform, the page's to
 * the browser shell. Doubling from a start to a cap, with jitter, so many clients that lost the
 * same server do not all come back at the same moment.
 */

/** Where the delays start and where they stop growing. */
export interface BackoffRange {
  readonly startMs: number
  readonly capMs: number
}

/**
 * The delay before attempt number `attempt` (1 for the first retry), less up to a quarter of it
 * by `random` (in [0, 1)).
 */
export function jitteredBackoff(range: BackoffRange, attempt: number, random: number): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 30)
  const base = Math.min(range.capMs, range.startMs * 2 ** exponent)
  return Math.round(base * (1 - 0.25 * random))
}
