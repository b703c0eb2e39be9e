import { describe, expect, it } from 'vitest'
import { createShowItemSlot, itemToShow } from '../../../../../src/main/core/deep-links/item-to-show'
import type { Expert, Invite, Session } from '../../../../../src/shared/protocol/entities'

const cache = (invites: Record<string, Invite['state']>, sessions: Record<string, Session['state']>) => ({
  expert: () => ({ id: 'exp_1' }) as Expert,
  invite: (id: string) => (invites[id] ? ({ id, state: invites[id] } as Invite) : null),
  session: (id: string) => (sessions[id] ? ({ id, state: sessions[id] } as Session) : null),
})

describe('what a deep link shows', () => {
  const known = cache({ open: 'open', taken: 'taken' }, { booked: 'booked', live: 'live', ended: 'ended' })

  it('an open invite, or a booked or live session, as open', () => {
    expect(itemToShow({ kind: 'invite', id: 'open' }, known)).toEqual({
      kind: 'invite',
      id: 'open',
      open: true,
    })
    expect(itemToShow({ kind: 'session', id: 'booked' }, known)).toMatchObject({ open: true })
    expect(itemToShow({ kind: 'session', id: 'live' }, known)).toMatchObject({ open: true })
  })

  it('a closed invite or session, and an id the cache does not know, as no longer open', () => {
    expect(itemToShow({ kind: 'invite', id: 'taken' }, known)).toMatchObject({ open: false })
    expect(itemToShow({ kind: 'invite', id: 'inv_unknown' }, known)).toMatchObject({ open: false })
    expect(itemToShow({ kind: 'session', id: 'ended' }, known)).toMatchObject({ open: false })
    // An invite's id named as a session is not that session.
    expect(itemToShow({ kind: 'session', id: 'open' }, known)).toMatchObject({ open: false })
  })

  it('nothing while signed out, rather than a wrong "no longer open"', () => {
    expect(itemToShow({ kind: 'invite', id: 'open' }, { ...known, expert: () => null })).toBeNull()
  })
})

describe('the slot of the item to show', () => {
  it('numbers each ask and hands the last one to the first page that takes it, once', () => {
    const slot = createShowItemSlot()
    expect(slot.take()).toBeNull()
    expect(slot.offer({ kind: 'invite', id: 'inv_1', open: true })).toEqual({
      kind: 'invite',
      id: 'inv_1',
      open: true,
      request: 1,
    })
    slot.offer({ kind: 'session', id: 'ses_1', open: false })
    expect(slot.take()).toEqual({ kind: 'session', id: 'ses_1', open: false, request: 2 })
    expect(slot.take()).toBeNull()
  })
})
