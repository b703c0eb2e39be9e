import { describe, expect, it } from 'vitest'
import { ofType } from '../../support/expert-connection'
import { useTestPlatform } from '../../support/test-platform'

const CAP = 30

describe('a client sending command after command under fresh idempotency keys', () => {
  const platform = useTestPlatform({ marketplace: { maxIdempotencyKeysPerExpert: CAP } })
  const keysOf = (expertId: string): number =>
    (
      platform()
        .server.marketplace.db.prepare('SELECT COUNT(*) AS n FROM command_results WHERE expert_id = ?')
        .get(expertId) as { n: number }
    ).n

  it('cannot grow the stored answers past the bound, and a real accept is still answered the same', async () => {
    const expert = platform().addExpert()
    const bystander = platform().addExpert()
    const socket = await platform().connect(expert.token)
    const other = await platform().connect(bystander.token)
    const { request } = platform().inviteDirectly(expert.id, 'Borrow checker')
    await socket.waitForCount(1)
    const invite = socket.events
      .filter(ofType('invite.created'))
      .find((e) => e.payload.invite.request.id === request.id)!
    const accepted = await socket.command(
      'invite.accept',
      { inviteId: invite.payload.invite.id, proposedTime: null },
      'real-accept',
    )
    expect(accepted.ok).toBe(true)
    const bystanderAnswer = await other.command(
      'availability.set',
      { availability: 'away', onlineUntil: null },
      'bystander',
    )

    // The flood comes after: the accept's answer is the oldest the expert has.
    platform().clock.advance(1_000)
    for (let i = 0; i < CAP * 3; i++) {
      const ack = await socket.command('availability.set', {
        availability: i % 2 === 0 ? 'away' : 'online',
        onlineUntil: null,
      })
      expect(ack.ok).toBe(true)
    }
    platform().server.marketplace.compact()

    expect(keysOf(expert.id)).toBe(CAP)
    const retried = await socket.command(
      'invite.accept',
      { inviteId: invite.payload.invite.id, proposedTime: null },
      'real-accept',
    )
    expect(retried).toEqual({ ...accepted, serverTime: retried.serverTime })
    // Another expert's answers are theirs alone: the flood took none of them.
    const again = await other.command(
      'availability.set',
      { availability: 'away', onlineUntil: null },
      'bystander',
    )
    expect(again).toEqual({ ...bystanderAnswer, serverTime: again.serverTime })
  })
})
