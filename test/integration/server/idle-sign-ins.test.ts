import { describe, expect, it } from 'vitest'
import { HTTP_PATHS } from '../../../src/shared/protocol'
import { TOKEN_IDLE_MS } from '../../../server/src/auth'
import { useTestPlatform } from '../../support/test-platform'

const DAY = 24 * 60 * 60_000

describe('a sign-in nobody uses for the idle limit', () => {
  // The idle pass runs every 60 sweeps: about once a platform day here.
  const platform = useTestPlatform({ sweepIntervalMs: DAY / 60 })

  it('ends, over the socket and HTTP, while one whose socket stayed open all along goes on', async () => {
    const connected = platform().addExpert()
    const forgotten = platform().addExpert()
    const socket = await platform().connect(connected.token)
    const closed = new Promise((resolve) => socket.socket.once('disconnect', resolve))

    platform().clock.advance(TOKEN_IDLE_MS + 2 * DAY)

    // The open socket's token was in use however long ago it connected: it reconnects after a drop.
    expect(socket.socket.connected).toBe(true)
    socket.close()
    await closed
    expect((await platform().connect(connected.token)).welcome.expertId).toBe(connected.id)
    await expect(platform().connect(forgotten.token)).rejects.toMatchObject({
      data: { code: 'unauthorized', message: /sign in again/ },
    })
    const replay = await fetch(`${platform().server.url}${HTTP_PATHS.events}?after=0`, {
      headers: { authorization: `Bearer ${forgotten.token}` },
    })
    expect(replay.status).toBe(401)
  })
})
