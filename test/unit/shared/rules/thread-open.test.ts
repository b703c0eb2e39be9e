// Whether a thread takes new messages: an invite's thread follows the one rule for "open".
import { describe, expect, it } from 'vitest'
import { threadClosed, threadClosedBecause } from '../../../../src/shared/rules/thread-open'
import { anInvite, aScheduledRequest, FIXTURE_NOW, MINUTE } from '../../../support/fixtures'

describe('a thread open for messages', () => {
  it('closes an invite’s thread when its time runs out, saying it expired, before the platform says so', () => {
    const invite = anInvite({ expiresAt: FIXTURE_NOW + 5 * MINUTE })
    expect(threadClosed({ kind: 'invite', invite, now: invite.expiresAt - 1 })).toBeNull()
    expect(threadClosed({ kind: 'invite', invite, now: invite.expiresAt })).toEqual({
      expired: true,
      because: 'This invite expired: its messages stay here to read.',
    })
  })

  it('closes a scheduled invite’s thread at its last proposed time, as the invite closes', () => {
    const request = aScheduledRequest('req_s', FIXTURE_NOW + 10 * MINUTE)
    const last = Math.max(...request.proposedTimes)
    const invite = anInvite({ request, expiresAt: last + MINUTE })
    expect(threadClosedBecause({ kind: 'invite', invite, now: last - 1 })).toBeNull()
    expect(threadClosedBecause({ kind: 'invite', invite, now: last })).toMatch(/invite expired/)
  })

  it('says an invite closed otherwise is no longer open, and that a session ended or was cancelled', () => {
    const declined = anInvite({ state: 'declined' })
    expect(threadClosed({ kind: 'invite', invite: declined, now: FIXTURE_NOW })).toEqual({
      expired: false,
      because: 'This invite is no longer open: its messages stay here to read.',
    })
    expect(threadClosedBecause({ kind: 'session', state: 'live' })).toBeNull()
    expect(threadClosedBecause({ kind: 'session', state: 'ended' })).toMatch(/session has ended/)
    expect(threadClosedBecause({ kind: 'session', state: 'cancelled' })).toMatch(/was cancelled/)
  })
})
