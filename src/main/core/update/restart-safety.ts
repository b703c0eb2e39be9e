/**
 * When an update may restart the app: never while a session is live, nor within a margin before
 * or after a booked one's start (the expert may be joining, and the platform cancels a session
 * nobody joined), so a restart can never cost a session.
 */
import type { Session } from '../../../shared/protocol/entities'

/** How far from a booked session's start a restart stays away. */
export const SESSION_MARGIN_MS = 15 * 60_000

/** Whether a restart is safe now; if not, why, and when it may become safe by time alone. */
export type RestartSafety =
  | { readonly safe: true }
  | {
      readonly safe: false
      /** A sentence for the expert. */
      readonly because: string
      /** When the held sessions stop holding it by the clock; null while one is live. */
      readonly until: number | null
    }

/** Decide from the booked and live sessions, at `now` on the platform's clock. */
export function restartSafety(
  now: number,
  sessions: ReadonlyArray<Session>,
  formatTime: (t: number) => string,
): RestartSafety {
  if (sessions.some((session) => session.state === 'live')) {
    return {
      safe: false,
      because: 'A session is live: the update waits until it has ended.',
      until: null,
    }
  }
  const near = sessions.filter(
    (session) => session.state === 'booked' && Math.abs(session.bookedStart - now) <= SESSION_MARGIN_MS,
  )
  if (near.length === 0) return { safe: true }
  const first = Math.min(...near.map((session) => session.bookedStart))
  const until = Math.max(...near.map((session) => session.bookedStart)) + SESSION_MARGIN_MS
  return {
    safe: false,
    because: `A session is booked at ${formatTime(first)}: the update waits until 15 minutes after its start, or until it has ended.`,
    until,
  }
}
