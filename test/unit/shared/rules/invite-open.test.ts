// Whether an invite can still be taken at a platform time.
import { describe, expect, it } from 'vitest'
import { inviteAt, inviteClosesAt, isInviteOpen } from '../../../../src/shared/rules/invite-open'
import { anInvite, aScheduledRequest, FIXTURE_NOW, MINUTE } from '../../../support/fixtures'

describe('an invite open at a time', () => {
  it('is open until its expiry, then reads as expired', () => {
    const invite = anInvite({ expiresAt: FIXTURE_NOW + 5 * MINUTE })
    expect(isInviteOpen(invite, invite.expiresAt - 1)).toBe(true)
    expect(isInviteOpen(invite, invite.expiresAt)).toBe(false)
    expect(inviteAt(invite, invite.expiresAt - 1)).toBe(invite)
    expect(inviteAt(invite, invite.expiresAt)).toEqual({ ...invite, state: 'expired' })
  })

  it('closes a scheduled one at its last proposed time when that comes before its expiry', () => {
    const request = aScheduledRequest('req_s', FIXTURE_NOW + 10 * MINUTE)
    const last = Math.max(...request.proposedTimes)
    expect(inviteClosesAt(anInvite({ request, expiresAt: last + MINUTE }))).toBe(last)
    expect(inviteClosesAt(anInvite({ request, expiresAt: last - MINUTE }))).toBe(last - MINUTE)
  })

  it('leaves an invite the platform closed as the platform said', () => {
    const taken = anInvite({ state: 'taken' })
    expect(isInviteOpen(taken, FIXTURE_NOW)).toBe(false)
    expect(inviteAt(taken, taken.expiresAt)).toBe(taken)
  })
})
