/**
 * Joining the parts of a snapshot sent in parts into the one snapshot the cache applies. The
 * first part's cursor is kept: the events after it bring every change made while the parts were
 * sent, and applying them over a newer copy of an entity ends at the same state.
 */
import { SnapshotPosition, type Snapshot } from '../../../shared/protocol'

const LISTS: ReadonlyArray<SnapshotPosition['list']> = SnapshotPosition.shape.list.options

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

/**
 * Whether `next` lies after `previous` in the order the parts are sent (list by list, each in id
 * order): a part that does not move on would be asked for again and again.
 */
export function movesOn(previous: SnapshotPosition, next: SnapshotPosition): boolean {
  const order = LISTS.indexOf(next.list) - LISTS.indexOf(previous.list)
  return order > 0 || (order === 0 && next.id > previous.id)
}
