// A connection the app has closed may linger: its WebSocket waits for the platform's answer to its
// close, which a slow link brings only behind the rest of a message still on its way. Bytes of that
// message tell nothing of the next connection: not that it is carrying, nor that it lives.
import { createHash } from 'node:crypto'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { describe, expect, it } from 'vitest'
import type { LinkTransportHandlers } from '../../../../src/main/core/ports/link-transport'
import { socketIoTransport } from '../../../../src/main/node/socket-io-transport'
import { PROTOCOL_VERSION } from '../../../../src/shared/protocol'
import { useCleanup } from '../../../support/cleanup'

/** A WebSocket frame from the server (unmasked) whose header says `length` bytes of text, and `payload` of them. */
function textFrame(payload: string, length = Buffer.byteLength(payload)): Buffer {
  const header =
    length < 126 ? Buffer.from([0x81, length]) : Buffer.from([0x81, 126, length >> 8, length & 0xff])
  return Buffer.concat([header, Buffer.from(payload)])
}

/** The server's answer to a WebSocket upgrade asked with `request`. */
function upgraded(request: IncomingMessage): string {
  const accept = createHash('sha1')
    .update(`${String(request.headers['sec-websocket-key'])}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`)
    .digest('base64')
  return `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`
}

/**
 * A platform speaking engine.io and socket.io by hand over its connections' raw bytes: it lets the
 * first in (never pinging it, and never answering its close), and answers none of the later ones.
 */
async function handMadePlatform(defer: ReturnType<typeof useCleanup>) {
  const server = createServer()
  const upgrades: Socket[] = []
  let arrived = (): void => {}
  server.on('upgrade', (request: IncomingMessage, socket: Socket) => {
    upgrades.push(socket)
    arrived()
    socket.on('error', () => {})
    if (upgrades.length > 1) return
    socket.write(upgraded(request))
    const handshake = { sid: 'a', upgrades: [], pingInterval: 300, pingTimeout: 200, maxPayload: 1e6 }
    socket.write(textFrame(`0${JSON.stringify(handshake)}`))
    // The app's socket.io connect comes next; what it carries is not read here.
    socket.once('data', () => socket.write(textFrame('40{"sid":"s"}')))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  defer(() => new Promise<void>((resolve) => server.close(() => resolve())))
  defer(() => upgrades.forEach((socket) => socket.destroy()))
  const upgradesMade = (count: number): Promise<Socket> =>
    new Promise((resolve) => {
      arrived = () => upgrades.length >= count && resolve(upgrades[count - 1]!)
      arrived()
    })
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, upgradesMade }
}

describe('the socket.io transport after a connection closed part way through a message', () => {
  const defer = useCleanup()

  it('tells nothing of the next connection from bytes still arriving on the closed one', async () => {
    const platform = await handMadePlatform(defer)
    const heard = { crossings: 0, anything: 0 }
    let open = (): void => {}
    let close = (): void => {}
    const opened = new Promise<void>((resolve) => (open = resolve))
    const closed = new Promise<void>((resolve) => (close = resolve))
    const handlers: LinkTransportHandlers = {
      opened: () => open(),
      failed: () => {},
      closed: () => close(),
      received: () => {},
      passedOver: () => {},
      heard: () => heard.anything++,
      crossing: () => heard.crossings++,
    }
    const auth = { token: 't', protocolVersion: PROTOCOL_VERSION }
    const connection = socketIoTransport({ platformUrl: platform.url, auth }, handlers)
    defer(() => connection.disconnect())
    connection.connect()
    const first = await platform.upgradesMade(1)
    await opened
    // A long message begins; then nothing more of it, nor a ping, until the app gives up on it.
    const length = 10_000
    first.write(textFrame('x'.repeat(100), length))
    await closed

    heard.crossings = 0
    heard.anything = 0
    connection.connect()
    await platform.upgradesMade(2)
    // The rest of the message reaches the closed connection, which lingers, while the next one
    // has heard nothing of its platform.
    const over = new Promise((resolve) => first.once('close', resolve))
    first.end(Buffer.from('x'.repeat(length - 100)))
    await over
    expect(heard).toEqual({ crossings: 0, anything: 0 })
  })
})
