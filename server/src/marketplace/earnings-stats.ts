/**
 * The expert's earnings as My stats shows them, summed from what each settled session earned:
 * this week, this month and each of the last weeks, with weeks and months starting where the
 * expert lives. Only sessions in the expert's present currency count, since sums across
 * currencies mean nothing.
 */
import type { EarningsSummary, WeekEarnings } from '../../../src/shared/money/earnings-summary'
import { WEEKS_SHOWN } from '../../../src/shared/money/earnings-summary'
import { clampMinor } from '../../../src/shared/money/amount'
import type { Money } from '../../../src/shared/money/money'
import { addDays, mondayOf, startOfDay, startOfMonth } from './zoned-calendar'

/** What one settled session earned, and when it settled (ended or was cancelled). */
export interface SettledEarnings {
  readonly settledAt: number
  readonly earnings: Money
}

/** The first moment of each of the last `weeks` weeks before `now` (this one last), in the zone. */
export function weekStarts(now: number, timeZone: string, weeks = WEEKS_SHOWN): ReadonlyArray<number> {
  const monday = mondayOf(now, timeZone)
  return Array.from({ length: weeks }, (_, i) => startOfDay(addDays(monday, -7 * (weeks - 1 - i)), timeZone))
}

/** The earliest settle time the summary at `now` can count. */
export function earningsSince(now: number, timeZone: string): number {
  return Math.min(weekStarts(now, timeZone)[0] ?? now, startOfMonth(now, timeZone))
}

/** The summary at `now` for an expert in `timeZone` whose rate is in `currency`. */
export function earningsSummary(
  settled: ReadonlyArray<SettledEarnings>,
  currency: string,
  now: number,
  timeZone: string,
): EarningsSummary {
  const starts = weekStarts(now, timeZone)
  const monthStart = startOfMonth(now, timeZone)
  const sums = starts.map(() => 0)
  let month = 0
  for (const { settledAt, earnings } of settled) {
    if (earnings.currency !== currency || settledAt > now) continue
    if (settledAt >= monthStart) month += earnings.amountMinor
    // The last week that started at or before the session holds it.
    for (let i = starts.length - 1; i >= 0; i--) {
      if (settledAt >= (starts[i] ?? Infinity)) {
        sums[i] = (sums[i] ?? 0) + earnings.amountMinor
        break
      }
    }
  }
  const weeks: WeekEarnings[] = starts.map((startsAt, i) => ({
    startsAt,
    amountMinor: clampMinor(sums[i] ?? 0),
  }))
  return {
    currency,
    thisWeekMinor: weeks[weeks.length - 1]?.amountMinor ?? 0,
    thisMonthMinor: clampMinor(month),
    weeks,
  }
}
