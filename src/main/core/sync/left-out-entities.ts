/**
 * The entities a snapshot left out as larger than any message Standby can take (ReplayRequest's
 * `leaveOutOver`): the platform names them, so the expert is told what is missing, and an invite
 * or session this computer already holds keeps its copy rather than vanishing with the snapshot
 * that replaces the cache (its notification stays up, and the events after the snapshot still
 * bring its changes). One this computer never had cannot be shown: it is said in the log.
 */
import type { Snapshot, SnapshotPosition } from '../../../shared/protocol'
import type { CacheStore } from '../ports/cache-store'
import type { Logger } from '../ports/logger'
import { MOST_ITEMS_LOGGED } from '../connection/replay-page'

/** What each list of a snapshot holds, in words for the log. */
const WHAT: Readonly<Record<SnapshotPosition['list'], string>> = {
  openInvites: 'invite',
  sessions: 'session',
  recentMessages: 'message',
}

/** `snapshot` with this computer's copy of each entity in `leftOut` it holds, and what was left out logged. */
export function snapshotKeepingLeftOut(
  snapshot: Snapshot,
  leftOut: readonly SnapshotPosition[],
  cache: Pick<CacheStore, 'invite' | 'session'>,
  log: Pick<Logger, 'error'>,
): Snapshot {
  if (leftOut.length === 0) return snapshot
  const openInvites = [...snapshot.openInvites]
  const sessions = [...snapshot.sessions]
  leftOut.forEach(({ list, id }, index) => {
    const invite = list === 'openInvites' ? cache.invite(id) : null
    const session = list === 'sessions' ? cache.session(id) : null
    // Only an invite this computer holds as open: the platform listed it as open.
    if (invite?.state === 'open') openInvites.push(invite)
    if (session !== null) sessions.push(session)
    if (index >= MOST_ITEMS_LOGGED) return
    const kept = invite?.state === 'open' || session !== null
    log.error(
      `The platform left ${WHAT[list]} ${id} out of its snapshot: it is larger than any message Standby can take, so ${kept ? 'the copy on this computer was kept, as it was before' : 'it is missing here'}. Tell the platform's support.`,
    )
  })
  if (leftOut.length > MOST_ITEMS_LOGGED)
    log.error(
      `${leftOut.length - MOST_ITEMS_LOGGED} more items were left out of the same snapshot as too large`,
    )
  return { ...snapshot, openInvites, sessions }
}
