/**
 * Applying a whole snapshot to the cache, and what the expert hears of it: the shown invites it no
 * longer holds are taken down, and the sessions it changed are told, as their events would have
 * been. New invites wait for the replay after it, which may close some of them.
 */
import type { Snapshot } from '../../../shared/protocol'
import type { CacheStore } from '../ports/cache-store'
import type { Logger } from '../ports/logger'
import type { CacheUpdate } from './cache-push'
import { cacheWrite } from './catch-up-failures'
import type { InviteAlerts } from './invite-alerts'
import { snapshotWithRoomsOnPlatform } from './rooms-on-platform'
import { changedBySnapshot, heldSessions } from './snapshot-changes'
import { snapshotWithoutTakenInvites } from './snapshot-contradictions'
import type { UnreadableNotice } from './unreadable-notice'

/** What applying a snapshot goes through. */
export interface SnapshotTargets {
  readonly cache: CacheStore
  readonly invites: InviteAlerts
  readonly unreadable: UnreadableNotice
  readonly log: Logger
  /** The platform signed in to: the only origin a session's room may be on. */
  readonly platformUrl: string
}

/** Replace the cache with `whole` (`skipped` entities of it unreadable); returns the change to push. */
export function applyWholeSnapshot(targets: SnapshotTargets, whole: Snapshot, skipped: number): CacheUpdate {
  const { cache, invites, log } = targets
  const openBefore = invites.openBeforeSnapshot()
  const sessionsBefore = heldSessions(cache)
  const consistent = snapshotWithoutTakenInvites(whole, log)
  const snapshot = snapshotWithRoomsOnPlatform(consistent.snapshot, targets.platformUrl, log)
  cacheWrite(() => cache.applySnapshot(snapshot))
  log.info(`Rebuilt the cache from a platform snapshot at event ${whole.cursor}`)
  // One notice for both: it says the platform is at fault only when nothing was left unread.
  const passedOver = skipped + consistent.left
  if (passedOver > 0) targets.unreadable.tell(passedOver, skipped === 0)
  invites.afterSnapshot(openBefore)
  return { kind: 'replaced', changedSessions: changedBySnapshot(sessionsBefore, cache) }
}
