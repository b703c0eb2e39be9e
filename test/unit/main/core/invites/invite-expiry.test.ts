// The watch on open invites' time: it wakes when the soonest one runs out, by the platform's clock.
import { describe, expect, it } from 'vitest'
import { InviteExpiry } from '../../../../../src/main/core/invites/invite-expiry'
import { ManualClock } from '../../../../../src/shared/clock'
import type { Invite } from '../../../../../src/shared/protocol'
import {
  anInvite,
  aRequest,
  FIXTURE_NOW,
  inviteClosed,
  inviteCreated,
  MINUTE,
} from '../../../../support/fixtures'
import { useFreshStores } from '../../db/cache-test-kit'

const fresh = useFreshStores()

const first = anInvite({
  id: 'inv_1',
  request: aRequest({ id: 'req_1' }),
  expiresAt: FIXTURE_NOW + 2 * MINUTE,
})
const second = anInvite({
  id: 'inv_2',
  request: aRequest({ id: 'req_2' }),
  expiresAt: FIXTURE_NOW + 5 * MINUTE,
})

/** A watch over a cache holding `invites`, on a fake platform clock, with what it told. */
function watching(invites: ReadonlyArray<Invite>) {
  const { store } = fresh()
  store.applyEvents(invites.map((invite, n) => inviteCreated(n + 1, invite)))
  const clock = new ManualClock(FIXTURE_NOW)
  const told: string[][] = []
  const expiry = new InviteExpiry({
    cache: store,
    platformTime: clock,
    expired: (gone) => told.push(gone.map((i) => `${i.id} ${i.state}`)),
  })
  expiry.check()
  return { store, clock, told, expiry }
}

describe('the invite expiry watch', () => {
  it('tells each invite as expired at its own expiry, and nothing before', () => {
    const { clock, told } = watching([first, second])
    clock.advanceTo(first.expiresAt - 1)
    expect(told).toEqual([])
    clock.advanceTo(first.expiresAt)
    expect(told).toEqual([['inv_1 expired']])
    clock.advanceTo(second.expiresAt)
    expect(told).toEqual([['inv_1 expired'], ['inv_2 expired']])
    expect(clock.pendingTimers).toBe(0)
  })

  it('does not tell an invite the platform closed first', () => {
    const { store, clock, told, expiry } = watching([first])
    store.applyEvents([inviteClosed(2, 'inv_1', 'taken')])
    expiry.check()
    clock.advance(10 * MINUTE)
    expect(told).toEqual([])
  })

  it('tells at once what ran out while the estimate of the platform’s clock jumped past it', () => {
    const { clock, told, expiry } = watching([first, second])
    // The wall clock set forward: the timers have not fired, but the platform's time is past both.
    clock.step(10 * MINUTE)
    expiry.check()
    expect(told).toEqual([['inv_2 expired', 'inv_1 expired']])
  })

  it('stops watching when stopped', () => {
    const { clock, told, expiry } = watching([first])
    expiry.stop()
    clock.advance(10 * MINUTE)
    expect(told).toEqual([])
    expect(clock.pendingTimers).toBe(0)
  })
})
