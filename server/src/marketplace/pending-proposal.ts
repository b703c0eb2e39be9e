/**
 * A booked session's pending proposal of another time, as stored on its row. A session that leaves
 * `booked` (joined, cancelled ahead of time or by the system) lapses it in the same write, so no
 * event shows a started or cancelled session still waiting for the client's answer.
 */
import type { Reschedule } from '../../../src/shared/protocol'
import type { SessionRow } from '../store/platform-store'

/** The row's proposal while it waits for the client's answer; null when none does. */
export function pendingOf(row: SessionRow): Reschedule | null {
  if (row.reschedule === null) return null
  const reschedule = JSON.parse(row.reschedule) as Reschedule
  return reschedule.state === 'pending' ? reschedule : null
}

/** The stored proposal with a pending one marked lapsed at `now`, for a session that is leaving `booked`. */
export function lapsedReschedule(row: SessionRow, now: number): string | null {
  const pending = pendingOf(row)
  if (pending === null) return row.reschedule
  return JSON.stringify({ ...pending, state: 'lapsed', answeredAt: now } satisfies Reschedule)
}
