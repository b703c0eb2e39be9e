// The watch on open invites' time: it wakes when the soonest one runs out, by the platform's clock.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { InviteExpiry } from '../../../../../src/main/core/invites/invite-expiry'
import { ManualClock, systemClock } from '../../../../../src/shared/clock'
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
function watching(invites: ReadonlyArray<Invite>, log = { error: vi.fn() }) {
  const { store } = fresh()
  store.applyEvents(invites.map((invite, n) => inviteCreated(n + 1, invite)))
  const clock = new ManualClock(FIXTURE_NOW)
  const told: string[][] = []
  const tell = (invites: ReadonlyArray<Invite>) => told.push(invites.map((i) => `${i.id} ${i.state}`))
  const expiry = new InviteExpiry({ cache: store, platformTime: clock, expired: tell, reopened: tell, log })
  expiry.check()
  return { store, clock, told, expiry, log }
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

  it('reads, as each invite runs out, the ones that ran out, not every invite still open', () => {
    const many = Array.from({ length: 200 }, (_, n) =>
      anInvite({
        id: `inv_m${n}`,
        request: aRequest({ id: `req_m${n}` }),
        expiresAt: FIXTURE_NOW + (n + 1) * MINUTE,
      }),
    )
    const { store } = fresh()
    store.applyEvents(many.map((invite, n) => inviteCreated(n + 1, invite)))
    const clock = new ManualClock(FIXTURE_NOW)
    let read = 0
    const counted = new Proxy(store, {
      get(target, key, receiver) {
        const value: unknown = Reflect.get(target, key, receiver)
        if (typeof value !== 'function') return value
        return (...args: unknown[]) => {
          const answer: unknown = value.apply(target, args)
          if (Array.isArray(answer) && answer.every((item) => typeof item === 'object' && item !== null))
            read += answer.length
          return answer
        }
      },
    })
    const told: string[] = []
    const expiry = new InviteExpiry({
      cache: counted,
      platformTime: clock,
      expired: (invites) => told.push(...invites.map((i) => i.id)),
      reopened: () => {},
    })
    expiry.check()
    for (const invite of many) clock.advanceTo(invite.expiresAt)
    expect(told).toEqual(many.map((i) => i.id))
    // Each one read once or so as it ran out: reading every open one at each would be 20,100.
    expect(read).toBeLessThanOrEqual(3 * many.length)
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

  it('tells the invites open again when a new estimate puts the platform’s clock back, and nothing when it moves back less', () => {
    const { clock, told, expiry } = watching([first, second])
    clock.advanceTo(second.expiresAt)
    expect(told).toEqual([['inv_1 expired'], ['inv_2 expired']])
    clock.step(-1)
    expiry.check()
    expect(told.at(-1)).toEqual(['inv_2 open'])
    clock.step(-(second.expiresAt - first.expiresAt))
    expiry.check()
    expect(told.at(-1)).toEqual(['inv_1 open'])
    expect(told).toHaveLength(4)
    // Open again, each runs out again at its own expiry.
    clock.advanceTo(first.expiresAt)
    expect(told.at(-1)).toEqual(['inv_1 expired'])
  })

  it('a read of the cache that fails at an invite’s expiry (a damaged file) is logged once and tried again, and no invite that ran out meanwhile goes untold', () => {
    const { store, clock, told, log } = watching([first, second])
    const read = vi.spyOn(store, 'invitesRunOut')
    read.mockImplementation(() => {
      throw new Error('database disk image is malformed')
    })
    expect(() => clock.advanceTo(first.expiresAt)).not.toThrow()
    clock.advance(MINUTE)
    expect(log.error).toHaveBeenCalledOnce()
    read.mockRestore()
    clock.advanceTo(second.expiresAt + MINUTE)
    expect(told).toEqual([['inv_1 expired'], ['inv_2 expired']])
  })

  it('stops watching when stopped', () => {
    const { clock, told, expiry } = watching([first])
    expiry.stop()
    clock.advance(10 * MINUTE)
    expect(told).toEqual([])
    expect(clock.pendingTimers).toBe(0)
  })

  describe('on the real clock', () => {
    afterEach(() => vi.useRealTimers())

    it('reads an invite open for a month once, and tells it as expired a month later, not checking it over and over meanwhile', () => {
      const { store } = fresh()
      // The fake timers fire a delay past 32 bits at once, as Node does.
      vi.useFakeTimers({ now: FIXTURE_NOW, toFake: ['setTimeout', 'clearTimeout', 'Date'] })
      const month = 30 * 24 * 60 * MINUTE
      store.applyEvents([
        inviteCreated(
          1,
          anInvite({ id: 'inv_far', request: aRequest({ id: 'req_far' }), expiresAt: FIXTURE_NOW + month }),
        ),
      ])
      let reads = 0
      const cache = new Proxy(store, {
        get: (target, key, receiver) => {
          if (key === 'nextInviteClose') reads++
          return Reflect.get(target, key, receiver) as unknown
        },
      })
      const told: string[] = []
      const expiry = new InviteExpiry({
        cache,
        platformTime: systemClock,
        expired: (gone) => told.push(...gone.map((i) => `${i.id} ${i.state}`)),
        reopened: () => {},
      })
      expiry.check()
      vi.advanceTimersByTime(60 * MINUTE)
      expect(reads).toBe(1)
      vi.advanceTimersByTime(month - 60 * MINUTE)
      expect(told).toEqual(['inv_far expired'])
      expiry.stop()
    })
  })
})
