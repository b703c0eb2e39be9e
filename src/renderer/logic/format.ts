/**
 * Dates, times, durations and sizes in the OS locale and time zone. Every function takes the
 * moments it needs as arguments, so the host clock stays the only "now".
 *
 * The page formats with the OS defaults. The host pre-renders the window's first frame in Node,
 * whose defaults may differ, so it names the page's locale and time zone with `setDisplay` first.
 * Here: times of day, sizes and amounts; the display and its formatters are format-display.ts,
 * other time zones format-zones.ts, lengths of time format-lengths.ts (all reached from here too).
 */
import { formatMoney } from '../../shared/money/format-money'
import type { Money } from '../../shared/money/money'
import { TIME_ALONE_WITHIN_MS } from '../../shared/day-time-options'
import { inRepeatedHour } from '../../shared/repeated-hour'
import { dateText, dayNeedsYear, formatters, showable, unit } from './format-display'

/** The display and its formatters, the zones and the lengths of time, reached from format.ts as before. */
export {
  currentDisplay,
  followHostDisplay,
  onDisplayChange,
  setCurrentTime,
  setDisplay,
  showable,
  UNKNOWN_TIME,
  type Display,
} from './format-display'
export { formatDayIn, formatDayTimeIn, zoneCity } from './format-zones'
export {
  formatAgo,
  formatAgoAt,
  formatCountdown,
  formatDuration,
  formatResponseTime,
  formatTimer,
} from './format-lengths'

/** "13:05" or "1:05 PM", as the OS locale writes a time of day ("1:30 AM EST" in a repeated hour). */
export function formatTime(t: number): string {
  return dateText(repeated(t) ? formatters().shortTimeWithZone : formatters().shortTime, t)
}

/**
 * "Tue 6 Jan, 13:05": a day and a time, in the OS locale and time zone (named in a repeated hour),
 * with the year for a day outside the current one ("Tue 6 Jan 2031, 13:05"): `now`'s year where
 * the caller has its own now, else the year of the time the page keeps.
 */
export function formatDayTime(t: number, now?: number): string {
  const f = formatters()
  if (dayNeedsYear(t, undefined, now))
    return dateText(repeated(t) ? f.dayAndTimeWithZoneInYear : f.dayAndTimeInYear, t)
  return dateText(repeated(t) ? f.dayAndTimeWithZone : f.dayAndTime, t)
}

/** Whether `t` falls in the hour the clocks go back where the expert is. */
function repeated(t: number): boolean {
  return inRepeatedHour(t, formatters().display.timeZone)
}

/** "Tue 6 Jan", with the year for a day outside the current one ("Mon 6 Jan 2031"). */
export function formatDay(t: number): string {
  return dateText(dayNeedsYear(t) ? formatters().dayOnlyInYear : formatters().dayOnly, t)
}

/**
 * "13:05" for a moment within half a day of `now`, either way, else "Tue 6 Jan, 13:05": a time
 * alone would name the wrong day for a moment long ago, or ahead after the clock stepped back.
 * The year goes with a day outside `now`'s year, as the time alone goes by `now`.
 */
export function formatTimeNear(t: number, now: number): string {
  return Math.abs(now - t) > TIME_ALONE_WITHIN_MS ? formatDayTime(t, now) : formatTime(t)
}

/**
 * "23:50" when `t` falls on the same day as `dayOf` where the expert is, else "Tue 6 Jan, 23:50":
 * a time shown under a session's day (its start window, its reminders) that falls on the day
 * before must say so, or it reads as that evening.
 */
export function formatTimeOnDayOf(t: number, dayOf: number): string {
  return calendarDay(t) === calendarDay(dayOf) ? formatTime(t) : formatDayTime(t)
}

/** The calendar day of a moment where the expert is: equal for two moments on the same day. */
export function calendarDay(t: number): string {
  return dateText(formatters().calendarDay, t)
}

/** A moment as the machine-readable value of a <time> element; empty for a moment no Date holds. */
export function isoTime(t: number): string {
  const date = new Date(t)
  return Number.isNaN(date.getTime()) ? '' : date.toISOString()
}

/** "180 kB", "2.4 MB": an attachment's size. */
export function formatBytes(size: number): string {
  const bytes = showable(size, Number.MAX_SAFE_INTEGER)
  if (bytes < 1000) return unit('byte').format(bytes)
  if (bytes < 1_000_000) return unit('kilobyte').format(Math.round(bytes / 1000))
  if (bytes < 1_000_000_000) return unit('megabyte', 1).format(bytes / 1_000_000)
  return unit('gigabyte', 1).format(bytes / 1_000_000_000)
}

/** "$12.50", "-£10.00", "¥1,250": an amount as the display's locale writes its currency. */
export function formatAmount(money: Money): string {
  return formatMoney(money, formatters().display.locale)
}
