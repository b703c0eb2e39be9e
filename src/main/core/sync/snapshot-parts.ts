/**
 * Joining the parts of a snapshot sent in parts into the one snapshot the cache applies. The
 * first part's cursor is kept: the events after it bring every change made while the parts were
 * sent, and applying them over a newer copy of an entity ends at the same state.
 */
import type { Snapshot } from '../../../shared/protocol'

/** `earlier` followed by `later`: later entities replace earlier ones with the same id. */
export function joinSnapshotParts(earlier: Snapshot, later: Snapshot): Snapshot {
  const join = <T extends { readonly id: string }>(a: ReadonlyArray<T>, b: ReadonlyArray<T>): T[] => [
    ...new Map([...a, ...b].map((item) => [item.id, item])).values(),
  ]
  return {
    expert: later.expert,
    openInvites: join(earlier.openInvites, later.openInvites),
    sessions: join(earlier.sessions, later.sessions),
    recentMessages: join(earlier.recentMessages, later.recentMessages),
    cursor: earlier.cursor,
    cursorDigest: earlier.cursorDigest,
    takenAt: earlier.takenAt,
  }
}
