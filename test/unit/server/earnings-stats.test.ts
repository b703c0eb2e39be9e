import { describe, expect, it } from 'vitest'
import {
  earningsSince,
  earningsSummary,
  weekStarts,
  type SettledEarnings,
} from '../../../server/src/marketplace/earnings-stats'
import { startOfDay, startOfMonth } from '../../../server/src/marketplace/zoned-calendar'

const HOUR = 60 * 60 * 1000
const DAY = 24 * HOUR
// Monday 30 November 2026, noon UTC.
const NOW = Date.UTC(2026, 10, 30, 12)

function earned(settledAt: number, amountMinor: number, currency = 'USD'): SettledEarnings {
  return { settledAt, earnings: { amountMinor, currency } }
}

describe('weeks and months where the expert lives', () => {
  it('starts the week on Monday at local midnight', () => {
    expect(weekStarts(NOW, 'Europe/London', 1)).toEqual([Date.UTC(2026, 10, 30)])
    // Still Monday morning in Los Angeles (UTC−8).
    expect(weekStarts(NOW, 'America/Los_Angeles', 1)).toEqual([Date.UTC(2026, 10, 30, 8)])
    // Already Monday night in Tokyo (UTC+9), so the week began on Sunday in UTC.
    expect(weekStarts(NOW, 'Asia/Tokyo', 1)).toEqual([Date.UTC(2026, 10, 29, 15)])
    expect(weekStarts(NOW, 'Asia/Kolkata', 1)).toEqual([Date.UTC(2026, 10, 29, 18, 30)])
  })

  it('counts twelve weeks back across a daylight-saving change', () => {
    const starts = weekStarts(NOW, 'Europe/London')
    expect(starts).toHaveLength(12)
    // Monday 14 September, still on summer time (UTC+1).
    expect(starts[0]).toBe(Date.UTC(2026, 8, 13, 23))
    expect(starts[11]).toBe(Date.UTC(2026, 10, 30))
    // The week holding the change back to winter time is an hour longer.
    const lengths = starts.slice(1).map((s, i) => s - starts[i]!)
    expect(lengths.filter((l) => l === 7 * DAY + HOUR)).toHaveLength(1)
    expect(lengths.filter((l) => l === 7 * DAY)).toHaveLength(10)
  })

  it('starts the month at local midnight on the first, on the offset of that day', () => {
    expect(startOfMonth(NOW, 'Europe/London')).toBe(Date.UTC(2026, 10, 1))
    // 1 November 2026 began on summer time in Los Angeles (UTC−7); the clocks went back later that night.
    expect(startOfMonth(NOW, 'America/Los_Angeles')).toBe(Date.UTC(2026, 10, 1, 7))
    expect(startOfMonth(NOW, 'Asia/Tokyo')).toBe(Date.UTC(2026, 9, 31, 15))
    expect(earningsSince(NOW, 'Europe/London')).toBe(Date.UTC(2026, 8, 13, 23))
  })

  it('starts a day whose midnight the clocks skip at the first moment it has', () => {
    // Santiago moved from UTC−4 to UTC−3 at midnight on 6 September 2026: the day began at 01:00.
    expect(startOfDay({ year: 2026, month: 9, day: 6 }, 'America/Santiago')).toBe(Date.UTC(2026, 8, 6, 4))
  })
})

describe('the earnings summary', () => {
  it('sums each week, this week and this month from known sessions', () => {
    const summary = earningsSummary(
      [
        earned(Date.UTC(2026, 10, 30, 0, 0), 7_500), // Monday midnight: this week
        earned(Date.UTC(2026, 10, 29, 23, 59), 2_500), // Sunday night: last week
        earned(Date.UTC(2026, 10, 24), -1_000), // a fee the expert paid, last week
        earned(Date.UTC(2026, 10, 2), 5_000), // early in the month
        earned(Date.UTC(2026, 9, 31, 23), 4_000), // October: a week shown, not this month
        earned(Date.UTC(2026, 10, 30, 1), 9_999, 'EUR'), // another currency: left out
        earned(NOW + HOUR, 1_234), // after now: left out
        earned(Date.UTC(2026, 7, 1), 8_888), // before the first week shown
      ],
      'USD',
      NOW,
      'Europe/London',
    )
    expect(summary.currency).toBe('USD')
    expect(summary.thisWeekMinor).toBe(7_500)
    expect(summary.thisMonthMinor).toBe(7_500 + 2_500 - 1_000 + 5_000)
    expect(summary.weeks.map((w) => w.amountMinor)).toEqual([
      0, 0, 0, 0, 0, 0, 4_000, 5_000, 0, 0, 1_500, 7_500,
    ])
    expect(summary.weeks[11]!.startsAt).toBe(Date.UTC(2026, 10, 30))
  })

  it('puts a session in the week of the expert’s own calendar', () => {
    // Sunday 23:00 in Los Angeles, Monday 07:00 in UTC.
    const sunday = earned(Date.UTC(2026, 10, 30, 7), 3_000)
    const la = earningsSummary([sunday], 'USD', NOW, 'America/Los_Angeles')
    expect(la.thisWeekMinor).toBe(0)
    expect(la.weeks[10]!.amountMinor).toBe(3_000)
    expect(earningsSummary([sunday], 'USD', NOW, 'Europe/London').thisWeekMinor).toBe(3_000)
  })

  it('gives zeros, not gaps, to an expert who earned nothing', () => {
    const summary = earningsSummary([], 'JPY', NOW, 'Asia/Tokyo')
    expect(summary).toMatchObject({ currency: 'JPY', thisWeekMinor: 0, thisMonthMinor: 0 })
    expect(summary.weeks.map((w) => w.amountMinor)).toEqual(Array(12).fill(0))
  })
})
