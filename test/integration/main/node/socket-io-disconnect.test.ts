// The transport lets a connection go at once as it disconnects (a dead link never answers the
// WebSocket's closing handshake), but only after what socket.io still held for it has gone out:
// questions asked just before, and socket.io's goodbye, which a live platform hears.
import { describe, expect, it } from 'vitest'
import { socketIoTransport } from '../../../../src/main/node/socket-io-transport'
import { PROTOCOL_VERSION } from '../../../../src/shared/protocol'
import { startHostilePlatform } from '../../../support/hostile-platform'
import { useCleanup } from '../../../support/cleanup'

describe('disconnecting a live connection', () => {
  const defer = useCleanup()

  it('first sends what was asked just before, then says goodbye', async () => {
    const platform = await startHostilePlatform({})
    defer(() => platform.close())
    const heard: string[] = []
    const gone = new Promise<void>((resolve) =>
      platform.io.on('connection', (socket) => {
        socket.onAny((name: string, payload: { n?: number }) => heard.push(`${name} ${payload.n}`))
        socket.on('disconnect', (reason) => {
          heard.push(reason)
          resolve()
        })
      }),
    )
    let open: () => void = () => {}
    const opened = new Promise<void>((resolve) => (open = resolve))
    const connection = socketIoTransport(
      {
        platformUrl: platform.url,
        auth: { token: 't', protocolVersion: PROTOCOL_VERSION },
      },
      {
        opened: () => open(),
        failed: () => {},
        closed: () => {},
        received: () => {},
        passedOver: () => {},
        heard: () => {},
      },
    )
    connection.connect()
    await opened
    // socket.io writes the first at once and holds the others until that write is done.
    for (const n of [1, 2, 3]) connection.request('command', { n }).catch(() => {})
    connection.disconnect()
    await gone
    expect(heard).toEqual(['command 1', 'command 2', 'command 3', 'client namespace disconnect'])
  })
})
