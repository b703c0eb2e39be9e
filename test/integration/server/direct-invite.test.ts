import { describe, expect, it } from 'vitest'
import { ofType } from '../../support/expert-connection'
import { useTestPlatform } from '../../support/test-platform'

describe('a direct request', () => {
  const platform = useTestPlatform()

  it('reaches only the named expert, and another expert cannot accept it', async () => {
    const named = platform().addExpert({ tags: ['sql'] })
    const other = platform().addExpert({ tags: ['sql'] })
    const namedSocket = await platform().connect(named.token)
    const otherSocket = await platform().connect(other.token)

    const { invitedExpertIds } = platform().server.marketplace.createRequest({
      clientId: platform().addClient(),
      title: 'Query plan review',
      kind: 'instant',
      tags: ['sql'],
      direct: { expertId: named.id, via: 'profile' },
    })
    expect(invitedExpertIds).toEqual([named.id])

    const invite = await namedSocket.waitForEvent(ofType('invite.created'))
    expect(invite.payload.invite.reason).toBe('direct_profile')
    // A replay round-trip proves the other expert's stream holds nothing, without waiting on time.
    const othersStream = await otherSocket.replay(0)
    expect(othersStream.kind === 'events' && othersStream.events).toEqual([])
    expect(otherSocket.events).toEqual([])

    const stolen = await otherSocket.command('invite.accept', {
      inviteId: invite.payload.invite.id,
      proposedTime: null,
    })
    expect(stolen).toMatchObject({ ok: false, error: { code: 'not_found' } })

    const accepted = await namedSocket.command('invite.accept', {
      inviteId: invite.payload.invite.id,
      proposedTime: null,
    })
    expect(accepted.ok).toBe(true)
  })

  it('shows a dashboard request with its own reason', async () => {
    const named = platform().addExpert()
    const socket = await platform().connect(named.token)
    platform().server.marketplace.createRequest({
      clientId: platform().addClient(),
      title: 'Help from my dashboard',
      kind: 'instant',
      direct: { expertId: named.id, via: 'dashboard' },
    })
    const invite = await socket.waitForEvent(ofType('invite.created'))
    expect(invite.payload.invite.reason).toBe('direct_dashboard')
  })
})
