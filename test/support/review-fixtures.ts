/** Review figures for tests of the standing warnings and the views that show them. */
import type { ReviewStats } from '../../src/shared/protocol'

/** Review figures with this average over 30 sessions (none when null), against the default threshold of 4. */
export function reviewFigures(average: number | null, more: Partial<ReviewStats> = {}): ReviewStats {
  return {
    average,
    count: average === null ? 0 : 30,
    previousAverage: null,
    previousCount: 0,
    threshold: 4,
    chargebacks: 0,
    recentChargebacks: 0,
    lastChargebackAt: null,
    ...more,
  }
}
