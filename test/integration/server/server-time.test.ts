import { describe, expect, it } from 'vitest'
import { useTestPlatform } from '../../support/test-platform'

describe('the platform’s time on the wire', () => {
  const platform = useTestPlatform()

  it('is in the welcome and in every acknowledgement, refusals included', async () => {
    const { token } = platform().addExpert()
    const connection = await platform().connect(token)
    expect(connection.welcome.serverTime).toBe(platform().clock.now())
    platform().clock.advance(5_000)
    const refused = await connection.command('invite.decline', { inviteId: 'inv_nobody' })
    expect(refused).toMatchObject({ ok: false, serverTime: platform().clock.now() })
    const malformed = await connection.raw({ name: 'no.such', idempotencyKey: 'key-12345', payload: {} })
    expect(malformed).toMatchObject({ ok: false, serverTime: platform().clock.now() })
    platform().clock.advance(5_000)
    const accepted = await connection.command('availability.set', { availability: 'away', onlineUntil: null })
    expect(accepted).toMatchObject({ ok: true, serverTime: platform().clock.now() })
  })
})
