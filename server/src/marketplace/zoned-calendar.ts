/**
 * Calendar days where a person lives: the first moment of their week (Monday) and of their month,
 * in their IANA time zone, found through Intl so daylight saving and odd offsets come out right.
 */

const DAY_MS = 24 * 60 * 60 * 1000

/** A calendar date: year, month (1 to 12) and day of the month. */
export interface CalendarDate {
  readonly year: number
  readonly month: number
  readonly day: number
}

// A formatter per zone: building one costs far more than using it, and the stats read them often.
const formats = new Map<string, Intl.DateTimeFormat>()

function zoneFormat(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone)
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    if (formats.size < 1_000) formats.set(timeZone, format)
  }
  return format
}

function wallClock(
  t: number,
  timeZone: string,
): CalendarDate & { hour: number; minute: number; second: number } {
  const parts: Record<string, number> = {}
  for (const part of zoneFormat(timeZone).formatToParts(t)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value)
  }
  return {
    year: parts['year'] ?? 1970,
    month: parts['month'] ?? 1,
    day: parts['day'] ?? 1,
    hour: parts['hour'] ?? 0,
    minute: parts['minute'] ?? 0,
    second: parts['second'] ?? 0,
  }
}

/** How far the zone's wall clock is ahead of UTC at `t`, in milliseconds. */
function offsetAt(t: number, timeZone: string): number {
  const w = wallClock(t, timeZone)
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second)
  return asUtc - (t - (((t % 1000) + 1000) % 1000))
}

/** The calendar date at `t` in the zone. */
export function localDate(t: number, timeZone: string): CalendarDate {
  const { year, month, day } = wallClock(t, timeZone)
  return { year, month, day }
}

/** The first moment of `date` in the zone: its midnight, or the moment after a skipped one. */
export function startOfDay(date: CalendarDate, timeZone: string): number {
  const asUtc = Date.UTC(date.year, date.month - 1, date.day)
  // Twice: the offset at the first guess may be the other side of a daylight-saving change.
  const first = asUtc - offsetAt(asUtc, timeZone)
  const second = asUtc - offsetAt(first, timeZone)
  const d = localDate(second, timeZone)
  // A midnight the clocks skip leaves the guess on the day before: the day starts an offset later.
  return d.day === date.day ? second : first
}

/** `date` moved by `days` days on the calendar. */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day) + days * DAY_MS)
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() }
}

/** The Monday of the week holding `t`, as a calendar date in the zone. */
export function mondayOf(t: number, timeZone: string): CalendarDate {
  const date = localDate(t, timeZone)
  const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay()
  return addDays(date, -((weekday + 6) % 7))
}

/** The first moment of the month holding `t`, in the zone. */
export function startOfMonth(t: number, timeZone: string): number {
  const { year, month } = localDate(t, timeZone)
  return startOfDay({ year, month, day: 1 }, timeZone)
}
