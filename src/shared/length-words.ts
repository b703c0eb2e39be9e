/**
 * A length of time in words, one wording wherever it is shown (the window, the tray): the locale's
 * short units ("4 min", "2 hr 5 min", "3 days", "2 yr"), from a length a bad clock may have made
 * negative, NaN or infinite, which never reads "NaN", "∞" or "-0".
 */

const MINUTE_MS = 60_000
const HOUR_MS = 60 * MINUTE_MS
const DAY_MS = 24 * HOUR_MS
/** The mean Gregorian year: beyond one, a length reads in years rather than hundreds of days. */
const YEAR_MS = 365.2425 * DAY_MS

/** The span of the protocol's times (2000 to 2200, shared/protocol/time.ts): no real length is longer. */
export const LONGEST_MS = Date.UTC(2200, 0, 1) - Date.UTC(2000, 0, 1)

/**
 * A quantity made fit to show: never negative (a clock that stepped back makes a length negative),
 * never above `max`, and 0 when it is not a number at all, so no text reads "-0", "NaN" or "∞".
 */
export function showable(value: number, max: number = LONGEST_MS): number {
  if (Number.isNaN(value)) return 0
  return Math.min(max, Math.max(0, value)) + 0
}

/** The units a length is written in. */
export type LengthUnit = 'second' | 'minute' | 'hour' | 'day' | 'year'

/** The short format of each unit, in one locale ("4 min" in English, "4 Min." in German). */
export type UnitFormats = (unit: LengthUnit) => Intl.NumberFormat

const hostUnits = new Map<string, Intl.NumberFormat>()

/** The host's own locale's short unit formats, each built once (building one costs the locale's patterns). */
export const hostUnitFormats: UnitFormats = (unit) => {
  let format = hostUnits.get(unit)
  if (format === undefined) {
    format = new Intl.NumberFormat(undefined, { style: 'unit', unit, unitDisplay: 'short' })
    hostUnits.set(unit, format)
  }
  return format
}

/**
 * How a length is rounded: to the nearest (how long something took), or as a countdown, the
 * minutes up, so it never says "0 min" while time is left, the hours, days and years down, so it
 * never says more days than are left.
 */
export type LengthRounding = 'nearest' | 'countdown'

/** `ms` in words: seconds under a minute (minutes in a countdown), then minutes, hours and minutes, days, years. */
export function lengthWords(ms: number, units: UnitFormats, rounding: LengthRounding = 'nearest'): string {
  const abs = showable(ms)
  const up = rounding === 'countdown'
  // Rounded first, then compared: 59.6 seconds reads "1 min", never "60 sec", as 59.6 minutes reads "1 hr".
  const seconds = Math.round(abs / 1000)
  if (seconds < 60 && !up) return units('second').format(seconds)
  const minutes = up ? Math.max(1, Math.ceil(abs / MINUTE_MS)) : Math.round(abs / MINUTE_MS)
  if (minutes < 60) return units('minute').format(minutes)
  if (minutes < DAY_MS / MINUTE_MS) {
    const hours = Math.floor(minutes / 60)
    const rest = minutes % 60
    return rest === 0
      ? units('hour').format(hours)
      : `${units('hour').format(hours)} ${units('minute').format(rest)}`
  }
  // A countdown short of a day whose minutes rounded up to one reads "1 day", never "0 days" or "24 hr".
  if (abs < YEAR_MS) return units('day').format(Math.max(1, (up ? Math.floor : Math.round)(abs / DAY_MS)))
  return units('year').format(Math.floor(abs / YEAR_MS))
}
