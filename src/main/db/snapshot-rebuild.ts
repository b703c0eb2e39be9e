/**
 * Replacing the cache's platform data with a snapshot, and emptying the cache. Both run inside the
 * store's transactions.
 */
import type { Snapshot } from '../../shared/protocol'
import type { CacheRepositories } from './cache-repositories'

/**
 * Makes the cache hold what the snapshot holds, keeping the app's own state of rows that stay;
 * its parts taken up to the event `partsThrough`, and whether the platform `leftOut` any entity of it.
 */
export function rebuildFromSnapshot(
  repos: CacheRepositories,
  snapshot: Snapshot,
  partsThrough: number,
  leftOut = false,
): void {
  const cachedExpertId = repos.sync.expertId()
  if (cachedExpertId !== null && cachedExpertId !== snapshot.expert.id) {
    // The platform stays the one the cache is filled from: only the other expert's rows go.
    const platformUrl = repos.sync.platformUrl()
    deleteEverything(repos)
    if (platformUrl !== null) repos.sync.setPlatformUrl(platformUrl)
  }
  repos.sync.putExpert(snapshot.expert)
  // Rows that stay are updated in place, so their notification and reminder state stays too. An
  // invite the snapshot holds for another request than the cache did is not one that stays: a
  // Join on the notification shown for the first would take the other, which is shown as new.
  repos.invites.forget(repos.invites.movedToOtherRequests(snapshot.openInvites))
  repos.invites.deleteAllExcept(snapshot.openInvites.map((i) => i.id))
  repos.sessions.deleteAllExcept(snapshot.sessions.map((s) => s.id))
  for (const invite of snapshot.openInvites) {
    repos.requests.put(invite.request)
    repos.invites.put(invite)
  }
  for (const session of snapshot.sessions) {
    repos.requests.put(session.request)
    repos.sessions.put(session)
  }
  repos.messages.deleteAll()
  for (const message of snapshot.recentMessages) repos.messages.put(message)
  repos.requests.pruneUnreferenced()
  repos.reminders.pruneOrphans()
  repos.sync.setCursor(snapshot.cursor, snapshot.cursorDigest ?? null)
  repos.sync.setPartsThrough(partsThrough > snapshot.cursor ? partsThrough : 0)
  repos.sync.setSnapshotLeftOut(leftOut)
}

/** Deletes every row, the app's own state with it, and resets the sync state. */
export function deleteEverything(repos: CacheRepositories): void {
  repos.standing.deleteAll()
  repos.retryKeys.deleteAll()
  repos.reminders.deleteAll()
  repos.messages.deleteAllWithState()
  repos.invites.deleteAll()
  repos.sessions.deleteAll()
  repos.requests.deleteAll()
  repos.sync.reset()
}
