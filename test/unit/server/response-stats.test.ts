import { describe, expect, it } from 'vitest'
import {
  PLATFORM_AVERAGE_RESPONSE_MS,
  recentResponseStats,
  type InviteTimes,
} from '../../../server/src/marketplace/response-stats'

const DAY = 24 * 60 * 60 * 1000
const NOW = Date.UTC(2026, 10, 30, 12)

/** An invite sent `daysAgo` before NOW and answered `responseMs` later, or left in `state`. */
function sent(daysAgo: number, responseMs: number | null, state = 'accepted'): InviteTimes {
  const sentAt = NOW - daysAgo * DAY
  return { sentAt, answeredAt: responseMs === null ? null : sentAt + responseMs, state }
}

describe('recent response figures', () => {
  it('gives the exact median and p90 of a crafted set of answers', () => {
    // Ten answers in the last day: 10 s … 100 s, one of them a decline.
    const invites = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100].map((s, i) =>
      sent(1, s * 1000, i === 0 ? 'declined' : 'accepted'),
    )
    const week = recentResponseStats(invites, NOW).last7Days
    expect(week.medianMs).toBe(55_000)
    expect(week.p90Ms).toBe(90_000)
    expect(week.answered).toBe(10)
    expect(week.accepted).toBe(9)
    expect(week.acceptanceRate).toBe(0.9)
  })

  it('takes the middle answer of an odd count and the top one as p90 of a few', () => {
    const week = recentResponseStats([sent(1, 5_000), sent(2, 40_000), sent(3, 12_000)], NOW).last7Days
    expect(week.medianMs).toBe(12_000)
    expect(week.p90Ms).toBe(40_000)
  })

  it('counts expired invites as missed and against the acceptance rate; taken and withdrawn count neither way', () => {
    const invites = [
      sent(1, 8_000),
      sent(1, null, 'expired'),
      sent(2, null, 'expired'),
      sent(2, 3_000, 'declined'),
      sent(3, null, 'taken'),
      sent(3, null, 'withdrawn'),
    ]
    const week = recentResponseStats(invites, NOW).last7Days
    expect(week.missed).toBe(2)
    expect(week.accepted).toBe(1)
    expect(week.acceptanceRate).toBe(0.25)
    expect(week.answered).toBe(2)
  })

  it('keeps an invite sent exactly 7 or 30 days ago and drops one sent a moment earlier', () => {
    const edge7 = sent(7, 20_000)
    const past7 = { ...sent(7, 30_000), sentAt: NOW - 7 * DAY - 1, answeredAt: NOW - 7 * DAY - 1 + 30_000 }
    const edge30 = sent(30, 40_000)
    const past30 = {
      ...sent(30, 50_000),
      sentAt: NOW - 30 * DAY - 1,
      answeredAt: NOW - 30 * DAY - 1 + 50_000,
    }
    const stats = recentResponseStats([edge7, past7, edge30, past30], NOW)
    expect(stats.last7Days.answered).toBe(1)
    expect(stats.last7Days.medianMs).toBe(20_000)
    expect(stats.last30Days.answered).toBe(3)
    expect(stats.last30Days.medianMs).toBe(30_000)
    expect(stats.last30Days.p90Ms).toBe(40_000)
  })

  it('leaves the times and rate empty with nothing in the window, beside the platform average', () => {
    const stats = recentResponseStats([sent(40, 1_000)], NOW)
    expect(stats.last30Days).toEqual({
      medianMs: null,
      p90Ms: null,
      answered: 0,
      accepted: 0,
      missed: 0,
      acceptanceRate: null,
    })
    expect(stats.platformAverageMs).toBe(PLATFORM_AVERAGE_RESPONSE_MS)
  })

  it('never reports a negative time when the clock went back between sending and answering', () => {
    expect(recentResponseStats([sent(1, -5_000)], NOW).last7Days.medianMs).toBe(0)
  })
})
