import { describe, expect, it } from 'vitest'
import { bookScheduled } from '../../support/booking'
import type { ExpertConnection } from '../../support/expert-connection'
import { useTestPlatform } from '../../support/test-platform'

const MINUTE = 60_000

describe('an instant session accepted beside the expert’s scheduled sessions', () => {
  const platform = useTestPlatform()

  /** A client sends `expertId` a direct instant request expected to take `minutes`; its invite's id. */
  async function instantInvite(socket: ExpertConnection, expertId: string, title: string, minutes: number) {
    const clientId = platform().addClient('Robin')
    const { request } = platform().server.marketplace.createRequest({
      clientId,
      title,
      kind: 'instant',
      expectedDurationMinutes: minutes,
      direct: { expertId, via: 'dashboard' },
    })
    const created = await socket.waitForEvent(
      (e) => e.type === 'invite.created' && e.payload.invite.request.id === request.id,
    )
    if (created.type !== 'invite.created') throw new Error('no invite')
    return created.payload.invite.id
  }

  it('is refused, saying which booking it would run into and what to do, when it would run past that booking’s start', async () => {
    const expert = platform().addExpert()
    const socket = await platform().connect(expert.token)
    const start = platform().clock.now() + 20 * MINUTE
    bookScheduled(platform(), {
      expertId: expert.id,
      clientId: platform().addClient('Sam'),
      title: 'Tax review',
      start,
    })
    const inviteId = await instantInvite(socket, expert.id, 'Quick question', 30)
    const refusal = await socket.command('invite.accept', { inviteId, proposedTime: null })
    expect(refusal).toMatchObject({ ok: false, error: { code: 'conflict' } })
    const message = (refusal as { error: { message: string } }).error.message
    expect(message).toContain('“Tax review”')
    expect(message).toMatch(/expected to take 30 minutes/)
    expect(message).toMatch(/decline it, or move or cancel that booking first\.$/)
    // Nothing was taken: the invite is still open and the expert is not busy.
    expect(platform().server.marketplace.store.expert(expert.id).availability).toBe('online')
  })

  it('is refused as well while that booking’s start window is open', async () => {
    const expert = platform().addExpert()
    const socket = await platform().connect(expert.token)
    const start = platform().clock.now() + 30 * MINUTE
    bookScheduled(platform(), {
      expertId: expert.id,
      clientId: platform().addClient('Sam'),
      title: 'Soon',
      start,
    })
    platform().clock.advanceTo(start - 5 * MINUTE)
    const inviteId = await instantInvite(socket, expert.id, 'Now', 5)
    expect(await socket.command('invite.accept', { inviteId, proposedTime: null })).toMatchObject({
      ok: false,
      error: {
        code: 'conflict',
        message: expect.stringMatching(/“Soon” at .* can be started now.*start that one, or decline this\.$/),
      },
    })
  })

  it('is taken when it is expected to end before the booking, and beside another live session', async () => {
    const expert = platform().addExpert()
    const socket = await platform().connect(expert.token)
    const start = platform().clock.now() + 60 * MINUTE
    bookScheduled(platform(), {
      expertId: expert.id,
      clientId: platform().addClient('Sam'),
      title: 'Later',
      start,
    })
    const first = await instantInvite(socket, expert.id, 'Short one', 30)
    expect(await socket.command('invite.accept', { inviteId: first, proposedTime: null })).toMatchObject({
      ok: true,
    })
    const second = await instantInvite(socket, expert.id, 'Another short one', 15)
    expect(await socket.command('invite.accept', { inviteId: second, proposedTime: null })).toMatchObject({
      ok: true,
    })
  })
})
