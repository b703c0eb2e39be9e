/**
 * The platform bills one client at a time: it refuses Start billing while another of the expert's
 * sessions bills, so the card says so before the press rather than after.
 */
import type { Session } from '../../shared/protocol/entities'

/** The expert's other live session that bills now, or null. */
export function billingElsewhere(sessions: ReadonlyArray<Session>, sessionId: string): Session | null {
  return (
    sessions.find(
      (other) =>
        other.id !== sessionId &&
        other.state === 'live' &&
        other.phase === 'billable' &&
        other.billingStartedAt !== null,
    ) ?? null
  )
}
