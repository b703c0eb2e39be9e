/**
 * Calendar days where a person lives: the first moment of their week (Monday) and of their month,
 * in their IANA time zone, found through Intl so daylight saving and odd offsets come out right.
 */
import { offsetAt, wallClockAt, wallClockFormat, type WallClock } from '../../../src/shared/zone-offset'

const DAY_MS = 24 * 60 * 60 * 1000

/** A calendar date: year, month (1 to 12) and day of the month. */
export interface CalendarDate {
  readonly year: number
  readonly month: number
  readonly day: number
}

/** The zone's wall-clock formatter; a zone Intl does not know is refused as Intl refuses it. */
function zoneFormat(timeZone: string): Intl.DateTimeFormat {
  const format = wallClockFormat(timeZone)
  if (format === null) throw new RangeError(`Invalid time zone specified: ${timeZone}`)
  return format
}

function wallClock(t: number, timeZone: string): WallClock {
  return wallClockAt(zoneFormat(timeZone), t)
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
  const first = asUtc - offsetAt(zoneFormat(timeZone), asUtc)
  const second = asUtc - offsetAt(zoneFormat(timeZone), first)
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
