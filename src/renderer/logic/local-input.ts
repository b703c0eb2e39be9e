/**
 * A datetime-local field's value ("2026-03-08T02:30") and the moments it names where the expert
 * is. The browser's own reading (new Date(value)) moves a time the clocks skip an hour on, and of
 * a time they repeat takes one without saying so; here both are read in the display's zone, so
 * the form can say so or let the expert choose.
 */
import {
  momentsAtWallClock,
  offsetAt,
  wallClockAsUtc,
  wallClockAt,
  wallClockFormatOr,
} from '../../shared/zone-offset'
import { currentDisplay } from './format'

const DAY_MS = 24 * 60 * 60_000
const INPUT_VALUE = /^(\d{4,6})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?$/

const pad = (n: number, width = 2): string => String(n).padStart(width, '0')

/** The value of a datetime-local field for `t` in `timeZone` ("2026-03-03T14:00"). */
export function localInputValue(t: number, timeZone: string = currentDisplay().timeZone): string {
  if (Number.isNaN(new Date(t).getTime())) return ''
  // A zone this computer's data does not know: the runtime's own zone, as the field itself reads.
  const w = wallClockAt(wallClockFormatOr(timeZone), t)
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`
}

/** What a datetime-local value names in a zone. */
export type LocalInputMoments =
  /** Not a date and time at all (empty, or a day no calendar has). */
  | { readonly kind: 'invalid' }
  /** A time the clocks skip that day: `near` is where the browser would have put it, an hour on. */
  | { readonly kind: 'skipped'; readonly near: number; readonly wallTime: string }
  /** One moment, or two (earliest first) in the hour the clocks go back. */
  | { readonly kind: 'moments'; readonly moments: ReadonlyArray<number> }

/** The moments a datetime-local `value` names in `timeZone`. */
export function momentsOfInput(
  value: string,
  timeZone: string = currentDisplay().timeZone,
): LocalInputMoments {
  const match = INPUT_VALUE.exec(value)
  if (match === null) return { kind: 'invalid' }
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ]
  const wall = { year, month, day, hour, minute, second }
  const asUtc = wallClockAsUtc(wall)
  // A day no calendar has (30 February, month 13) rolls over: it names nothing.
  const rolled = new Date(asUtc)
  const exists = rolled.getUTCMonth() === month - 1 && rolled.getUTCDate() === day
  if (Number.isNaN(asUtc) || !exists || hour > 23 || minute > 59 || second > 59) return { kind: 'invalid' }
  const format = wallClockFormatOr(timeZone)
  const moments = momentsAtWallClock(format, wall)
  if (moments.length > 0) return { kind: 'moments', moments }
  // Read with the offset before the change, as the browser reads it: the wall clock an hour on.
  const near = asUtc - offsetAt(format, asUtc - DAY_MS)
  return { kind: 'skipped', near, wallTime: `${pad(hour)}:${pad(minute)}` }
}
