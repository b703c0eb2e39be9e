/**
 * A snapshot cut into parts of about a byte budget, so that no answer is too large to cross a slow
 * link before the heartbeat gives up. Each list is sent in id order and a part ends with where the
 * next one starts: a position by id, not by offset, so an entity removed meanwhile shifts nothing.
 */
import type { Snapshot, SnapshotPosition } from '../../../src/shared/protocol'

const LISTS = ['openInvites', 'sessions', 'recentMessages'] as const

type Entity = Snapshot[(typeof LISTS)[number]][number]

const byId = (a: Entity, b: Entity): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/** The part of `full` after `after` (from the start without it), of about `maxBytes`. */
export function snapshotPart(
  full: Snapshot,
  after: SnapshotPosition | undefined,
  maxBytes: number,
): Snapshot {
  const taken: Record<(typeof LISTS)[number], Entity[]> = {
    openInvites: [],
    sessions: [],
    recentMessages: [],
  }
  let bytes = Buffer.byteLength(JSON.stringify(full.expert))
  let last: SnapshotPosition | undefined
  const start = after === undefined ? 0 : LISTS.indexOf(after.list)
  for (const list of LISTS.slice(start)) {
    for (const item of [...(full[list] as Entity[])].sort(byId)) {
      if (after !== undefined && list === after.list && item.id <= after.id) continue
      const size = Buffer.byteLength(JSON.stringify(item))
      // At least one entity per part, however large, so every part makes progress.
      if (last !== undefined && bytes + size > maxBytes) return assemble(full, taken, last)
      taken[list].push(item)
      bytes += size
      last = { list, id: item.id }
    }
  }
  return assemble(full, taken, undefined)
}

function assemble(
  full: Snapshot,
  taken: Record<(typeof LISTS)[number], Entity[]>,
  next: SnapshotPosition | undefined,
): Snapshot {
  const part = {
    ...full,
    openInvites: taken.openInvites as Snapshot['openInvites'],
    sessions: taken.sessions as Snapshot['sessions'],
    recentMessages: taken.recentMessages as Snapshot['recentMessages'],
  }
  return next === undefined ? part : { ...part, next }
}
