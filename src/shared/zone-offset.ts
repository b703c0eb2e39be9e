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

/**
 * The formatter that reads `timeZone`'s wall clock; null for a zone this computer's data does not
 * know. Undefined is the runtime's own zone, read afresh each time (it can change while running).
 */
export function wallClockFormat(timeZone: string | undefined): Intl.DateTimeFormat | null {
  let format = timeZone === undefined ? undefined : formats.get(timeZone)
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
    if (timeZone !== undefined && formats.size < ZONES_KEPT) formats.set(timeZone, format)
  }
  return format
}

/** `timeZone`'s wall-clock formatter, or the runtime's own zone's when this computer does not know it. */
export function wallClockFormatOr(timeZone: string): Intl.DateTimeFormat {
  return wallClockFormat(timeZone) ?? (wallClockFormat(undefined) as Intl.DateTimeFormat)
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

/** Far enough either side of a moment to reach the offsets before and after any change of the clocks. */
const DAY_MS = 24 * 60 * 60_000
/** The furthest moment a Date holds, either way, less a day each side for the offsets read around it. */
const READABLE_MS = 8.64e15 - 2 * DAY_MS

/** The moment `wall` names read as UTC; NaN past what a Date holds (with a day either side). */
export function wallClockAsUtc(wall: WallClock): number {
  // setUTCFullYear, not Date.UTC: a year below 100 is that year, not 1900 plus it.
  const date = new Date(0)
  date.setUTCFullYear(wall.year, wall.month - 1, wall.day)
  date.setUTCHours(wall.hour, wall.minute, wall.second, 0)
  const asUtc = date.getTime()
  return Math.abs(asUtc) <= READABLE_MS ? asUtc : Number.NaN
}

/**
 * The moments whose wall clock in the zone (`format`, from wallClockFormat) reads `wall`, earliest
 * first: one as a rule, none in the hour the clocks skip when they go forward, two in the hour they
 * repeat when they go back. A caller picks among them or says so, never silently an hour off.
 */
export function momentsAtWallClock(format: Intl.DateTimeFormat, wall: WallClock): ReadonlyArray<number> {
  const asUtc = wallClockAsUtc(wall)
  if (Number.isNaN(asUtc)) return []
  const offsets = new Set([asUtc - DAY_MS, asUtc, asUtc + DAY_MS].map((t) => offsetAt(format, t)))
  const moments = new Set<number>()
  for (const offset of offsets) {
    const t = asUtc - offset
    const read = wallClockAt(format, t)
    if (
      read.year === wall.year &&
      read.month === wall.month &&
      read.day === wall.day &&
      read.hour === wall.hour &&
      read.minute === wall.minute &&
      read.second === wall.second
    )
      moments.add(t)
  }
  return [...moments].sort((a, b) => a - b)
}

/**
 * For a `wall` time the clocks skip (momentsAtWallClock gives none), the moment they jump past it:
 * "until 02:30" on a night that goes from 01:59 to 03:00 is reached at 03:00, not at 03:30.
 * NaN when `wall` is not skipped.
 */
export function jumpPast(format: Intl.DateTimeFormat, wall: WallClock): number {
  const asUtc = wallClockAsUtc(wall)
  if (Number.isNaN(asUtc)) return Number.NaN
  const before = offsetAt(format, asUtc - DAY_MS)
  const after = offsetAt(format, asUtc + DAY_MS)
  if (after <= before) return Number.NaN
  // Read with the later offset the moment is before the jump; with the earlier one, after it.
  let lo = asUtc - after
  let hi = asUtc - before
  if (lo + offsetAt(format, lo) >= asUtc || hi + offsetAt(format, hi) < asUtc) return Number.NaN
  // Offsets change on whole seconds, and both ends lie on one.
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000
    if (mid + offsetAt(format, mid) >= asUtc) hi = mid
    else lo = mid
  }
  return hi
}
