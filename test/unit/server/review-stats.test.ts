import { describe, expect, it } from 'vitest'
import { ReviewStats } from '../../../src/shared/protocol'
import { RECENT_CHARGEBACK_MS, reviewStats } from '../../../server/src/marketplace/review-stats'
import { reviewFigures } from '../../support/review-fixtures'

const NOW = Date.UTC(2026, 5, 1, 12)
const DAY = 24 * 60 * 60 * 1000

describe('the review figures', () => {
  it('has nothing to average before the first review', () => {
    expect(reviewStats([], [], 4, NOW)).toEqual(reviewFigures(null))
  })

  it('averages the latest 30 reviewed sessions and compares them with the 30 before', () => {
    // Newest first: 30 sessions rated 3 (a mean of 3), then 30 rated 5, then older ones that no longer count.
    const ratings = [...Array<number>(30).fill(3), ...Array<number>(30).fill(5), 1, 1, 1]
    const stats = reviewStats(ratings, [], 4, NOW)
    expect(stats).toMatchObject({ average: 3, count: 30, previousAverage: 5, previousCount: 30 })
    expect(ReviewStats.parse(stats)).toEqual(stats)
  })

  it('averages what there is when fewer than 30 sessions were reviewed', () => {
    expect(reviewStats([5, 4, 4, 2], [], 4, NOW)).toMatchObject({
      average: 3.75,
      count: 4,
      previousAverage: null,
      previousCount: 0,
    })
    expect(reviewStats([...Array<number>(30).fill(4), 2, 3], [], 4, NOW)).toMatchObject({
      average: 4,
      previousAverage: 2.5,
      previousCount: 2,
    })
  })

  it('counts chargebacks in all and over the last 30 days, one exactly 30 days old included', () => {
    const times = [NOW - RECENT_CHARGEBACK_MS - 1, NOW - RECENT_CHARGEBACK_MS, NOW - DAY]
    expect(reviewStats([5], times, 4.5, NOW)).toMatchObject({
      threshold: 4.5,
      chargebacks: 3,
      recentChargebacks: 2,
      lastChargebackAt: NOW - DAY,
    })
  })
})
