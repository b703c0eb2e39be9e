/** "Online until HH:MM": the next moment the wall clock shows that time, in the display's time zone. */
import { jumpPast, momentsAtWallClock, wallClockAt, wallClockFormatOr } from '../../shared/zone-offset'
import { currentDisplay } from './format'

const DAY_MS = 24 * 60 * 60_000

/**
 * The next moment after `now` at `hhmm` ("17:30") in `timeZone`, or null for a malformed time.
 * In the hour the clocks go back, the first showing still to come; a time the clocks skip today
 * is reached when they jump past it (02:30 at 03:00), never an hour after it.
 */
export function nextOccurrence(
  hhmm: string,
  now: number,
  timeZone: string = currentDisplay().timeZone,
): number | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(hhmm.trim())
  if (match === null) return null
  const hour = Number(match[1])
  const minute = Number(match[2])
  if (hour > 23 || minute > 59) return null
  if (Number.isNaN(new Date(now).getTime())) return null
  const format = wallClockFormatOr(timeZone)
  const today = wallClockAt(format, now)
  for (let day = 0; day < 2; day++) {
    // The day first, then the time: calendar days, whatever their length in hours.
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day) + day * DAY_MS)
    const wall = {
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
      hour,
      minute,
      second: 0,
    }
    const moments = momentsAtWallClock(format, wall)
    const candidates = moments.length > 0 ? moments : [jumpPast(format, wall)]
    const next = candidates.find((t) => t > now)
    if (next !== undefined) return next
  }
  return null
}

/** "17:30" for a time input, from a moment, in `timeZone`. */
export function toTimeInputValue(t: number, timeZone: string = currentDisplay().timeZone): string {
  if (Number.isNaN(new Date(t).getTime())) return ''
  const at = wallClockAt(wallClockFormatOr(timeZone), t)
  return `${String(at.hour).padStart(2, '0')}:${String(at.minute).padStart(2, '0')}`
}
