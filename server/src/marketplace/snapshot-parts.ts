/**
 * A snapshot cut into parts of about a byte budget, so that no answer is too large to cross a slow
 * link before the heartbeat gives up. Each list is sent in id order and a part ends with where the
 * next one starts: a position by id, not by offset, so an entity removed meanwhile shifts nothing.
 */
import { MOST_LEFT_OUT_PER_PART, type Snapshot, type SnapshotPosition } from '../../../src/shared/protocol'

const LISTS = ['openInvites', 'sessions', 'recentMessages'] as const

type Entity = Snapshot[(typeof LISTS)[number]][number]

const byId = (a: Entity, b: Entity): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/**
 * The part of `full` after `after` (from the start without it), of about `maxBytes`; an entity
 * whose JSON takes more than `leaveOutOver` bytes is named in `leftOut` instead of sent.
 */
export function snapshotPart(
  full: Snapshot,
  after: SnapshotPosition | undefined,
  maxBytes: number,
  leaveOutOver = Infinity,
): Snapshot {
  const taken: Record<(typeof LISTS)[number], Entity[]> = {
    openInvites: [],
    sessions: [],
    recentMessages: [],
  }
  let bytes = Buffer.byteLength(JSON.stringify(full.expert))
  let last: SnapshotPosition | undefined
  const leftOut: SnapshotPosition[] = []
  const start = after === undefined ? 0 : LISTS.indexOf(after.list)
  for (const list of LISTS.slice(start)) {
    for (const item of [...(full[list] as Entity[])].sort(byId)) {
      if (after !== undefined && list === after.list && item.id <= after.id) continue
      const size = Buffer.byteLength(JSON.stringify(item))
      if (size > leaveOutOver) {
        // The client cannot take it whatever the part's size; named, so it can say what it misses.
        // Its name counts against the part as an entity does: after one entity as large as the
        // client takes, a list of names would carry the part past the largest message it takes.
        const named = { list, id: item.id }
        const nameBytes = Buffer.byteLength(JSON.stringify(named))
        if (last !== undefined && bytes + nameBytes > maxBytes) return assemble(full, taken, last, leftOut)
        bytes += nameBytes
        last = named
        leftOut.push(last)
        if (leftOut.length >= MOST_LEFT_OUT_PER_PART) return assemble(full, taken, last, leftOut)
        continue
      }
      // At least one entity per part, however large, so every part makes progress.
      if (last !== undefined && bytes + size > maxBytes) return assemble(full, taken, last, leftOut)
      taken[list].push(item)
      bytes += size
      last = { list, id: item.id }
    }
  }
  return assemble(full, taken, undefined, leftOut)
}

function assemble(
  full: Snapshot,
  taken: Record<(typeof LISTS)[number], Entity[]>,
  next: SnapshotPosition | undefined,
  leftOut: SnapshotPosition[],
): Snapshot {
  const part = {
    ...full,
    openInvites: taken.openInvites as Snapshot['openInvites'],
    sessions: taken.sessions as Snapshot['sessions'],
    recentMessages: taken.recentMessages as Snapshot['recentMessages'],
  }
  const withLeftOut = leftOut.length === 0 ? part : { ...part, leftOut }
  return next === undefined ? withLeftOut : { ...withLeftOut, next }
}
