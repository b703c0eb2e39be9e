/**
 * The locale and time zone the page formats in, and the formatters built for them: the OS's
 * defaults, or what the host names with `setDisplay` when it pre-renders the first frame in Node.
 * What is written with them: format.ts (times of day), format-zones.ts (other time zones),
 * format-lengths.ts (lengths of time).
 */
import {
  DAY_AND_TIME,
  needsYear,
  SHORT_TIME_WITH_ZONE,
  WITH_YEAR,
  WITH_ZONE,
} from '../../shared/day-time-options'

/** A day alone: "Tue 6 Jan". */
export const DAY_ONLY: Readonly<Intl.DateTimeFormatOptions> = {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
}

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

/**
 * The formatters of one (usable) display, each built once, on its first use: they are costly to
 * build (each new set of options costs the locale's patterns) and used for every row, and the
 * page's first commit, which brings the window to life, needs none of them.
 */
function formattersFor(display: Display) {
  const { locale, timeZone } = display
  const dateTime = (options: Intl.DateTimeFormatOptions) => () =>
    new Intl.DateTimeFormat(locale, { ...options, timeZone })
  return builtOnFirstUse({
    display: () => resolve(locale, timeZone),
    shortTime: dateTime({ timeStyle: 'short' }),
    dayAndTime: dateTime(DAY_AND_TIME),
    // For the hour the clocks go back, whose times name two moments (shared/repeated-hour.ts).
    shortTimeWithZone: dateTime(SHORT_TIME_WITH_ZONE),
    dayAndTimeWithZone: dateTime({ ...DAY_AND_TIME, ...WITH_ZONE }),
    dayOnly: dateTime(DAY_ONLY),
    // The same, for a day outside the current year, which must say which year it is in.
    dayAndTimeInYear: dateTime({ ...DAY_AND_TIME, ...WITH_YEAR }),
    dayAndTimeWithZoneInYear: dateTime({ ...DAY_AND_TIME, ...WITH_ZONE, ...WITH_YEAR }),
    dayOnlyInYear: dateTime({ ...DAY_ONLY, ...WITH_YEAR }),
    calendarDay: dateTime({ year: 'numeric', month: '2-digit', day: '2-digit' }),
    relative: () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }),
    zoned: () => new Map<string, ZonedFormats | null>(),
    units: () => new Map<string, Intl.NumberFormat>(),
    // A ticking timer's parts in the locale's own digits ("٤:٠٧" in Arabic), as its dates have them.
    timerPart: () => new Intl.NumberFormat(locale, { useGrouping: false }),
    timerPart2: () => new Intl.NumberFormat(locale, { useGrouping: false, minimumIntegerDigits: 2 }),
  })
}

/** An object whose every property is `build`'s value of the same name, built when first read. */
function builtOnFirstUse<T extends Record<string, unknown>>(build: {
  readonly [K in keyof T]: () => T[K]
}): T {
  const built = {} as T
  for (const key of Object.keys(build) as Array<keyof T>) {
    Object.defineProperty(built, key, {
      enumerable: true,
      get() {
        const value = build[key]()
        Object.defineProperty(built, key, { value, enumerable: true })
        return value
      },
      configurable: true,
    })
  }
  return built
}

function resolve(locale: string | undefined, timeZone: string | undefined): Required<Display> {
  const resolved = new Intl.DateTimeFormat(locale, { timeZone }).resolvedOptions()
  return { locale: resolved.locale, timeZone: resolved.timeZone }
}

/** What the display was asked to be (usable): the host's own locale and zone where unnamed. */
let asked: Display = {}
let formats = formattersFor(asked)
const displayListeners = new Set<() => void>()

/** One other zone's day formats: as usual, and with the zone named for a repeated hour. */
export interface ZonedDayFormats {
  readonly plain: Intl.DateTimeFormat
  readonly withZone: Intl.DateTimeFormat
  readonly day: Intl.DateTimeFormat
}

/** One other zone's day formats, and the same with the year for a day outside the current year. */
export interface ZonedFormats extends ZonedDayFormats {
  /** The zone as Intl resolved the name (a link such as "US/Eastern" to its zone). */
  readonly zone: string
  readonly inYear: ZonedDayFormats
}

/**
 * The platform's time as the page keeps it (store/host-clock.ts): which year is the current one,
 * so a day outside it shows its year. The page's own clock until the host's is followed.
 */
let currentTime: () => number = () => Date.now()

/** Decide the current year by `now` from here on (the services, once they follow the host's clock). */
export function setCurrentTime(now: () => number): void {
  currentTime = now
}

/**
 * Whether a day shown for `t` needs its year where `timeZone` says (the display's unless named),
 * judged by `now` where the caller is given one, else by the current time the page keeps.
 */
export function dayNeedsYear(
  t: number,
  timeZone: string = formats.display.timeZone,
  now: number = currentTime(),
): boolean {
  return needsYear(t, now, timeZone)
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

/** The formatters of the display in use: read afresh at each use, as the display may change. */
export function formatters(): ReturnType<typeof formattersFor> {
  return formats
}

/** The locale's short unit format ("4 min", "180 kB"), built once per unit and precision. */
export function unit(name: string, maximumFractionDigits = 0): Intl.NumberFormat {
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

/** A quantity made fit to show: never negative, NaN or infinite (shared/length-words.ts). */
export { showable } from '../../shared/length-words'

/** What a moment no Date can hold (NaN, past year 275760) reads as, where Intl would throw. */
export const UNKNOWN_TIME = 'an unknown time'

/** `t` written by `format`, or UNKNOWN_TIME: one bad time must not take the whole window down. */
export function dateText(format: Intl.DateTimeFormat, t: number): string {
  return Number.isNaN(new Date(t).getTime()) ? UNKNOWN_TIME : format.format(t)
}
