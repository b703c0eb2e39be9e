/**
 * A snapshot that contradicts itself: an open invite to a request that one of the snapshot's own
 * sessions already took. The platform invites to a request only until it is taken, so such an
 * invite is its mistake; kept, it would be shown with a Join for a session already booked, live or
 * over. It is left out with a log line, as the stream's own contradictions are
 * (src/main/db/stream-contradiction.ts). In a snapshot whose parts were taken as the platform went
 * on (snapshot-parts.ts), the invite's part is older than the session's: the invite was taken
 * meanwhile, which is no mistake, and it is left out all the same.
 */
import type { Snapshot } from '../../../shared/protocol'
import type { Logger } from '../ports/logger'

/**
 * The snapshot without the open invites its sessions contradict, and how many were left out;
 * `spread` when its parts were taken at different points of the stream.
 */
export function snapshotWithoutTakenInvites(
  snapshot: Snapshot,
  log: Logger,
  spread = false,
): { readonly snapshot: Snapshot; readonly left: number } {
  const takenBy = new Map(snapshot.sessions.map((s) => [s.request.id, s.id]))
  const openInvites = snapshot.openInvites.filter((invite) => {
    const sessionId = invite.state === 'open' ? takenBy.get(invite.request.id) : undefined
    if (sessionId === undefined) return true
    if (spread) {
      log.info(
        `Left invite ${invite.id} out of the platform's snapshot: session ${sessionId}, sent in a later part, took its request meanwhile`,
      )
    } else {
      log.error(
        `Left invite ${invite.id} out of the platform's snapshot: it invites to request ${invite.request.id}, which session ${sessionId} in the same snapshot already took`,
      )
    }
    return false
  })
  const left = snapshot.openInvites.length - openInvites.length
  return { snapshot: left === 0 ? snapshot : { ...snapshot, openInvites }, left }
}
