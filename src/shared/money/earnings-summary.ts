/**
 * The expert's earnings as My stats shows them, summed by the platform: this week, this month and
 * each of the last twelve weeks, in one currency, with weeks and months starting where the expert
 * lives (Monday at midnight, the first of the month at midnight, in their time zone).
 */
import { z } from 'zod'
import { Timestamp } from '../protocol/time'
import { AmountMinor, CurrencyCode } from './money'

/** How many weeks the chart shows, this one included. */
export const WEEKS_SHOWN = 12

/** What one week earned: the week's first moment and the sum of its sessions. */
export const WeekEarnings = z.object({ startsAt: Timestamp, amountMinor: AmountMinor })
/** What one week earned. */
export type WeekEarnings = z.infer<typeof WeekEarnings>

/** Earnings this week, this month and per week, all in `currency` and signed (fees paid subtract). */
export const EarningsSummary = z.object({
  currency: CurrencyCode,
  thisWeekMinor: AmountMinor,
  thisMonthMinor: AmountMinor,
  /** Oldest first; the last is this week. */
  weeks: z.array(WeekEarnings).max(WEEKS_SHOWN),
})
/** Earnings this week, this month and per week. */
export type EarningsSummary = z.infer<typeof EarningsSummary>
