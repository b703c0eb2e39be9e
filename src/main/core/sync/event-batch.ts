/**
 * Applying one batch of events to the cache (a replay page, or live events), and what the expert
 * hears of it: rooms not on the platform are dropped, the batch is one cache transaction, the
 * platform's own events vouch for the cursor (stream-reach.ts), unreadable ones are told, and the
 * invites they open or close are shown or taken down. The sibling of whole-snapshot.ts.
 */
import type { ApplyResult, StreamEntry } from '../ports/cache-store'
import type { ApplyTargets } from './apply-targets'
import { cacheWrite } from './catch-up-failures'
import { entriesWithRoomsOnPlatform } from './rooms-on-platform'

/** Apply `events`; `behind` when more are known to follow (a catch-up page that is not the last). */
export function applyEventBatch(
  targets: ApplyTargets,
  events: ReadonlyArray<StreamEntry>,
  behind: boolean,
): ApplyResult {
  const { cache, invites, log } = targets
  const openBefore = invites.openBeforeEvents(events)
  const entries = entriesWithRoomsOnPlatform(events, targets.platformUrl, log)
  const result = cacheWrite(() => cache.applyEvents(entries))
  if (result.applied.length + result.skipped.length > 0) targets.reach.applied(result.cursor)
  if (result.skipped.length > 0)
    targets.unreadable.tell(
      result.skipped.length,
      result.skipped.every((e) => e.platformFault === true),
    )
  if (result.applied.length > 0) {
    try {
      // It marks the invites it shows, so a full disk can stop it too.
      cacheWrite(() => invites.afterEvents(openBefore, result.applied, behind))
    } finally {
      // Told even then: the events are saved, so no replay brings them again, and the window,
      // the messages and the reminders would never hear of them. The invites are shown on the retry.
      targets.changes.emit({ kind: 'events', events: result.applied })
    }
  }
  return result
}
