/**
 * Dates, times, durations and sizes in the OS locale and time zone. Every function takes the
 * moments it needs as arguments, so the host clock stays the only "now".
 *
 * The page formats with the OS defaults. The host pre-renders the window's first frame in Node,
 * whose defaults may differ, so it names the page's locale and time zone with `setDisplay` first.
 */
import { formatMoney } from '../../shared/money/format-money'
import type { Money } from '../../shared/money/money'
import {
  DAY_AND_TIME,
  SHORT_TIME_WITH_ZONE,
  TIME_ALONE_WITHIN_MS,
  WITH_ZONE,
} from '../../shared/day-time-options'
import { inRepeatedHour } from '../../shared/repeated-hour'
import { wallClockAt, wallClockFormatOr } from '../../shared/zone-offset'

const MINUTE_MS = 60_000
const HOUR_MS = 60 * MINUTE_MS
const DAY_MS = 24 * HOUR_MS
/** The mean Gregorian year: beyond one, a length reads in years rather than thousands of days. */
const YEAR_MS = 365.2425 * DAY_MS
/** The span of the protocol's times (2000 to 2200, shared/protocol/time.ts): no real length is longer. */
const LONGEST_MS = Date.UTC(2200, 0, 1) - Date.UTC(2000, 0, 1)
/** A day alone: "Tue 6 Jan". */
const DAY_ONLY: Readonly<Intl.DateTimeFormatOptions> = { weekday: 'short', day: 'numeric', month: 'short' }
/** More than the world has time zones: beyond it, a name is formatted afresh each time. */
const ZONED_FORMATS_KEPT = 1_000

/** Where times are shown: a BCP 47 locale and an IANA time zone; undefined means the OS's. */
export interface Display {
  readonly locale?: string | undefined
  readonly timeZone?: string | undefined
}

/**
 * The display as asked, with a locale or zone Intl refuses (a bad tag or zone name from the OS or
 * a setting) left to the host's own: such a value must cost its preference, never every time shown.
 */
function usable(display: Display): Display {
  let { locale, timeZone } = display
  try {
    new Intl.DateTimeFormat(locale)
  } catch {
    locale = undefined
  }
  try {
    new Intl.DateTimeFormat(undefined, { timeZone })
  } catch {
    timeZone = undefined
  }
  return { locale, timeZone }
}

/** The formatters of one (usable) display, built once: they are costly to build and used for every row. */
function formattersFor(display: Display) {
  const { locale, timeZone } = display
  const dateTime = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(locale, { ...options, timeZone })
  return {
    display: resolve(locale, timeZone),
    shortTime: dateTime({ timeStyle: 'short' }),
    dayAndTime: dateTime(DAY_AND_TIME),
    // For the hour the clocks go back, whose times name two moments (shared/repeated-hour.ts).
    shortTimeWithZone: dateTime(SHORT_TIME_WITH_ZONE),
    dayAndTimeWithZone: dateTime({ ...DAY_AND_TIME, ...WITH_ZONE }),
    dayOnly: dateTime(DAY_ONLY),
    calendarDay: dateTime({ year: 'numeric', month: '2-digit', day: '2-digit' }),
    relative: new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }),
    zoned: new Map<string, ZonedFormats | null>(),
    units: new Map<string, Intl.NumberFormat>(),
    // A ticking timer's parts in the locale's own digits ("٤:٠٧" in Arabic), as its dates have them.
    timerPart: new Intl.NumberFormat(locale, { useGrouping: false }),
    timerPart2: new Intl.NumberFormat(locale, { useGrouping: false, minimumIntegerDigits: 2 }),
  }
}

function resolve(locale: string | undefined, timeZone: string | undefined): Required<Display> {
  const resolved = new Intl.DateTimeFormat(locale, { timeZone }).resolvedOptions()
  return { locale: resolved.locale, timeZone: resolved.timeZone }
}

/** What the display was asked to be (usable): the host's own locale and zone where unnamed. */
let asked: Display = {}
let formats = formattersFor(asked)
const displayListeners = new Set<() => void>()

/** One other zone's day-and-time formats: as usual, and with the zone named for a repeated hour. */
interface ZonedFormats {
  /** The zone as Intl resolved the name (a link such as "US/Eastern" to its zone). */
  readonly zone: string
  readonly plain: Intl.DateTimeFormat
  readonly withZone: Intl.DateTimeFormat
  readonly day: Intl.DateTimeFormat
}

/** Format for this display from now on (the host's pre-render); the page never needs to call it. */
export function setDisplay(display: Display): void {
  asked = usable(display)
  followHostDisplay()
}

/**
 * Read the host's locale and time zone again where the display does not name them: the OS's can
 * change while a window is open (the expert travels, or changes it in the OS's settings), and a
 * formatter keeps the zone it was built in. True when they changed; every subscriber is told.
 */
