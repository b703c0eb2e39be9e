/**
 * Applying a whole snapshot to the cache, and what the expert hears of it: the shown invites it no
 * longer holds are taken down, and the sessions it changed are told, as their events would have
 * been. New invites wait for the replay after it, which may close some of them. One whose cursor is
 * far past the stream the platform has shown is refused (stream-reach.ts). Also: which caches start
 * a catch-up from a snapshot whatever their cursor, and marking one to. The sibling of event-batch.ts.
 */
import type { CacheStore } from '../ports/cache-store'
import type { Logger } from '../ports/logger'
import type { ApplyTargets } from './apply-targets'
import type { AssemblyStep } from './snapshot-assembly'
import { cacheWrite } from './catch-up-failures'
import { snapshotKeepingLeftOut } from './left-out-entities'
import { snapshotWithExpiriesBounded } from './invite-expiry-bound'
import { snapshotWithRoomsOnPlatform } from './rooms-on-platform'
import { changedBySnapshot, heldSessions } from './snapshot-changes'
import {
  loggedDifferingCopies,
  snapshotWithOnePerRequest,
  snapshotWithoutOthersRows,
  snapshotWithoutTakenInvites,
} from './snapshot-contradictions'

/**
 * Whether a catch-up starts from a snapshot whatever the cursor. An empty cache (first sign-in, or
 * rebuilt after damage) does: a snapshot carries the expert and today's state at once instead of
 * the whole history. So does a cursor without a digest: a cache from before digests, or one at
 * cursor 0 from a platform that gives no start digest, cannot prove which history it followed,
 * and the snapshot brings the digest. A cursor of 0 with the start's digest (an expert with no
 * event yet) replays from the start like any other: the platform checks the digest. So does a cache
 * whose last snapshot left entities out as too large, after a restart too: the cursor went on past
 * them, and no event need follow when the platform mends one.
 */
export function startsFromSnapshot(cache: CacheStore): boolean {
  return cache.expert() === null || cache.cursorDigest() === null || cache.snapshotLeftOut()
}

/**
 * Have the next catch-up start from a snapshot after a restart too: a rebuild asked for because
 * the cursor cannot be right (stream-reach.ts) is otherwise known to this run only, and Standby
 * stopped before the snapshot came would go on from that cursor, passing over for good the events
 * of the platform's history it holds. Kept in memory all the same when the write fails.
 */
export function rebuildAfterRestartToo(cache: CacheStore, log: Logger): void {
  try {
    cache.forgetCursorDigest()
  } catch (error) {
    log.error('Could not mark the offline cache to be rebuilt on the next start', error)
  }
}

/**
 * Replace the cache with the whole snapshot (`skipped` entities of it unreadable, `leftOut` too
 * large to send, `differing` ids sent twice unlike, its parts taken up to `partsThrough`), and tell
 * the change.
 */
export function applyWholeSnapshot(
  targets: ApplyTargets,
  { snapshot: whole, skipped, partsThrough, differing, leftOut }: Extract<AssemblyStep, { kind: 'whole' }>,
): void {
  const { cache, invites, log, reach } = targets
  const problem = reach.snapshotProblem(whole.cursor)
  // Applied, it would pass every real event after it over as a duplicate; tried again after the wait.
  if (problem !== null) throw new Error(problem)
  const openBefore = invites.openBeforeSnapshot()
  const sessionsBefore = heldSessions(cache)
  // A part marked far past the stream (a platform's slip) vouches for no spread: kept, it would
  // keep every contradiction after it from being told, for good.
  const through = reach.snapshotProblem(partsThrough) === null ? partsThrough : whole.cursor
  // Parts taken as the platform went on: a later part's session may have taken an earlier part's invite.
  const spread = through > whole.cursor
  const repeated = loggedDifferingCopies(differing, log)
  const ours = snapshotWithoutOthersRows(snapshotKeepingLeftOut(whole, leftOut, cache, log), log)
  const single = snapshotWithOnePerRequest(ours.snapshot, log, {
    invite: (id) => cache.invite(id) !== null,
    session: (id) => cache.session(id) !== null,
  })
  const consistent = snapshotWithoutTakenInvites(single.snapshot, log, spread)
  const snapshot = snapshotWithExpiriesBounded(
    snapshotWithRoomsOnPlatform(consistent.snapshot, targets.platformUrl, log),
    targets.platformTime.now(),
    log,
  )
  // How far its parts ran, and whether any entity was left out, are kept with it: a restart must still know.
  cacheWrite(() => cache.applySnapshot(snapshot, through, leftOut.length > 0))
  log.info(`Rebuilt the cache from a platform snapshot at event ${whole.cursor}`)
  // One notice for all: it says the platform is at fault only when nothing was left unread.
  const contradictions = repeated + ours.left + single.left + (spread ? 0 : consistent.left)
  const passedOver = skipped + leftOut.length + contradictions
  // Too large for any honest message is the platform's fault, as a contradiction is: no update mends it.
  const why = skipped > 0 ? 'unread' : leftOut.length > 0 ? 'malformed' : 'contradiction'
  if (passedOver > 0) targets.unreadable.tell(passedOver, why)
  invites.afterSnapshot(openBefore)
  targets.changes.emit({ kind: 'replaced', changedSessions: changedBySnapshot(sessionsBefore, cache) })
  reach.snapshotApplied(whole.cursor)
}
