/** How long to wait before the next connection attempt: from about 1 s, doubling, capped at 10 s. */
import { jitteredBackoff } from '../../../shared/backoff'

/** The first retry waits about this long. */
export const BACKOFF_START_MS = 1_000
/** No retry waits longer than this. */
export const BACKOFF_CAP_MS = 10_000

/**
 * The delay before attempt number `attempt` (1 for the first retry). Jitter of up to -25 % spreads
 * a thousand apps reconnecting after a platform restart, so they do not all arrive at once.
 * `random` is in [0, 1).
 */
export function backoffDelay(attempt: number, random: number): number {
  return jitteredBackoff({ startMs: BACKOFF_START_MS, capMs: BACKOFF_CAP_MS }, attempt, random)
}