export function followHostDisplay(): boolean {
  const next = resolve(asked.locale, asked.timeZone)
  if (next.locale === formats.display.locale && next.timeZone === formats.display.timeZone) return false
  formats = formattersFor(asked)
  for (const listener of [...displayListeners]) listener()
  return true
}

/** Call `listener` whenever the display's locale or time zone changes; returns the unsubscribe. */
export function onDisplayChange(listener: () => void): () => void {
  displayListeners.add(listener)
  return () => displayListeners.delete(listener)
}

/** The locale and time zone in use, as Intl resolved them (a new object after each change). */
export function currentDisplay(): Required<Display> {
  return formats.display
}

function unit(name: string, maximumFractionDigits = 0): Intl.NumberFormat {
  const key = `${name}/${maximumFractionDigits}`
  let format = formats.units.get(key)
  if (format === undefined) {
    format = new Intl.NumberFormat(formats.display.locale, {
      style: 'unit',
      unit: name,
      unitDisplay: 'short',
      maximumFractionDigits,
    })
    formats.units.set(key, format)
  }
  return format
}

/**
 * A quantity made fit to show: never negative (a clock that stepped back makes a length negative),
 * never above `max`, and 0 when it is not a number at all, so no text reads "-0", "NaN" or "∞".
 */
export function showable(value: number, max: number = LONGEST_MS): number {
  if (Number.isNaN(value)) return 0
  return Math.min(max, Math.max(0, value)) + 0
}

/** What a moment no Date can hold (NaN, past year 275760) reads as, where Intl would throw. */
export const UNKNOWN_TIME = 'an unknown time'

/** `t` written by `format`, or UNKNOWN_TIME: one bad time must not take the whole window down. */
function dateText(format: Intl.DateTimeFormat, t: number): string {
  return Number.isNaN(new Date(t).getTime()) ? UNKNOWN_TIME : format.format(t)
}

/** "13:05" or "1:05 PM", as the OS locale writes a time of day ("1:30 AM EST" in a repeated hour). */
export function formatTime(t: number): string {
  return dateText(repeated(t) ? formats.shortTimeWithZone : formats.shortTime, t)
}

/** "Tue 6 Jan, 13:05": a day and a time, in the OS locale and time zone (named in a repeated hour). */
export function formatDayTime(t: number): string {
  return dateText(repeated(t) ? formats.dayAndTimeWithZone : formats.dayAndTime, t)
}

/** Whether `t` falls in the hour the clocks go back where the expert is. */
function repeated(t: number): boolean {
  return inRepeatedHour(t, formats.display.timeZone)
}

/** "Tue 6 Jan". */
export function formatDay(t: number): string {
  return dateText(formats.dayOnly, t)
}

/**
 * "13:05" for a moment within half a day of `now`, either way, else "Tue 6 Jan, 13:05": a time
 * alone would name the wrong day for a moment long ago, or ahead after the clock stepped back.
 */
export function formatTimeNear(t: number, now: number): string {
  return Math.abs(now - t) > TIME_ALONE_WITHIN_MS ? formatDayTime(t) : formatTime(t)
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
  return dateText(formats.calendarDay, t)
}

/** A moment as the machine-readable value of a <time> element; empty for a moment no Date holds. */
export function isoTime(t: number): string {
  const date = new Date(t)
  return Number.isNaN(date.getTime()) ? '' : date.toISOString()
}

/**
 * "Tue 6 Jan, 07:05" in another time zone (the client's), with the zone named in its repeated hour;
 * null when this computer's time zone data does not know the zone (one newer than it), rather than
 * a time in some other zone.
 */
export function formatDayTimeIn(t: number, timeZone: string): string | null {
  const zoned = zonedFormats(timeZone)
  if (zoned === null) return null
  return dateText(inRepeatedHour(t, zoned.zone) ? zoned.withZone : zoned.plain, t)
}

/**
 * "Mon 5 Jan" in another time zone: a day the platform counted where the expert's profile says
 * they live (a week's Monday), which is another day here when this computer's zone lies west of
 * it. The day here when this computer's time zone data does not know the zone.
 */
export function formatDayIn(t: number, timeZone: string): string {
  const zoned = zonedFormats(timeZone)
  return dateText(zoned === null ? formats.dayOnly : zoned.day, t)
}

/** Another zone's formats, built once per zone (a bounded number); null for a zone Intl does not know. */
function zonedFormats(timeZone: string): ZonedFormats | null {
  let zoned = formats.zoned.get(timeZone)
  if (zoned === undefined) {
    try {
      const options = { ...DAY_AND_TIME, timeZone }
      const plain = new Intl.DateTimeFormat(formats.display.locale, options)
      zoned = {
        zone: plain.resolvedOptions().timeZone,
        plain,
        withZone: new Intl.DateTimeFormat(formats.display.locale, { ...options, ...WITH_ZONE }),
        day: new Intl.DateTimeFormat(formats.display.locale, { ...DAY_ONLY, timeZone }),
      }
    } catch {
      zoned = null
    }
    // Zones come from the platform, checked for their form only: a bounded cache, not one per name.
    if (formats.zoned.size < ZONED_FORMATS_KEPT) formats.zoned.set(timeZone, zoned)
  }
  return zoned
}

