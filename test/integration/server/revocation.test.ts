import { describe, expect, it } from 'vitest'
import { io } from 'socket.io-client'
import { HTTP_PATHS, PROTOCOL_VERSION, WELCOME_EVENT } from '../../../src/shared/protocol'
import type { ExpertConnection } from '../../support/expert-connection'
import { useTestPlatform } from '../../support/test-platform'

function disconnected(connection: ExpertConnection): Promise<string> {
  return new Promise((resolve) => connection.socket.once('disconnect', resolve))
}

describe('revoking a token cuts the connections made with it', () => {
  const platform = useTestPlatform()

  it('disconnects every socket of a signed-out token, which then gets no invite and can accept none', async () => {
    const expert = platform().addExpert()
    const sockets = [await platform().connect(expert.token), await platform().connect(expert.token)]
    const drops = sockets.map(disconnected)
    const out = await fetch(`${platform().server.url}${HTTP_PATHS.signOut}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${expert.token}` },
    })
    expect(out.status).toBe(200)
    expect(await Promise.all(drops)).toEqual(['io server disconnect', 'io server disconnect'])

    const created = platform().inviteDirectly(expert.id, 'After sign-out')
    expect(created.invitedExpertIds).toEqual([expert.id])
    for (const s of sockets) expect(s.events).toEqual([])
    const again = await platform()
      .connect(expert.token)
      .catch((e: unknown) => e)
    expect(again).toMatchObject({ data: { code: 'unauthorized' } })
  })

  it('keeps the expert’s other sign-ins connected', async () => {
    const expert = platform().addExpert()
    const other = platform().server.tokens.issue(expert.id, platform().clock.now())
    const revoked = await platform().connect(expert.token)
    const kept = await platform().connect(other)
    const drop = disconnected(revoked)
    platform().server.tokens.revoke(expert.token)
    await drop
    platform().inviteDirectly(expert.id, 'Still here')
    await kept.waitForCount(1)
    expect(kept.socket.connected).toBe(true)
  })

  it('disconnects a token deleted by any other statement', async () => {
    const expert = platform().addExpert()
    const socket = await platform().connect(expert.token)
    const drop = disconnected(socket)
    platform().server.marketplace.db.prepare('DELETE FROM tokens WHERE expert_id = ?').run(expert.id)
    expect(await drop).toBe('io server disconnect')
  })

  it('disconnects a socket whose token was revoked after its handshake was checked, before it connected', async () => {
    const expert = platform().addExpert()
    const { server } = platform()
    // Runs after the platform's own check, as anything between the check and the connection would.
    server.io.use((socket, next) => {
      if (socket.handshake.auth.token === expert.token) server.tokens.revoke(expert.token)
      next()
    })
    const socket = io(server.url, {
      auth: { token: expert.token, protocolVersion: PROTOCOL_VERSION },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    })
    const first = await new Promise((resolve) => {
      socket.once(WELCOME_EVENT, () => resolve('welcomed'))
      socket.once('disconnect', resolve)
    })
    expect(first).toBe('io server disconnect')
    expect(socket.connected).toBe(false)
  })
})
