/**
 * The tray's line for the next booked session ("Query plan · in 25 min") and when that line next
 * changes, both from the platform's time, so the tray's countdown agrees with the window's.
 */
import {
  freshHostFormats,
  hostTimeOfDay,
  hostTimeText,
  sameHostDay,
  type HostFormats,
  type TimeOfDayOptions,
} from '../../../shared/day-time-options'
import type { Session } from '../../../shared/protocol'
import { hostUnitFormats, lengthWords, type UnitFormats } from '../../../shared/length-words'
import { titleInSentence } from '../../../shared/sentence-parts'

const MINUTE_MS = 60_000

/** What the countdown reads of a session. */
export type CountdownSession = Pick<Session, 'bookedStart' | 'state'> & {
  readonly request: Pick<Session['request'], 'title'>
}

/**
 * "<title> · in 25 min", "· in 2 hr 5 min", "· in 3 days", "· in 2 yr", in the words and the
 * host's locale the window's countdown uses (shared/length-words.ts); "· starting now" from the
 * booked time on, "· in session" once live. Minutes round up, so it never says "in 0 min" early.
 */
export function sessionCountdown(
  session: CountdownSession,
  now: number,
  units: UnitFormats = hostUnitFormats,
): string {
  // The title is cut, not the countdown: a tooltip or a menu line that cuts the end loses the time.
  return `${titleInSentence(session.request.title)} · ${countdown(session, now, units)}`
}

/**
 * The same line for a menu that must not change every minute (a Linux tray closes its menu when it
 * is replaced): when the session starts, "<title> · at 14:30", "· Tue 9 Dec, 09:00" on another
 * day; "· starting now" and "· in session" as the countdown says them. It changes at most at the
 * start, at midnight and once live. Times are written by `formats`, in the zone the host follows
 * when they are built: a formatter kept from the start would write the zone the expert left.
 */
export function sessionStartLine(
  session: CountdownSession,
  now: number,
  formats: HostFormats = freshHostFormats,
): string {
  if (session.state === 'live' || session.bookedStart <= now) return sessionCountdown(session, now)
  return `${titleInSentence(session.request.title)} · ${startsAt(session.bookedStart, now, formats)}`
}

const TIME: TimeOfDayOptions = { hour: '2-digit', minute: '2-digit' }
const DAY_AND_TIME: Readonly<Intl.DateTimeFormatOptions> = {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
}

/**
 * "at 14:30" today (the platform's day, in the zone the times are written in), the day and the time
 * on another; with the zone's name in the hour the clocks go back, whose times name two moments.
 */
function startsAt(start: number, now: number, formats: HostFormats): string {
  return sameHostDay(start, now, formats)
    ? `at ${hostTimeOfDay(start, TIME, formats)}`
    : hostTimeText(start, DAY_AND_TIME, now, formats)
}

function countdown(session: CountdownSession, now: number, units: UnitFormats): string {
  if (session.state === 'live') return 'in session'
  const left = session.bookedStart - now
  // A time no clock could read (NaN from a bad clock) says nothing it cannot know.
  if (Number.isNaN(left)) return 'time unknown'
  if (left <= 0) return 'starting now'
  return `in ${lengthWords(left, units, 'countdown')}`
}

/**
 * Milliseconds until the line may read differently, or null when only a change to the session
 * can change it (a live one). Past its start a booked session is looked at every minute, so the
 * tray lets go of it once the platform's grace has passed.
 */
export function countdownChangesIn(session: CountdownSession, now: number): number | null {
  if (session.state === 'live') return null
  const left = session.bookedStart - now
  // A clock that reads NaN or no finite time is looked at again each minute, as past the start.
  if (left <= 0 || !Number.isFinite(left)) return MINUTE_MS
  return left % MINUTE_MS === 0 ? MINUTE_MS : left % MINUTE_MS
}