/**
 * "New York" from "America/New_York": how people name a time zone. A fixed-offset zone is named by
 * its offset the way people write it: IANA's "Etc/GMT+5" is five hours behind UTC, so "GMT+5"
 * would tell the expert the opposite of the client's time ("UTC-5").
 */
export function zoneCity(timeZone: string): string {
  const fixed = /^(?:Etc\/)?(?:GMT|UTC|UCT|Greenwich|Universal|Zulu)(?:([+-])(\d{1,2}))?0?$/i.exec(timeZone)
  if (fixed !== null) {
    const [, sign, hours] = fixed
    if (sign === undefined || hours === undefined || Number(hours) === 0) return 'UTC'
    return `UTC${sign === '+' ? '-' : '+'}${Number(hours)}`
  }
  // A legacy name whose last part is a region word ("US/Eastern", "Brazil/East", "Australia/North",
  // "GB") says no place: its zone's city does, when this computer's data knows the zone.
  const named = LEGACY_REGION_NAME.test(timeZone) ? (zonedFormats(timeZone)?.zone ?? timeZone) : timeZone
  const city = named.slice(named.lastIndexOf('/') + 1)
  return city.replaceAll('_', ' ')
}

/** IANA's backward names that are a region rather than a city (not "EST" or the POSIX-style "EST5EDT"). */
const LEGACY_REGION_NAME =
  /^(?!(?:EST|MST|HST)$)(?:(?:US|Canada|Brazil|Chile|Mexico)\/.+|Australia\/(?:ACT|NSW|North|South|West|Queensland|Victoria|Tasmania|LHI|Canberra|Yancowinna)|[A-Za-z]+(?:-[A-Za-z]+)?)$/

/** "45 sec", "4 min", "2 hr 5 min", "3 days", "2 yr": a length of time, rounded for reading at a glance. */
export function formatDuration(ms: number): string {
  const abs = showable(ms)
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
  if (abs < YEAR_MS) return unit('day').format(Math.round(abs / DAY_MS))
  return unit('year').format(Math.floor(abs / YEAR_MS))
}

/** "4:07" (minutes:seconds) under an hour, "1:04:07" above: a ticking timer, in the locale's digits. */
export function formatTimer(ms: number): string {
  const total = Math.floor(showable(ms) / 1000)
  const hours = Math.floor(total / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const seconds = total % 60
  const { timerPart, timerPart2 } = formats
  const mm = (hours > 0 ? timerPart2 : timerPart).format(minutes)
  const ss = timerPart2.format(seconds)
  return hours > 0 ? `${timerPart.format(hours)}:${mm}:${ss}` : `${mm}:${ss}`
}

/** A countdown: a ticking timer under an hour, a rounded duration beyond. */
export function formatCountdown(ms: number): string {
  const left = showable(ms)
  return left < HOUR_MS ? formatTimer(left) : formatDuration(left)
}

/** "just now", "3 minutes ago", "2 hours ago", "2 years ago", in the OS locale. */
export function formatAgo(ms: number): string {
  const abs = showable(ms)
  if (abs < 10_000) return formats.relative.format(0, 'second')
  if (abs < MINUTE_MS) return formats.relative.format(-Math.round(abs / 1000), 'second')
  if (abs < HOUR_MS) return formats.relative.format(-Math.floor(abs / MINUTE_MS), 'minute')
  if (abs < DAY_MS) return formats.relative.format(-Math.floor(abs / HOUR_MS), 'hour')
  if (abs < YEAR_MS) return formats.relative.format(-Math.floor(abs / DAY_MS), 'day')
  return formats.relative.format(-Math.floor(abs / YEAR_MS), 'year')
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
  const format = wallClockFormatOr(formats.display.timeZone)
  const dayOf = (t: number): number => {
    const w = wallClockAt(format, t)
    return Date.UTC(w.year, w.month - 1, w.day) / DAY_MS
  }
  return formats.relative.format(-(dayOf(now) - dayOf(at)), 'day')
}

/** "180 kB", "2.4 MB": an attachment's size. */
export function formatBytes(size: number): string {
  const bytes = showable(size, Number.MAX_SAFE_INTEGER)
  if (bytes < 1000) return unit('byte').format(bytes)
  if (bytes < 1_000_000) return unit('kilobyte').format(Math.round(bytes / 1000))
  if (bytes < 1_000_000_000) return unit('megabyte', 1).format(bytes / 1_000_000)
  return unit('gigabyte', 1).format(bytes / 1_000_000_000)
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

/** "$12.50", "-£10.00", "¥1,250": an amount as the display's locale writes its currency. */
export function formatAmount(money: Money): string {
  return formatMoney(money, formats.display.locale)
}
