/**
 * A TCP proxy on loopback between the app and the platform that can misbehave on command: reset
 * every connection, refuse new ones, or stall traffic (hold it, then let it through).
 */
import { createServer, type Server, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'

interface Pair {
  readonly client: Socket
  readonly upstream: Socket
}

/** A misbehaving loopback proxy to `127.0.0.1:targetPort`. */
export class FaultProxy {
  private readonly pairs = new Set<Pair>()
  private refusing = false
  private stalled = false
  /** How many connections were reset on purpose. */
  resets = 0

  private constructor(
    private readonly server: Server,
    readonly port: number,
    private targetPort: number,
  ) {}

  /** Start a proxy on a free port. */
  static async start(targetPort: number): Promise<FaultProxy> {
    const accept: { to?: FaultProxy } = {}
    const server = createServer((client) => accept.to?.accept(client))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    accept.to = new FaultProxy(server, (server.address() as AddressInfo).port, targetPort)
    return accept.to
  }

  /** The proxy's URL, for the app to use as its platform URL. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`
  }

  /** Point the proxy at another upstream port (a restarted platform on a new port). */
  retarget(port: number): void {
    this.targetPort = port
  }

  /** Reset every open connection (RST), as a dropped network does. */
  resetAll(): void {
    for (const pair of this.pairs) {
      pair.client.resetAndDestroy()
      pair.upstream.destroy()
      this.resets++
    }
    this.pairs.clear()
  }

  /** Refuse (reset at once) every new connection while on. */
  refuse(on: boolean): void {
    this.refusing = on
  }

  /** Hold all traffic in both directions while on; it flows again, in order, when turned off. */
  stall(on: boolean): void {
    this.stalled = on
    for (const pair of this.pairs) this.flow(pair, !on)
  }

  /** Open connections right now. */
  get connections(): number {
    return this.pairs.size
  }

  /** Stop the proxy and drop every connection. */
  async close(): Promise<void> {
    this.resetAll()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  private accept(client: Socket): void {
    if (this.refusing) {
      client.resetAndDestroy()
      return
    }
    const upstream = new (client.constructor as typeof Socket)()
    const pair: Pair = { client, upstream }
    this.pairs.add(pair)
    const drop = (): void => {
      this.pairs.delete(pair)
      client.destroy()
      upstream.destroy()
    }
    client.on('error', drop).on('close', drop)
    upstream.on('error', drop).on('close', drop)
    upstream.connect(this.targetPort, '127.0.0.1')
    this.flow(pair, !this.stalled)
  }

  // Unpiping (not just pausing) holds the bytes in the readable buffers; a pipe would resume a
  // paused source on its own when the destination drains.
  private flow({ client, upstream }: Pair, on: boolean): void {
    if (on) {
      client.pipe(upstream)
      upstream.pipe(client)
    } else {
      client.unpipe(upstream)
      upstream.unpipe(client)
      client.pause()
      upstream.pause()
    }
  }
}
