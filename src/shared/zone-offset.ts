/**
 * An IANA time zone's wall clock and its offset from UTC at a moment, read through Intl so daylight
 * saving and odd offsets come out right, on the platform and in the app alike.
 */

/** A wall-clock reading: the calendar date (month 1 to 12) and the time of day, to the second. */
export interface WallClock {
  readonly year: number
  readonly month: number
  readonly day: number
  readonly hour: number
  readonly minute: number
  readonly second: number
}

/** More than the world has time zones: beyond it, a zone's formatter is built afresh each time. */
const ZONES_KEPT = 1_000

// A formatter per zone: building one costs far more than using it, and lists and stats read many.
const formats = new Map<string, Intl.DateTimeFormat | null>()

/** The formatter that reads `timeZone`'s wall clock; null for a zone this computer's data does not know. */
export function wallClockFormat(timeZone: string): Intl.DateTimeFormat | null {
  let format = formats.get(timeZone)
  if (format === undefined) {
    try {
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
    } catch {
      format = null
    }
    if (formats.size < ZONES_KEPT) formats.set(timeZone, format)
  }
  return format
}

/** The wall clock `format` (from wallClockFormat) reads at `t`. */
export function wallClockAt(format: Intl.DateTimeFormat, t: number): WallClock {
  const parts: Record<string, number> = {}
  for (const part of format.formatToParts(t)) {
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

/** How far the zone's wall clock is ahead of UTC at `t`, in milliseconds (whole seconds). */
export function offsetAt(format: Intl.DateTimeFormat, t: number): number {
  const w = wallClockAt(format, t)
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second)
  return asUtc - (t - (((t % 1000) + 1000) % 1000))
}
