/**
 * The expert's review figures, computed from the recorded reviews and chargebacks: the average of
 * the latest reviewed sessions, the average of those before them (the trend), and chargebacks in
 * all and recently, beside the threshold below which the expert's standing is at risk.
 */
import { REVIEW_WINDOW, type ReviewStats } from '../../../src/shared/protocol/reviews'

/** The standing threshold unless the platform is told otherwise (platform-defaults.ts). */
export { DEFAULT_REVIEW_THRESHOLD } from '../platform-defaults'

/** How far back a chargeback counts as recent. */
export const RECENT_CHARGEBACK_MS = 30 * 24 * 60 * 60 * 1000

/**
 * The figures from `ratings`, newest reviewed session first (only the first two windows are read),
 * and the times chargebacks were recorded, as of `now`.
 */
export function reviewStats(
  ratings: ReadonlyArray<number>,
  chargebackTimes: ReadonlyArray<number>,
  threshold: number,
  now: number,
): ReviewStats {
  const latest = ratings.slice(0, REVIEW_WINDOW)
  const before = ratings.slice(REVIEW_WINDOW, 2 * REVIEW_WINDOW)
  const recentSince = now - RECENT_CHARGEBACK_MS
  return {
    average: mean(latest),
    count: latest.length,
    previousAverage: mean(before),
    previousCount: before.length,
    threshold,
    chargebacks: chargebackTimes.length,
    // One recorded exactly at the window's start still counts, as an invite sent then does in the
    // response figures.
    recentChargebacks: chargebackTimes.filter((t) => t >= recentSince && t <= now).length,
    lastChargebackAt: chargebackTimes.length === 0 ? null : Math.max(...chargebackTimes),
  }
}

function mean(values: ReadonlyArray<number>): number | null {
  if (values.length === 0) return null
  return values.reduce((sum, v) => sum + v, 0) / values.length
}
