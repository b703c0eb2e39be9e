/**
 * How the app writes a moment with its day ("Tue 6 Jan, 13:05"): the window, the notifications
 * and the tests that read them must agree, so the options live once, here.
 */
import { inRepeatedHour } from './repeated-hour'
import { wallClockAt, wallClockFormat } from './zone-offset'

/** Weekday, day, month and time; the caller adds the locale and, where it is not the host's, the zone. */
export const DAY_AND_TIME: Readonly<Intl.DateTimeFormatOptions> = {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: 'numeric',
  minute: '2-digit',
}

/** Added to a day's options for a moment outside the current year: "Tue 6 Jan 2031, 13:05". */
export const WITH_YEAR: Readonly<Intl.DateTimeFormatOptions> = { year: 'numeric' }

/**
 * Whether a day shown for `t` needs its year: `t` falls in another year than `now` (the platform's
 * time, as the app keeps it) where `timeZone` says (undefined: the host's zone). A date next year,
 * or in 2031, read without its year as if it were this year's.
 */
export function needsYear(t: number, now: number, timeZone: string | undefined): boolean {
  if (Number.isNaN(new Date(t).getTime()) || Number.isNaN(new Date(now).getTime())) return false
  const format = wallClockFormat(timeZone) ?? wallClockFormat(undefined)
  if (format === null) return false
  return wallClockAt(format, t).year !== wallClockAt(format, now).year
}

/** Added to a time's options to name its zone ("EST"), where the time alone names two moments. */
export const WITH_ZONE: Readonly<Intl.DateTimeFormatOptions> = { timeZoneName: 'short' }

/** A time of day with its zone's name: `timeStyle` cannot take a zone name, so hour and minute. */
export const SHORT_TIME_WITH_ZONE: Readonly<Intl.DateTimeFormatOptions> = {
  hour: 'numeric',
  minute: '2-digit',
  ...WITH_ZONE,
}

/**
 * The host's formatter for some options. Built afresh by default: the window's Chromium follows
 * the OS's time zone with no word to the page, so a kept one could write the zone left. An owner
 * told of each change of the zone may keep them (main/core/kept-host-formats.ts).
 */
export type HostFormats = (options: Readonly<Intl.DateTimeFormatOptions>) => Intl.DateTimeFormat

/** A formatter built now, in the zone the host follows now. */
export const freshHostFormats: HostFormats = (options) => new Intl.DateTimeFormat(undefined, options)

/**
 * `t` in the host's locale and time zone by `options`, with the zone named when `t` falls in the
 * hour the clocks go back there, and the year where a day is shown outside `now`'s year. `now` is
 * the platform's time, given by every caller: by the computer's clock, a day this year would show
 * a year, or a day next year none, whenever that clock is set across New Year. "An unknown time"
 * for a moment no Date holds, where Intl throws.
 */
export function hostTimeText(
  t: number,
  options: Readonly<Intl.DateTimeFormatOptions>,
  now: number,
  formats: HostFormats = freshHostFormats,
): string {
  if (Number.isNaN(new Date(t).getTime())) return 'an unknown time'
  const zone = formats(options).resolvedOptions().timeZone
  const dated =
    options.month !== undefined && needsYear(t, now, zone) ? { ...options, ...WITH_YEAR } : options
  return written(t, dated, zone, formats)
}

/** Options that write a time of day and name no day: no year to judge. */
export type TimeOfDayOptions = Readonly<
  Pick<Intl.DateTimeFormatOptions, 'hour' | 'minute' | 'second' | 'hour12' | 'hourCycle' | 'timeZoneName'>
>

/** `t`'s time of day alone by `options` (which name no day, so no year): as hostTimeText writes it. */
export function hostTimeOfDay(
  t: number,
  options: TimeOfDayOptions,
  formats: HostFormats = freshHostFormats,
): string {
  if (Number.isNaN(new Date(t).getTime())) return 'an unknown time'
  return written(t, options, formats(options).resolvedOptions().timeZone, formats)
}

/** Whether `t` and `now` fall on one calendar day in the zone `formats` write in (the host's). */
export function sameHostDay(t: number, now: number, formats: HostFormats = freshHostFormats): boolean {
  const format = wallClockFormat(formats(SAME_DAY).resolvedOptions().timeZone) ?? wallClockFormat(undefined)
  if (format === null || Number.isNaN(new Date(t).getTime()) || Number.isNaN(new Date(now).getTime()))
    return false
  const [a, b] = [wallClockAt(format, t), wallClockAt(format, now)]
  return a.year === b.year && a.month === b.month && a.day === b.day
}

const SAME_DAY: Readonly<Intl.DateTimeFormatOptions> = { day: 'numeric' }

function written(
  t: number,
  options: Readonly<Intl.DateTimeFormatOptions>,
  zone: string,
  formats: HostFormats,
): string {
  if (!inRepeatedHour(t, zone)) return formats(options).format(t)
  return formats({ ...options, ...WITH_ZONE }).format(t)
}

/** Within this of now, either way, a time of day alone names the right day; beyond it, the day goes with it. */
export const TIME_ALONE_WITHIN_MS = 12 * 60 * 60_000

const SHORT_TIME: TimeOfDayOptions = { hour: '2-digit', minute: '2-digit' }

/** The host's own short time of day ("14:10"), in its locale and time zone (named in a repeated hour). */
export function localShortTime(t: number, formats?: HostFormats): string {
  return hostTimeOfDay(t, SHORT_TIME, formats)
}

/**
 * The host's short time for a moment within half a day of `now`, else its day and time: "last
 * synced 14:05" for a sync three days ago would name today.
 */
export function localTimeNear(t: number, now: number, formats?: HostFormats): string {
  return Math.abs(now - t) > TIME_ALONE_WITHIN_MS
    ? hostTimeText(t, DAY_AND_TIME, now, formats)
    : localShortTime(t, formats)
}
