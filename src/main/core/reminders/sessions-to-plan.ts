/**
 * Which sessions a plan of the reminders reads. Usually the first few hundred upcoming ones, which
 * reach days past the next reminder; but sessions left live long ago come first in that order, and
 * many may share one start, so the read doubles until it reaches past the moment a reminder of an
 * unread session could be due, up to a bound. The next plan starts at the size this one needed: from
 * the first size each time, a plan among thousands sharing one minute read them all several times.
 */
import type { Session } from '../../../shared/protocol'
import { REMINDER_MINUTES_BEFORE } from '../../../shared/rules/session-timing'
import type { CacheStore } from '../ports/cache-store'

/** How many upcoming sessions a plan reads at first; a busy expert has far fewer booked. */
const FIRST_READ = 500
/** The most a plan reads; the minute's check of the clock reads them again. */
const MOST_READ = 16 * FIRST_READ
/** How long before its start a session's first reminder falls due. */
const FIRST_REMINDER_MS = Math.max(...REMINDER_MINUTES_BEFORE) * 60_000

/** The sessions read, and when those left unread may have a reminder due (Infinity when none are left). */
export interface SessionsToPlan {
  readonly upcoming: ReadonlyArray<Session>
  readonly readAgainAt: number
}

/** The size of read that sufficed for each cache's last plan: where its next plan starts. */
const lastRead = new WeakMap<object, number>()

/** Every session whose reminders may be due at `now`, and when to read again for the rest. */
export function sessionsToPlan(cache: Pick<CacheStore, 'upcomingSessions'>, now: number): SessionsToPlan {
  for (let limit = lastRead.get(cache) ?? FIRST_READ; ; limit *= 2) {
    const upcoming = cache.upcomingSessions(now, limit)
    lastRead.set(cache, Math.min(limit, sufficingRead(upcoming, now)))
    const last = upcoming.at(-1)
    if (last === undefined || upcoming.length < limit) return { upcoming, readAgainAt: Infinity }
    // The sessions left unread start no earlier than the last one read.
    const readAgainAt = last.bookedStart - FIRST_REMINDER_MS
    if (readAgainAt > now) return { upcoming, readAgainAt }
    if (limit >= MOST_READ) return { upcoming, readAgainAt: Infinity }
  }
}

/**
 * The smallest read that would have reached past every session whose reminder may be due at `now`:
 * the sessions come by their start, so those after it wait. Not the size just read: with many booked
 * days ahead every read comes back full, and the size a busy minute needed would stay for good.
 */
function sufficingRead(upcoming: ReadonlyArray<Session>, now: number): number {
  const waiting = upcoming.findIndex((session) => session.bookedStart - FIRST_REMINDER_MS > now)
  const needed = (waiting === -1 ? upcoming.length : waiting) + 1
  let size = FIRST_READ
  while (size < needed) size *= 2
  return size
}
