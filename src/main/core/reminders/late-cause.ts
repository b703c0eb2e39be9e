/**
 * Why a reminder is found only after its moment, which its text says: the expert was away (the
 * computer slept, Standby was closed, no one was signed in), or the platform's clock, read anew,
 * moved past it while Standby ran.
 */
import type { LateCause } from './reminder-texts'

/** The platform times a late moment is compared with; null where there was none yet. */
export interface AwayMarks {
  /** When this run began, in platform time. */
  readonly startedAt: number
  /** The last wake, reported or found. */
  readonly wokeAt: number | null
  /** The first plan after a time with no one signed in. */
  readonly backAt: number | null
}

/**
 * A moment before the last wake, before this run began or before the expert signed in again
 * passed while the computer slept, Standby was closed or no one was signed in; one after all
 * passed while Standby ran, so it was the platform's clock,
 * read anew, that moved past it (a measurement after a guess, the platform's clock set forward).
 */
export function lateCauseOf(dueAt: number, away: AwayMarks): LateCause {
  const before = (t: number | null): boolean => t !== null && dueAt < t
  return dueAt < away.startedAt || before(away.wokeAt) || before(away.backAt) ? 'away' : 'clock'
}
