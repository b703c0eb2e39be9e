/**
 * Lengths of time in the display's locale: a duration, a ticking timer, a countdown, how long ago,
 * a response time. None reads "NaN", "∞" or a negative length (showable, format-display.ts).
 */
import { wallClockAt, wallClockFormatOr } from '../../shared/zone-offset'
import { lengthWords } from '../../shared/length-words'
import { formatters, showable, unit } from './format-display'

const MINUTE_MS = 60_000
const HOUR_MS = 60 * MINUTE_MS
const DAY_MS = 24 * HOUR_MS
/** The mean Gregorian year: beyond one, a length reads in years rather than thousands of days. */
const YEAR_MS = 365.2425 * DAY_MS

/** "45 sec", "4 min", "2 hr 5 min", "3 days", "2 yr": a length of time, rounded for reading at a glance. */
export function formatDuration(ms: number): string {
  return lengthWords(ms, unit)
}

/** "4:07" (minutes:seconds) under an hour, "1:04:07" above: a ticking timer, in the locale's digits. */
export function formatTimer(ms: number): string {
  const total = Math.floor(showable(ms) / 1000)
  const hours = Math.floor(total / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const seconds = total % 60
  const { timerPart, timerPart2 } = formatters()
  const mm = (hours > 0 ? timerPart2 : timerPart).format(minutes)
  const ss = timerPart2.format(seconds)
  return hours > 0 ? `${timerPart.format(hours)}:${mm}:${ss}` : `${mm}:${ss}`
}

/** A countdown: a ticking timer under an hour, beyond it in the words the tray's countdown uses. */
export function formatCountdown(ms: number): string {
  const left = showable(ms)
  return left < HOUR_MS ? formatTimer(left) : lengthWords(left, unit, 'countdown')
}

/** "just now", "3 minutes ago", "2 hours ago", "2 years ago", in the OS locale. */
export function formatAgo(ms: number): string {
  const abs = showable(ms)
  if (abs < 10_000) return formatters().relative.format(0, 'second')
  if (abs < MINUTE_MS) return formatters().relative.format(-Math.round(abs / 1000), 'second')
  if (abs < HOUR_MS) return formatters().relative.format(-Math.floor(abs / MINUTE_MS), 'minute')
  if (abs < DAY_MS) return formatters().relative.format(-Math.floor(abs / HOUR_MS), 'hour')
  if (abs < YEAR_MS) return formatters().relative.format(-Math.floor(abs / DAY_MS), 'day')
  return formatters().relative.format(-Math.floor(abs / YEAR_MS), 'year')
}

/**
 * How long ago `at` was at `now`, as formatAgo writes it, except that a day or more ago counts
 * calendar days where the expert is: a message sent 30 hours ago on the day before yesterday is
 * "2 days ago", never "yesterday".
 */
export function formatAgoAt(at: number, now: number): string {
  const ms = now - at
  const holdable = !Number.isNaN(new Date(at).getTime()) && !Number.isNaN(new Date(now).getTime())
  if (!(holdable && ms >= DAY_MS && ms < YEAR_MS)) return formatAgo(ms)
  const format = wallClockFormatOr(formatters().display.timeZone)
  const dayOf = (t: number): number => {
    const w = wallClockAt(format, t)
    return Date.UTC(w.year, w.month - 1, w.day) / DAY_MS
  }
  return formatters().relative.format(-(dayOf(now) - dayOf(at)), 'day')
}

/** "48 sec" or "1 min 12 sec": a response time. */
export function formatResponseTime(ms: number): string {
  const seconds = Math.round(showable(ms) / 1000)
  if (seconds < 60) return unit('second').format(seconds)
  const minutes = Math.floor(seconds / 60)
  const rest = seconds % 60
  return rest === 0
    ? unit('minute').format(minutes)
    : `${unit('minute').format(minutes)} ${unit('second').format(rest)}`
}
