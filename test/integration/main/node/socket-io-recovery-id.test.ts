// socket.io's connection state recovery is not the app's: it replays from its own cursor after
// every reconnect. A platform that offers it (a recovery id in its acceptance) is not sent that id
// back, nor a place in its stream taken from the events it sent, on the attempt after.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { Server } from 'socket.io'
import { PROTOCOL_VERSION } from '../../../../src/shared/protocol'
import { socketLink } from '../../../support/socket-link'
import { useCleanup } from '../../../support/cleanup'
import { waitForLinkState } from '../../../support/link-states'

describe('a platform with socket.io’s connection state recovery on', () => {
  const defer = useCleanup()

  it('is sent back neither its recovery id nor a place in its stream on the next attempt', async () => {
    const http = createServer()
    const io = new Server(http, { connectionStateRecovery: {} })
    const handshakes: Array<{ auth: unknown; recovered: boolean }> = []
    let connected: () => void = () => {}
    io.on('connection', (socket) => {
      handshakes.push({ auth: { ...socket.handshake.auth }, recovered: socket.recovered })
      // An event whose last value is text, which socket.io reads as the event's place in the stream.
      socket.emit('platform-event', 'offset-1')
      connected()
    })
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
    defer(() => new Promise<void>((resolve) => io.close(() => resolve())))
    const { link, clock } = socketLink(`http://127.0.0.1:${(http.address() as AddressInfo).port}`)
    defer(() => link.stop())

    const first = new Promise<void>((resolve) => (connected = resolve))
    link.start()
    await first
    for (const socket of io.sockets.sockets.values()) socket.conn.close()
    const waiting = await waitForLinkState(link, (s) => s.kind === 'waiting')
    const second = new Promise<void>((resolve) => (connected = resolve))
    if (waiting.kind === 'waiting') clock.advanceTo(waiting.nextAttemptAt)
    await second

    expect(handshakes.map((h) => h.auth)).toEqual([
      { token: 't', protocolVersion: PROTOCOL_VERSION },
      { token: 't', protocolVersion: PROTOCOL_VERSION },
    ])
    expect(handshakes.map((h) => h.recovered)).toEqual([false, false])
  })
})
