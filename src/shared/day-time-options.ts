/**
 * How the app writes a moment with its day ("Tue 6 Jan, 13:05"): the window, the notifications
 * and the tests that read them must agree, so the options live once, here.
 */
import { inRepeatedHour } from './repeated-hour'

/** Weekday, day, month and time; the caller adds the locale and, where it is not the host's, the zone. */
export const DAY_AND_TIME: Readonly<Intl.DateTimeFormatOptions> = {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: 'numeric',
  minute: '2-digit',
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
 * `t` in the host's locale and time zone by `options`, with the zone named when `t` falls in the
 * hour the clocks go back there; "an unknown time" for a moment no Date holds, where Intl throws.
 */
export function hostTimeText(t: number, options: Readonly<Intl.DateTimeFormatOptions>): string {
  if (Number.isNaN(new Date(t).getTime())) return 'an unknown time'
  const plain = new Intl.DateTimeFormat(undefined, options)
  if (!inRepeatedHour(t, plain.resolvedOptions().timeZone)) return plain.format(t)
  return new Intl.DateTimeFormat(undefined, { ...options, ...WITH_ZONE }).format(t)
}
