/**
 * The baseline server of the socket benches: bare socket.io on loopback, each client in a room
 * named after the index it presents (`c0`, `c1`, …), told `ready` once it joined.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Server } from 'socket.io'

/** A listening bare socket.io server, the URL clients connect to, and how to close it. */
export interface BareSocketIo {
  readonly io: Server
  readonly url: string
  close(): Promise<void>
}

/** Start bare socket.io on a free loopback port. Clients send `{ index }` as their handshake auth. */
export async function startBareSocketIo(): Promise<BareSocketIo> {
  const http = createServer()
  const io = new Server(http, { serveClient: false })
  io.on('connection', (socket) => {
    void socket.join(`c${String((socket.handshake.auth as { index: number }).index)}`)
    socket.emit('ready')
  })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  return {
    io,
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => io.close(() => resolve())),
  }
}
