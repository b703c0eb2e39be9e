/**
 * A server of another protocol (mail, SSH) on a loopback port: it writes its greeting to each
 * connection and hangs up, as such a server does at a client that speaks HTTP to it.
 */
import { createServer, type AddressInfo } from 'node:net'

/** A running banner server. */
export interface BannerServer {
  readonly port: number
  close(): Promise<void>
}

/** Start a server that greets each connection with `banner` on a free loopback port. */
export async function startBannerServer(banner: string): Promise<BannerServer> {
  const server = createServer((socket) => {
    socket.on('error', () => {})
    socket.end(banner)
    // Dropped outright once the banner is out: a client may keep its side open, and the server's
    // close waits for every connection.
    socket.on('finish', () => socket.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
