import { describe, expect, it } from 'vitest'
import { snapshotPart } from '../../../server/src/marketplace/snapshot-parts'
import {
  Expert,
  MAX_REPLAY_PAGE_BYTES,
  MOST_LEFT_OUT_PER_PART,
  type Snapshot,
} from '../../../src/shared/protocol'
import { mostEntityBytes, mostJsonBytes, mostMessageBytes } from '../../../src/shared/protocol/message-size'
import { aMessage, anInvite, aRequest, aSession, aSnapshot } from '../../support/fixtures'

const full: Snapshot = aSnapshot({
  openInvites: Array.from({ length: 12 }, (_, i) =>
    anInvite({ id: `inv_${String(i).padStart(2, '0')}`, request: aRequest({ id: `req_${i}` }) }),
  ),
  sessions: Array.from({ length: 5 }, (_, i) =>
    aSession({ id: `ses_${i}`, request: aRequest({ id: `sreq_${i}` }) }),
  ),
  recentMessages: Array.from({ length: 7 }, (_, i) => aMessage({ id: `msg_${i}` })),
  cursor: 40,
})

/** Every part of `snapshot` at `maxBytes`, following each part's `next`. */
function allParts(snapshot: Snapshot, maxBytes: number): Snapshot[] {
  const parts = [snapshotPart(snapshot, undefined, maxBytes)]
  while (parts.at(-1)!.next !== undefined) parts.push(snapshotPart(snapshot, parts.at(-1)!.next, maxBytes))
  return parts
}

const ids = (parts: ReadonlyArray<Snapshot>, list: 'openInvites' | 'sessions' | 'recentMessages') =>
  parts.flatMap((p) => p[list].map((e) => e.id)).sort()

describe('a snapshot in parts', () => {
  it('holds every entity exactly once across its parts, each part within the budget', () => {
    const budget = 4_096
    const parts = allParts(full, budget)
    expect(parts.length).toBeGreaterThan(2)
    expect(ids(parts, 'openInvites')).toEqual(full.openInvites.map((e) => e.id).sort())
    expect(ids(parts, 'sessions')).toEqual(full.sessions.map((e) => e.id).sort())
    expect(ids(parts, 'recentMessages')).toEqual(full.recentMessages.map((e) => e.id).sort())
    for (const part of parts) {
      expect(part.cursor).toBe(40)
      const { next: _next, ...body } = part
      const entities = part.openInvites.length + part.sessions.length + part.recentMessages.length
      if (entities > 1) expect(JSON.stringify(body).length).toBeLessThan(budget + 512)
    }
  })

  it('always sends at least one entity, and skips nothing when an earlier one is gone meanwhile', () => {
    const first = snapshotPart(full, undefined, 1)
    expect(first.openInvites.map((e) => e.id)).toEqual(['inv_00'])
    expect(first.next).toEqual({ list: 'openInvites', id: 'inv_00' })
    const later = { ...full, openInvites: full.openInvites.slice(1) }
    expect(snapshotPart(later, first.next, 1).openInvites.map((e) => e.id)).toEqual(['inv_01'])
  })
})

describe('a snapshot in parts for a client that cannot take every entity', () => {
  const big = anInvite({ id: 'inv_05', request: aRequest({ id: 'req_5', title: 'x'.repeat(5_000) }) })
  const withBig = { ...full, openInvites: full.openInvites.map((e) => (e.id === 'inv_05' ? big : e)) }

  it('names an entity over its limit instead of sending it, and sends every other one once', () => {
    const parts = [snapshotPart(withBig, undefined, 1_024, 4_096)]
    while (parts.at(-1)!.next !== undefined)
      parts.push(snapshotPart(withBig, parts.at(-1)!.next, 1_024, 4_096))
    expect(parts.flatMap((p) => p.leftOut ?? [])).toEqual([{ list: 'openInvites', id: 'inv_05' }])
    expect(ids(parts, 'openInvites')).toEqual(
      full.openInvites.map((e) => e.id).filter((id) => id !== 'inv_05'),
    )
    expect(ids(parts, 'recentMessages')).toEqual(full.recentMessages.map((e) => e.id).sort())
  })

  it('ends a part that left out its most after the last of them, so a list of them moves on', () => {
    const huge = Array.from({ length: MOST_LEFT_OUT_PER_PART + 1 }, (_, i) =>
      anInvite({ id: `inv_h${String(i).padStart(3, '0')}`, request: aRequest({ title: 'x'.repeat(5_000) }) }),
    )
    const part = snapshotPart({ ...full, openInvites: huge }, undefined, MAX_REPLAY_PAGE_BYTES, 4_096)
    expect(part.leftOut).toHaveLength(MOST_LEFT_OUT_PER_PART)
    expect(part.next).toEqual(part.leftOut?.at(-1))
    expect(part.openInvites).toEqual([])
  })

  it('still crosses to the app when it holds an entity as large as the app takes, whatever follows it', () => {
    const limit = mostEntityBytes()
    const titled = (id: string, title: string) =>
      anInvite({ id, request: aRequest({ id: `req_${id}`, title }) })
    const room = limit - Buffer.byteLength(JSON.stringify(titled('inv_a', '')))
    // Ids as long as the protocol allows, each naming an entity just over the limit.
    const over = Array.from({ length: MOST_LEFT_OUT_PER_PART }, (_, i) =>
      titled(`inv_b${String(i).padStart(3, '0')}${'z'.repeat(56)}`, 'x'.repeat(room + 1)),
    )
    const openInvites = [titled('inv_a', 'x'.repeat(room)), ...over]
    const part = snapshotPart({ ...full, openInvites }, undefined, MAX_REPLAY_PAGE_BYTES, limit)
    expect(part.openInvites.map((e) => e.id)).toEqual(['inv_a'])
    // As the app receives it: the answer around the part, whose expert may be as large as allowed.
    const answer = { ok: true, serverTime: Date.now(), result: { kind: 'snapshot', snapshot: part } }
    const bytes = Buffer.byteLength(JSON.stringify(answer)) - Buffer.byteLength(JSON.stringify(part.expert))
    expect(bytes + mostJsonBytes(Expert)).toBeLessThanOrEqual(mostMessageBytes())
    const rest = snapshotPart({ ...full, openInvites }, part.next, MAX_REPLAY_PAGE_BYTES, limit)
    expect([...(part.leftOut ?? []), ...(rest.leftOut ?? [])]).toHaveLength(MOST_LEFT_OUT_PER_PART)
  })

  it('is the part as before without a limit', () => {
    expect(snapshotPart(withBig, undefined, 1_024)).not.toHaveProperty('leftOut')
  })
})
