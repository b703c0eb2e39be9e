// "Open" at a platform time: the cache lists, counts and shows an invite as open only until its time runs out.
import { describe, expect, it } from 'vitest'
import {
  anInvite,
  aRequest,
  aScheduledRequest,
  FIXTURE_NOW,
  inviteClosed,
  inviteCreated,
  MINUTE,
} from '../../../support/fixtures'
import { useFreshStores } from './cache-test-kit'

const fresh = useFreshStores()

describe('an invite whose time runs out before the platform says so', () => {
  const invite = anInvite({ id: 'inv_1', expiresAt: FIXTURE_NOW + 5 * MINUTE })
  const justBefore = invite.expiresAt - 1

  it('stops being listed, counted and offered as a notification at its expiry, and is missed as expired', () => {
    const { store } = fresh()
    store.applyEvents([inviteCreated(1, invite)])
    expect(store.openInvites(justBefore)).toEqual([invite])
    expect(store.openInviteCount(justBefore)).toBe(1)

    expect(store.openInvites(invite.expiresAt)).toEqual([])
    expect(store.openInviteCount(invite.expiresAt)).toBe(0)
    expect(store.unnotifiedOpenInvites(invite.expiresAt)).toEqual([])
    expect(store.missedInvites(invite.expiresAt, 10)).toEqual([{ ...invite, state: 'expired' }])
    // Nothing is lost: the row stays as the platform last said until its word comes.
    expect(store.invite('inv_1')).toEqual(invite)
    expect(store.nextInviteClose(justBefore)).toBe(invite.expiresAt)
    expect(store.nextInviteClose(invite.expiresAt)).toBeNull()
  })

  it('is missed once when the platform’s own word on it arrives later', () => {
    const { store } = fresh()
    store.applyEvents([inviteCreated(1, invite), inviteClosed(2, 'inv_1', 'expired')])
    expect(store.missedInvites(invite.expiresAt + MINUTE, 10)).toEqual([{ ...invite, state: 'expired' }])
  })

  it('closes a scheduled invite when its last proposed time passes, though its expiry is later', () => {
    const { store } = fresh()
    const request = aScheduledRequest('req_2', FIXTURE_NOW + 10 * MINUTE, {
      proposedTimes: [FIXTURE_NOW + 10 * MINUTE, FIXTURE_NOW + 20 * MINUTE],
    })
    const scheduled = anInvite({ id: 'inv_2', request, expiresAt: FIXTURE_NOW + 60 * MINUTE })
    store.applyEvents([inviteCreated(1, scheduled)])
    expect(store.openInviteCount(FIXTURE_NOW + 20 * MINUTE - 1)).toBe(1)
    expect(store.openInviteCount(FIXTURE_NOW + 20 * MINUTE)).toBe(0)
    expect(store.missedInvites(FIXTURE_NOW + 20 * MINUTE, 10).map((i) => i.state)).toEqual(['expired'])
    expect(store.nextInviteClose(FIXTURE_NOW)).toBe(FIXTURE_NOW + 20 * MINUTE)
  })

  it('keeps the missed list newest first across invites closed by the platform and by the clock', () => {
    const { store } = fresh()
    const taken = anInvite({ id: 'inv_taken', request: aRequest({ id: 'req_t' }), sentAt: FIXTURE_NOW + 1 })
    store.applyEvents([
      inviteCreated(1, invite),
      inviteCreated(2, taken),
      inviteClosed(3, 'inv_taken', 'taken'),
    ])
    expect(store.missedInvites(invite.expiresAt, 10).map((i) => [i.id, i.state])).toEqual([
      ['inv_taken', 'taken'],
      ['inv_1', 'expired'],
    ])
    expect(store.missedInvites(invite.expiresAt, 1).map((i) => i.id)).toEqual(['inv_taken'])
  })

  it('lists the newest open invites only, when asked for a few', () => {
    const { store } = fresh()
    const invites = [1, 2, 3].map((n) =>
      anInvite({ id: `inv_n${n}`, request: aRequest({ id: `req_n${n}` }), sentAt: FIXTURE_NOW + n }),
    )
    store.applyEvents(invites.map((one, i) => inviteCreated(i + 1, one)))
    expect(store.openInvites(FIXTURE_NOW + 3, 2).map((i) => i.id)).toEqual(['inv_n3', 'inv_n2'])
    expect(store.openInvites(FIXTURE_NOW + 3).map((i) => i.id)).toEqual(['inv_n3', 'inv_n2', 'inv_n1'])
  })
})
