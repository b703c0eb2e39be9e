import { describe, expect, it } from 'vitest'
import { SnapshotAssembly, StreamNotFollowable } from '../../../../../src/main/core/sync/snapshot-assembly'
import type { Message } from '../../../../../src/shared/protocol'
import { anExpert, anInvite, aMessage, aRequest, aSnapshot } from '../../../../support/fixtures'

const expertId = anExpert().id
/** What a part carries besides its `next`: a part is cut after an item. */
const oneInvite = { openInvites: [anInvite({ id: 'inv_0', request: aRequest({ id: 'req_0' }) })] }

describe('assembling the snapshot of one catch-up', () => {
  it('asks for the next part, then gives the joined snapshot with every part’s skipped count', () => {
    const assembly = new SnapshotAssembly()
    const first = aSnapshot({
      openInvites: [anInvite({ id: 'inv_1', request: aRequest({ id: 'req_1' }) })],
      next: { list: 'openInvites', id: 'inv_1' },
    })
    expect(assembly.add(first, 1, expertId)).toEqual({ kind: 'more', after: first.next })
    expect(assembly.nextPart).toEqual(first.next)
    const second = aSnapshot({ openInvites: [anInvite({ id: 'inv_2', request: aRequest({ id: 'req_2' }) })] })
    const step = assembly.add(second, 2, expertId)
    expect(step.kind).toBe('whole')
    if (step.kind !== 'whole') return
    expect(step.skipped).toBe(3)
    expect(step.snapshot.openInvites.map((i) => i.id)).toEqual(['inv_1', 'inv_2'])
    expect(assembly.nextPart).toBeUndefined()
  })

  it('keeps the first part’s cursor, and says how far past it the later parts were taken', () => {
    const assembly = new SnapshotAssembly()
    const first = aSnapshot({ ...oneInvite, cursor: 7, next: { list: 'openInvites', id: 'inv_0' } })
    assembly.add(first, 0, expertId)
    const step = assembly.add(aSnapshot({ cursor: 9 }), 0, expertId)
    expect(step).toMatchObject({ kind: 'whole', snapshot: { cursor: 7 }, partsThrough: 9 })
    expect(new SnapshotAssembly().add(aSnapshot({ cursor: 4 }), 0, expertId)).toMatchObject({
      partsThrough: 4,
    })
  })

  it('refuses parts that do not move on, naming what the expert can do', () => {
    const assembly = new SnapshotAssembly()
    const part = aSnapshot({ ...oneInvite, next: { list: 'sessions', id: 'ses_5' } })
    assembly.add(part, 0, expertId)
    expect(() => assembly.add(part, 0, expertId)).toThrow(StreamNotFollowable)
    expect(() => new SnapshotAssembly().add(part, 0, expertId)).not.toThrow()
  })

  it("refuses another expert's snapshot", () => {
    const other = aSnapshot({ expert: anExpert({ id: 'exp_other' }) })
    expect(() => new SnapshotAssembly().add(other, 0, expertId)).toThrow(/another expert's data/)
  })

  it("refuses a part of another expert's, first or later, even when the last part is this expert's", () => {
    const next = { list: 'openInvites', id: 'inv_1' } as const
    const other = anExpert({ id: 'exp_other' })
    expect(() =>
      new SnapshotAssembly().add(aSnapshot({ ...oneInvite, expert: other, next }), 0, expertId),
    ).toThrow(/another expert's data/)
    const unfollowed = new SnapshotAssembly()
    unfollowed.add(aSnapshot({ ...oneInvite, expert: other, next }), 0, undefined)
    expect(() => unfollowed.add(aSnapshot(), 0, undefined)).toThrow(/another expert's data/)
  })

  it('refuses a platform that answers every catch-up with a snapshot, unless events come between', () => {
    const assembly = new SnapshotAssembly()
    assembly.add(aSnapshot(), 0, expertId)
    assembly.add(aSnapshot(), 0, expertId)
    assembly.events()
    assembly.add(aSnapshot(), 0, expertId)
    assembly.add(aSnapshot(), 0, expertId)
    expect(() => assembly.add(aSnapshot(), 0, expertId)).toThrow(/every catch-up with a new snapshot/)
  })

  it('refuses parts that move on but hold nothing, as a platform looping under new ids', () => {
    const assembly = new SnapshotAssembly()
    const invite = anInvite({ id: 'inv_1', request: aRequest({ id: 'req_1' }) })
    assembly.add(
      aSnapshot({ openInvites: [invite], next: { list: 'openInvites', id: 'inv_1' } }),
      0,
      expertId,
    )
    expect(() =>
      assembly.add(aSnapshot({ next: { list: 'openInvites', id: 'inv_2' } }), 0, expertId),
    ).toThrow(/parts that hold nothing/)
    // A part whose every item could not be read still brought them.
    expect(() =>
      new SnapshotAssembly().add(aSnapshot({ next: { list: 'openInvites', id: 'inv_2' } }), 1, expertId),
    ).not.toThrow()
  })

  it('refuses parts that keep moving on, each with something, once they add up past the bound', () => {
    const part = (n: number) =>
      aSnapshot({
        openInvites: [anInvite({ id: `inv_${n}`, request: aRequest({ id: `req_${n}` }) })],
        next: { list: 'openInvites', id: `inv_${n}` },
      })
    const bound = JSON.stringify(part(10)).length * 5
    const assembly = new SnapshotAssembly(bound)
    for (let n = 10; n < 15; n++) expect(assembly.add(part(n), 0, expertId).kind).toBe('more')
    expect(() => assembly.add(part(15), 0, expertId)).toThrow(/parts that never end/)
    // A whole snapshot is bounded by the message it came in, not by this.
    const whole = aSnapshot({ openInvites: Array.from({ length: 20 }, (_, n) => part(n).openInvites[0]!) })
    expect(new SnapshotAssembly(bound).add(whole, 0, expertId).kind).toBe('whole')
  })

  it('takes each part’s items in once, however many parts came before, so a snapshot in many small parts costs as much as one', () => {
    // Each item counts how often its id is read: joining what came before again at every part
    // would read the first one once per part, thousands of times in a snapshot of thousands of parts.
    const reads = new Map<string, number>()
    const counted = (id: string): Message => {
      const message = aMessage({ id })
      return Object.defineProperty({ ...message }, 'id', {
        enumerable: true,
        get: () => {
          reads.set(id, (reads.get(id) ?? 0) + 1)
          return id
        },
      })
    }
    const assembly = new SnapshotAssembly()
    const parts = 200
    for (let n = 0; n < parts; n++) {
      const id = `msg_${String(n).padStart(3, '0')}`
      const last = n === parts - 1
      const step = assembly.add(
        aSnapshot({
          recentMessages: [counted(id)],
          ...(last ? {} : { next: { list: 'recentMessages', id } }),
        }),
        0,
        expertId,
      )
      if (!last) continue
      expect(step.kind).toBe('whole')
      if (step.kind !== 'whole') return
      expect(step.snapshot.recentMessages).toHaveLength(parts)
      expect(step.snapshot.recentMessages[0]?.id).toBe('msg_000')
    }
    expect(Math.max(...reads.values())).toBeLessThan(10)
  })
})
