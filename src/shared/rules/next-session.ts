/**
 * Which booked or live session comes next, for the tray's "Next:" line and the window's lists. A
 * live session whose expected length has long run out is one the platform never said ended (a
 * lost end, a session left open): it still reads as live, but it is not what the expert is in
 * now, so it goes after the sessions still to come and points no countdown at itself.
 */
import type { Session } from '../protocol/entities'

/** How long past its expected end a live session is still taken as the one the expert is in. */
export const LIVE_OVERRUN_MS = 2 * 60 * 60_000

/** What the rule reads of a session. */
export type OrderedSession = Pick<Session, 'state' | 'bookedStart' | 'expertJoinedAt'> & {
  readonly request: Pick<Session['request'], 'expectedDurationMinutes'>
}

/** When a live session stops being taken as the one the expert is in now. */
export function liveLongAgoFrom(session: OrderedSession): number {
  const started = Math.max(session.bookedStart, session.expertJoinedAt ?? session.bookedStart)
  // A request from a platform that sends no length counts as the shortest, plus the overrun.
  const expected = Number.isFinite(session.request.expectedDurationMinutes)
    ? session.request.expectedDurationMinutes * 60_000
    : 0
  return started + expected + LIVE_OVERRUN_MS
}

/** A live session started so long ago that its expected end and a generous overrun have passed. */
export function liveLongAgo(session: OrderedSession, now: number): boolean {
  return session.state === 'live' && now >= liveLongAgoFrom(session)
}

/**
 * Booked and live sessions in the order the expert looks for the next one: the live ones still
 * running and those to come in the order given (the cache's: live first, then soonest), then the
 * live ones left long ago.
 */
export function nextSessionsFirst<T extends OrderedSession>(sessions: ReadonlyArray<T>, now: number): T[] {
  return [...sessions.filter((s) => !liveLongAgo(s, now)), ...sessions.filter((s) => liveLongAgo(s, now))]
}
