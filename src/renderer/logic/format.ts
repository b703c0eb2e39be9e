/**
 * Dates, times, durations and sizes in the OS locale (Intl with no explicit locale). Every
 * function takes the moments it needs as arguments, so the host clock stays the only "now".
 */

const MINUTE_MS = 60_000
const HOUR_MS = 60 * MINUTE_MS
const DAY_MS = 24 * HOUR_MS

// Formatters are costly to build and are reused for every row.
const shortTime = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' })
const dayAndTime = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: 'numeric',
  minute: '2-digit',
})
const dayOnly = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short' })
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' })
const zoned = new Map<string, Intl.DateTimeFormat>()
const units = new Map<string, Intl.NumberFormat>()

function unit(name: string, maximumFractionDigits = 0): Intl.NumberFormat {
  const key = `${name}/${maximumFractionDigits}`
  let format = units.get(key)
  if (format === undefined) {
    format = new Intl.NumberFormat(undefined, {
      style: 'unit',
      unit: name,
      unitDisplay: 'short',
      maximumFractionDigits,
    })
    units.set(key, format)
  }
  return format
}

/** "13:05" or "1:05 PM", as the OS locale writes a time of day. */
export function formatTime(t: number): string {
  return shortTime.format(t)
}

/** "Tue 6 Jan, 13:05": a day and a time, in the OS locale and time zone. */
export function formatDayTime(t: number): string {
  return dayAndTime.format(t)
}

/** "Tue 6 Jan". */
export function formatDay(t: number): string {
  return dayOnly.format(t)
}

/** A moment as the machine-readable value of a <time> element. */
export function isoTime(t: number): string {
  return new Date(t).toISOString()
}

/** "Tue 6 Jan, 07:05" in another time zone (the client's). */
export function formatDayTimeIn(t: number, timeZone: string): string {
  let format = zoned.get(timeZone)
  if (format === undefined) {
    format = new Intl.DateTimeFormat(undefined, {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: 'numeric',
      minute: '2-digit',
      timeZone,
    })
    zoned.set(timeZone, format)
  }
  return format.format(t)
}

/** "New York" from "America/New_York": how people name a time zone. */
export function zoneCity(timeZone: string): string {
  const city = timeZone.slice(timeZone.lastIndexOf('/') + 1)
  return city.replaceAll('_', ' ')
}

/** "45 sec", "4 min", "2 hr 5 min", "3 days": a length of time, rounded for reading at a glance. */
export function formatDuration(ms: number): string {
  const abs = Math.max(0, ms)
  if (abs < MINUTE_MS) return unit('second').format(Math.round(abs / 1000))
  if (abs < HOUR_MS) return unit('minute').format(Math.round(abs / MINUTE_MS))
  if (abs < DAY_MS) {
    const hours = Math.floor(abs / HOUR_MS)
    const minutes = Math.round((abs - hours * HOUR_MS) / MINUTE_MS)
    if (minutes === 60) return unit('hour').format(hours + 1)
    return minutes === 0
      ? unit('hour').format(hours)
      : `${unit('hour').format(hours)} ${unit('minute').format(minutes)}`
  }
  return unit('day').format(Math.round(abs / DAY_MS))
}

/** "4:07" (minutes:seconds) under an hour, "1:04:07" above: a ticking timer. */
export function formatTimer(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000))
  const hours = Math.floor(total / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const seconds = total % 60
  const mm = hours > 0 ? String(minutes).padStart(2, '0') : String(minutes)
  const ss = String(seconds).padStart(2, '0')
  return hours > 0 ? `${hours}:${mm}:${ss}` : `${mm}:${ss}`
}

/** A countdown: a ticking timer under an hour, a rounded duration beyond. */
export function formatCountdown(ms: number): string {
  return ms < HOUR_MS ? formatTimer(ms) : formatDuration(ms)
}

/** "just now", "3 minutes ago", "2 hours ago", in the OS locale. */
export function formatAgo(ms: number): string {
  const abs = Math.max(0, ms)
  if (abs < 10_000) return relative.format(0, 'second')
  if (abs < MINUTE_MS) return relative.format(-Math.round(abs / 1000), 'second')
  if (abs < HOUR_MS) return relative.format(-Math.floor(abs / MINUTE_MS), 'minute')
  if (abs < DAY_MS) return relative.format(-Math.floor(abs / HOUR_MS), 'hour')
  return relative.format(-Math.floor(abs / DAY_MS), 'day')
}

/** "180 kB", "2.4 MB": an attachment's size. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return unit('byte').format(bytes)
  if (bytes < 1_000_000) return unit('kilobyte').format(Math.round(bytes / 1000))
  if (bytes < 1_000_000_000) return unit('megabyte', 1).format(bytes / 1_000_000)
  return unit('gigabyte', 1).format(bytes / 1_000_000_000)
}

/** "48 sec" or "1 min 12 sec": a response time. */
export function formatResponseTime(ms: number): string {
  const seconds = Math.round(ms / 1000)
  if (seconds < 60) return unit('second').format(seconds)
  const minutes = Math.floor(seconds / 60)
  const rest = seconds % 60
  return rest === 0
    ? unit('minute').format(minutes)
    : `${unit('minute').format(minutes)} ${unit('second').format(rest)}`
}
