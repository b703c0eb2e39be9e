import { describe, expect, it } from 'vitest'
import { HeldLiveEvents } from '../../../../../src/main/core/sync/held-live-events'
import { anInvite, aRequest, inviteCreated } from '../../../../support/fixtures'

const event = (id: number, description = 'short') =>
  inviteCreated(id, anInvite({ id: `inv_${id}`, request: aRequest({ id: `req_${id}`, description }) }))
const ids = (held: HeldLiveEvents): number[] => held.take().map((e) => e.id)

describe('live events held while catching up', () => {
  it('are given back in arrival order, once', () => {
    const held = new HeldLiveEvents()
    for (const id of [5, 3, 4]) expect(held.hold(event(id))).toBe(true)
    expect(held.first?.id).toBe(5)
    expect(ids(held)).toEqual([5, 3, 4])
    expect(ids(held)).toEqual([])
  })

  it('past the count bound: those held before are let go, the newest kept, and the caller told', () => {
    const held = new HeldLiveEvents({ events: 3, chars: Number.POSITIVE_INFINITY })
    for (const id of [1, 2, 3]) expect(held.hold(event(id))).toBe(true)
    expect(held.hold(event(4))).toBe(false)
    expect(held.hold(event(5))).toBe(true)
    expect(ids(held)).toEqual([4, 5])
  })

  it('past the size bound: a few large events count as many small ones', () => {
    const small = JSON.stringify(event(1)).length
    const held = new HeldLiveEvents({ events: 1_000, chars: small * 10 })
    for (let id = 1; id <= 9; id++) expect(held.hold(event(id))).toBe(true)
    // One large event does not fit beside nine small ones.
    expect(held.hold(event(10, 'x'.repeat(small * 2)))).toBe(false)
    expect(ids(held)).toEqual([10])
    // Room again once let go: the count of small ones starts over.
    for (let id = 11; id <= 18; id++) expect(held.hold(event(id))).toBe(true)
    expect(ids(held)).toHaveLength(8)
  })

  it('cleared: nothing is held and the size starts over', () => {
    const small = JSON.stringify(event(1)).length
    const held = new HeldLiveEvents({ events: 1_000, chars: small * 2 })
    expect(held.hold(event(1))).toBe(true)
    held.clear()
    expect(held.first).toBeUndefined()
    expect(held.hold(event(2))).toBe(true)
    expect(held.hold(event(3))).toBe(true)
  })
})
