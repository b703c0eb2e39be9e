/**
 * Connections to a test platform as if from another address than this machine's: tests talk only
 * to 127.0.0.1, so a relay accepts each on loopback and hands the platform its side with the peer
 * address a test names.
 */
import { connect, createServer, type Server, type Socket } from 'node:net'
import { afterAll, beforeAll } from 'vitest'
import type { TestPlatform } from './test-platform'

/** A connection to `platform` as if from the address it is given (a relay open for the suite). */
export function peerRelay(platform: () => TestPlatform) {
  let relay: Server
  let port = 0
  // The relay takes connections in the order they were opened, each maybe after the next was
  // opened (its opener resolves at connect, before the relay's accept): one address each, in turn.
  const addresses: string[] = []
  beforeAll(async () => {
    relay = createServer((side) => {
      Object.defineProperty(side, 'remoteAddress', { value: addresses.shift() })
      platform().server.io.httpServer.emit('connection', side)
    })
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve))
    port = (relay.address() as { port: number }).port
  })
  afterAll(() => new Promise<void>((resolve) => relay.close(() => resolve())))
  return (address: string): Promise<Socket> => {
    addresses.push(address)
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => resolve(socket))
      socket.on('error', reject)
    })
  }
}

/** Send `request` on `socket` and resolve with the status line and body the platform answers. */
export function exchange(socket: Socket, request: string): Promise<string> {
  let text = ''
  socket.setEncoding('utf8')
  socket.on('data', (chunk: string) => (text += chunk))
  socket.write(request)
  return new Promise((resolve) => socket.once('close', () => resolve(text)))
}
