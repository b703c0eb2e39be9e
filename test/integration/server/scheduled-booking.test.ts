import { describe, expect, it } from 'vitest'
import { ofType } from '../../support/expert-connection'
import { useTestPlatform } from '../../support/test-platform'

const HOUR = 3_600_000

describe('booking a scheduled request', () => {
  const platform = useTestPlatform()

  it('refuses a time the client did not propose and books a proposed one', async () => {
    const expert = platform().addExpert()
    const socket = await platform().connect(expert.token)
    const now = platform().clock.now()
    const proposed = [now + 2 * HOUR, now + 3 * HOUR, now + 5 * HOUR]
    platform().server.marketplace.createRequest({
      clientId: platform().addClient(),
      title: 'Plan a migration',
      kind: 'scheduled',
      proposedTimes: proposed,
      direct: { expertId: expert.id, via: 'dashboard' },
    })
    const { payload } = await socket.waitForEvent(ofType('invite.created'))
    expect(payload.invite.request.proposedTimes).toEqual(proposed)

    const wrong = await socket.command('invite.accept', {
      inviteId: payload.invite.id,
      proposedTime: now + 4 * HOUR,
    })
    expect(wrong).toMatchObject({ ok: false, error: { code: 'not_proposed' } })
    const missing = await socket.command('invite.accept', { inviteId: payload.invite.id, proposedTime: null })
    expect(missing).toMatchObject({ ok: false, error: { code: 'invalid_payload' } })

    const booked = await socket.command('invite.accept', {
      inviteId: payload.invite.id,
      proposedTime: proposed[1]!,
    })
    expect(booked).toMatchObject({
      ok: true,
      result: { session: { state: 'booked', bookedStart: proposed[1] } },
    })
    const update = await socket.waitForEvent(ofType('session.updated'))
    expect(update.payload.session.bookedStart).toBe(proposed[1])
  })

  it('answers a repeated idempotency key with the first answer and books once', async () => {
    const expert = platform().addExpert()
    const socket = await platform().connect(expert.token)
    const now = platform().clock.now()
    platform().server.marketplace.createRequest({
      clientId: platform().addClient(),
      title: 'Retry safety',
      kind: 'scheduled',
      proposedTimes: [now + HOUR],
      direct: { expertId: expert.id, via: 'dashboard' },
    })
    const { payload } = await socket.waitForEvent(ofType('invite.created'))
    const first = await socket.command(
      'invite.accept',
      { inviteId: payload.invite.id, proposedTime: now + HOUR },
      'key-retry-0001',
    )
    const again = await socket.command(
      'invite.accept',
      { inviteId: payload.invite.id, proposedTime: now + HOUR },
      'key-retry-0001',
    )
    expect(again).toEqual(first)
    const count = platform()
      .server.marketplace.db.prepare('SELECT COUNT(*) AS n FROM sessions WHERE expert_id = ?')
      .get(expert.id) as { n: number }
    expect(count.n).toBe(1)
    const reused = await socket.command('invite.decline', { inviteId: payload.invite.id }, 'key-retry-0001')
    expect(reused).toMatchObject({ ok: false, error: { code: 'idempotency_key_reused' } })
  })
})
