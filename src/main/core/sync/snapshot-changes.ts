/**
 * What a snapshot changed that the expert would have been told live: a booked or live session
 * the cache held whose state it brings changed (the client cancelled it, answered a new time,
 * joined). The reminders tell such a change once, as they tell the event that brings it; a
 * session new to the cache was never the expert's to hear about here, so it is not compared.
 */
import type { Session } from '../../../shared/protocol'
import type { CacheStore } from '../ports/cache-store'

/** The most booked and live sessions compared across a snapshot; an expert has far fewer. */
const MOST_COMPARED = 1_000

/** The booked and live sessions the cache holds, read before a snapshot replaces them. */
export function heldSessions(cache: CacheStore): ReadonlyArray<Session> {
  // From the start of time: a session long past that the platform cancelled meanwhile is news too.
  return cache.upcomingSessions(0, MOST_COMPARED)
}

/** Of the sessions held before a snapshot, the ids of those it changed and still holds. */
export function changedBySnapshot(before: ReadonlyArray<Session>, cache: CacheStore): ReadonlyArray<string> {
  return before
    .filter((held) => {
      const now = cache.session(held.id)
      return now !== null && (now.state !== held.state || now.updatedAt !== held.updatedAt)
    })
    .map((held) => held.id)
}
