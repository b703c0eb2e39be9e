import { describe, expect, it } from 'vitest'
import { MAX_TOKENS_PER_EXPERT } from '../../../server/src/auth'
import { MAX_SOCKETS_PER_TOKEN } from '../../../server/src/socket-gateway'
import type { ExpertConnection } from '../../support/expert-connection'
import { useTestPlatform } from '../../support/test-platform'

describe('one sign-in holds a bounded number of sockets', () => {
  const platform = useTestPlatform()

  it('refuses one socket over the cap with a sentence, and lets one in again once another closed', async () => {
    const expert = platform().addExpert()
    const open: ExpertConnection[] = []
    for (let i = 0; i < MAX_SOCKETS_PER_TOKEN; i++) open.push(await platform().connect(expert.token))
    const refused = await platform()
      .connect(expert.token)
      .catch((e: unknown) => e)
    expect(refused).toMatchObject({
      data: { code: 'rate_limited', message: expect.stringMatching(/close another Standby window/) },
    })
    // Another sign-in of the same expert has its own allowance.
    const other = platform().server.tokens.issue(expert.id, platform().clock.now())
    await expect(platform().connect(other)).resolves.toBeDefined()

    const left = new Promise<void>((resolve) =>
      platform()
        .server.io.of('/')
        .adapter.once('leave-room', () => resolve()),
    )
    open.pop()?.close()
    await left
    await expect(platform().connect(expert.token)).resolves.toBeDefined()
  })

  it('refuses every handshake over the cap even when they all arrive at once', async () => {
    const expert = platform().addExpert()
    const tries = await Promise.allSettled(
      Array.from({ length: MAX_SOCKETS_PER_TOKEN + 4 }, () => platform().connect(expert.token)),
    )
    expect(tries.filter((t) => t.status === 'fulfilled')).toHaveLength(MAX_SOCKETS_PER_TOKEN)
    for (const t of tries) if (t.status === 'fulfilled') t.value.close()
  })

  it('ends the oldest sign-in of an expert who signs in again and again, and cuts its socket', async () => {
    const expert = platform().addExpert()
    const oldest = await platform().connect(expert.token)
    const dropped = new Promise<string>((resolve) => oldest.socket.once('disconnect', resolve))
    for (let i = 0; i < MAX_TOKENS_PER_EXPERT; i++)
      platform().server.tokens.issue(expert.id, platform().clock.now())
    expect(await dropped).toBe('io server disconnect')
    const again = await platform()
      .connect(expert.token)
      .catch((e: unknown) => e)
    expect(again).toMatchObject({ data: { code: 'unauthorized' } })
  })
})
