/**
 * The platform runs for weeks while apps connect and go: each connection that ends, welcomed,
 * refused or cut, must leave nothing of itself behind (its sockets, rooms, timers, listeners).
 */
import { io as connectSocket } from 'socket.io-client'
import { describe, expect, it } from 'vitest'
import { PROTOCOL_VERSION } from '../../../src/shared/protocol'
import { useTestPlatform } from '../../support/test-platform'

const COUNT = 1_000

describe('the platform through many connections', () => {
  const platform = useTestPlatform()

  /** What the platform holds for connections, which must not grow with their number. */
  const held = () => {
    const { server, clock } = platform()
    const nsp = server.io.of('/')
    return {
      sockets: nsp.sockets.size,
      rooms: nsp.adapter.rooms.size,
      engineClients: server.io.engine.clientsCount,
      timers: clock.pendingTimers,
      nspListeners: nsp.listenerCount('connection'),
      adapterListeners: nsp.adapter.listenerCount('leave-room'),
    }
  }

  /** A handshake with a token the platform does not know, refused. */
  const refused = (): Promise<void> =>
    new Promise((resolve) => {
      const socket = connectSocket(platform().server.url, {
        auth: { token: 'not-a-token', protocolVersion: PROTOCOL_VERSION },
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
      })
      socket.once('connect_error', () => {
        socket.close()
        resolve()
      })
    })

  it('1,000 connections opened and closed (welcomed, asked, refused) leave what one left', async () => {
    const expert = platform().addExpert()
    const nsp = platform().server.io.of('/')
    const cycle = async (i: number): Promise<void> => {
      if (i % 4 === 3) return refused()
      const connection = await platform().connect(expert.token)
      if (i % 2 === 0) await connection.raw({}).catch(() => undefined)
      const [socket] = [...nsp.sockets.values()]
      if (socket === undefined) throw new Error('the platform holds no socket for the connection')
      const gone = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()))
      connection.close()
      await gone
    }
    for (let i = 0; i < 4; i++) await cycle(i)
    const after = held()
    for (let i = 0; i < COUNT; i++) await cycle(i)
    expect(held()).toEqual(after)
    expect(after).toMatchObject({ sockets: 0, rooms: 0 })
  }, 120_000)
})
