/**
 * Applying one batch of events to the cache (a replay page, or live events), and what the expert
 * hears of it: rooms not on the platform are dropped, the batch is one cache transaction, the
 * platform's own events vouch for the cursor (stream-reach.ts), unreadable ones are told (but for
 * those older than the rows of the last snapshot's later parts, which the cache keeps track of),
 * and the invites they open or close are shown or taken down. The sibling of whole-snapshot.ts.
 */
import type { ApplyResult, StreamEntry, UnreadableEvent } from '../ports/cache-store'
import type { ApplyTargets } from './apply-targets'
import { cacheWrite } from './catch-up-failures'
import { entriesWithExpiriesBounded } from './invite-expiry-bound'
import { entriesWithRoomsOnPlatform } from './rooms-on-platform'
import { skippedWhy } from './unreadable-notice'

/** Apply `events`; `behind` when more are known to follow (a catch-up page that is not the last). */
export function applyEventBatch(
  targets: ApplyTargets,
  events: ReadonlyArray<StreamEntry>,
  behind: boolean,
): ApplyResult {
  const { cache, invites, log } = targets
  const openBefore = invites.openBeforeEvents(events)
  const entries = entriesWithExpiriesBounded(
    entriesWithRoomsOnPlatform(events, targets.platformUrl, log),
    targets.platformTime.now(),
    log,
  )
  // Read before: the cache forgets it in the batch that passes it.
  const partsThrough = cache.partsThrough()
  // Unless more events follow, the batch's transaction also marks the first new invite shown.
  const showing = behind ? undefined : invites.showingAt()
  const result = cacheWrite(() => cache.applyEvents(entries, showing))
  const unshown =
    showing === undefined || result.unshown === undefined
      ? undefined
      : { invites: result.unshown, openAt: showing.openAt }
  if (result.applied.length + result.skipped.length > 0) targets.reach.applied(result.cursor)
  const told = passedOver(targets, result.skipped, partsThrough)
  if (told.length > 0) targets.unreadable.tell(told.length, skippedWhy(told))
  if (result.applied.length > 0) {
    try {
      // It marks the invites it shows after the first, so a full disk can stop it too.
      cacheWrite(() => invites.afterEvents(openBefore, result.applied, behind, unshown))
    } finally {
      // Told even then: the events are saved, so no replay brings them again, and the window,
      // the messages and the reminders would never hear of them. The invites are shown on the retry.
      targets.changes.emit({ kind: 'events', events: result.applied })
    }
  }
  return result
}

/** Why `event` was passed over, as the log says it. */
function skippedBecause(event: UnreadableEvent): string {
  if (event.platformFault === true) return event.problem
  if (event.malformed === true) return `it is malformed, a fault of the platform (${event.problem})`
  return `it could not be read (${event.problem})`
}

/**
 * Logs why each of `skipped` was passed over (once: the cache passes over an id once, however
 * often it arrives), and returns those the expert is told of: not an event older than rows a later
 * part of the last snapshot brought, taken up to `partsThrough`.
 *
 * A snapshot sent in parts is not taken at one moment: each part holds the platform as it stood
 * when that part was sent, and the joined snapshot keeps the first part's cursor
 * (snapshot-parts.ts). The events between that cursor and the newest part's are then older than
 * some rows a later part brought: an invite the expert accepted elsewhere meanwhile opens again,
 * a session that ended meanwhile is booked. Such an event is passed over, as any contradiction is,
 * but it is no fault of the platform, and the expert is not told it is.
 */
function passedOver(
  targets: ApplyTargets,
  skipped: ReadonlyArray<UnreadableEvent>,
  partsThrough: number,
): UnreadableEvent[] {
  return skipped.filter((e) => {
    if (e.olderThanRow !== true || e.id > partsThrough) {
      targets.skippedLog.error(`Skipped event ${e.id} from the platform: ${skippedBecause(e)}`)
      return true
    }
    targets.log.info(
      `Passed over event ${e.id}: a later part of the snapshot already held what came after it (${e.problem})`,
    )
    return false
  })
}
