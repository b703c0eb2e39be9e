/**
 * Whether one proposed time can be booked, as the card shows it: past by the platform's clock (the
 * platform refuses it, so Book is off), or overlapping sessions already booked (flagged; the
 * platform refuses it too, and its sentence says which session).
 */
import type { Session } from '../../shared/protocol/entities'
import { proposedTimePassed } from '../../shared/rules/invite-open'
import { conflictingSessions } from '../../shared/rules/session-overlap'

/** What the card says about one proposed time. */
export interface ProposedTimeStatus {
  /** The time has come by the platform's clock: it can no longer be booked. */
  readonly past: boolean
  readonly conflicts: ReadonlyArray<Session>
}

/** The status of `time` at the platform's `now`, among the expert's `booked` sessions. */
export function proposedTimeStatus(
  time: number,
  durationMinutes: number,
  now: number,
  booked: ReadonlyArray<Session>,
): ProposedTimeStatus {
  // The platform refuses such a time; the card says so from the same moment.
  return {
    past: proposedTimePassed(time, now),
    conflicts: conflictingSessions(time, durationMinutes, booked),
  }
}

const MINUTE_MS = 60_000

/** The minute a time is written as: the card's rows are one per minute, keyed by it. */
export function minuteOf(time: number): number {
  return Math.floor(time / MINUTE_MS)
}

/**
 * `times` (in order) with one time for each minute: the first not passed at the platform's `now`,
 * else the first. The card writes a time to the minute, so times of one minute would stand as rows
 * and Book buttons that read alike, and no expert can choose between them; the platform books the
 * one pressed, so a minute whose first time has gone while a later one has not is still bookable.
 */
export function onePerMinute(times: ReadonlyArray<number>, now: number): ReadonlyArray<number> {
  const chosen: number[] = []
  for (const time of times) {
    const last = chosen.length - 1
    if (last < 0 || minuteOf(chosen[last]!) !== minuteOf(time)) chosen.push(time)
    else if (proposedTimePassed(chosen[last]!, now) && !proposedTimePassed(time, now)) chosen[last] = time
  }
  return chosen
}
