/**
 * How the app writes a moment with its day ("Tue 6 Jan, 13:05"): the window, the notifications
 * and the tests that read them must agree, so the options live once, here.
 */

/** Weekday, day, month and time; the caller adds the locale and, where it is not the host's, the zone. */
export const DAY_AND_TIME: Readonly<Intl.DateTimeFormatOptions> = {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: 'numeric',
  minute: '2-digit',
}
