/**
 * Whether a proposed time collides with a session the expert has already booked. The platform
 * refuses such a booking and the app flags the time beforehand, by this one rule.
 */
import type { Session } from '../protocol/entities'

const MINUTE_MS = 60_000

/** The booked or live sessions whose time overlaps [start, start + durationMinutes); touching ends do not. */
export function conflictingSessions(
  start: number,
  durationMinutes: number,
  sessions: ReadonlyArray<Session>,
): ReadonlyArray<Session> {
  const end = start + durationMinutes * MINUTE_MS
  return sessions.filter((session) => {
    if (session.state !== 'booked' && session.state !== 'live') return false
    const sessionEnd = session.bookedStart + session.request.expectedDurationMinutes * MINUTE_MS
    return session.bookedStart < end && start < sessionEnd
  })
}
