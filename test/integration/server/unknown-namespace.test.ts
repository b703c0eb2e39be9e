import { io } from 'socket.io-client'
import { describe, expect, it } from 'vitest'
import { ConnectRefusal, PROTOCOL_VERSION } from '../../../src/shared/protocol'
import { useTestPlatform } from '../../support/test-platform'

describe('a connection to a namespace the platform does not have', () => {
  const platform = useTestPlatform()

  /** The error a client connecting to `namespace` is refused with. */
  async function refusedAt(namespace: string): Promise<Error & { data?: unknown }> {
    const socket = io(`${platform().server.url}${namespace}`, {
      transports: ['websocket'],
      reconnection: false,
      auth: { token: platform().addExpert().token, protocolVersion: PROTOCOL_VERSION },
    })
    try {
      return await new Promise((resolve) => socket.once('connect_error', resolve))
    } finally {
      socket.close()
    }
  }

  it('is refused saying which namespace, and to connect to the main one, as a refusal the app reads', async () => {
    const error = await refusedAt('/admin')
    expect(error.message).toBe(
      'This platform has no namespace "/admin", so the connection to it was refused; connect to the main namespace "/".',
    )
    expect(ConnectRefusal.parse(error.data)).toEqual({
      code: 'not_found',
      message: error.message,
      serverProtocolVersion: PROTOCOL_VERSION,
    })
  })

  it('quotes a very long name cut short', async () => {
    const error = await refusedAt(`/${'x'.repeat(5_000)}`)
    expect(error.message.length).toBeLessThan(1_000)
    expect(ConnectRefusal.safeParse(error.data).success).toBe(true)
  })
})
