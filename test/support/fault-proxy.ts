/**
 * A TCP proxy on loopback between the app and the platform that can misbehave on command: reset
 * every connection, refuse new ones, stall traffic (hold it, then let it through) both ways or only
 * what the platform sends (a command reaches it, its answer does not come back), or only what the
 * app sends (the platform's pings and pushes still come, nothing of the app's arrives), hold the
 * connections open now for good while new ones flow (a link that died without a FIN or RST), or
 * trickle what the platform sends at a few kilobytes per second, as a poor mobile link does, or
 * add latency (every byte arrives late, however few, as over a satellite), or
 * duplicate each new connection (a middlebox replaying it): the platform gets a second connection
 * carrying everything the app sends, whose answers go nowhere.
 */
import { createServer, type Server, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'
import { Transform, type TransformCallback, type Writable } from 'node:stream'

/** Which traffic a stall holds: both ways, only what the platform sends, or only what the app sends. */
export type StallDirection = 'both' | 'down' | 'up'

interface Pair {
  readonly client: Socket
  readonly upstream: Socket
  /** Where what the app sends goes: the platform, or a delay on the way to it. */
  readonly upTo: Writable
  /** Where what the platform sends goes: the app, or a delay or trickle on the way to it. */
  readonly downTo: Writable
  /** The delays and trickle between the two, destroyed with them. */
  readonly between: ReadonlyArray<Transform>
  /** The trickle on the way to the app, held with what the platform sends. */
  readonly trickle: Trickle | undefined
  /** Which ways the bytes flow now: a second pipe the same way would send every byte twice. */
  readonly flowing: { up: boolean; down: boolean }
  /** What this connection alone holds, whatever the proxy-wide stall says. */
  held: StallDirection | null
}

/** How often a trickling link lets its next slice through. */
const TRICKLE_TICK_MS = 20

/**
 * Passes bytes on at `bytesPerSecond`, in slices (of one byte at least, further apart on a slower
 * link); backpressure holds the source meanwhile. While held, no slice goes on, even of a chunk
 * part way through: a link that died mid-message.
 */
class Trickle extends Transform {
  /** Whether the link stopped carrying, and how to go on when it carries again. */
  private held: { readonly goOn: (() => void) | undefined } | undefined

  constructor(private bytesPerSecond: number) {
    super()
  }

  /** Carry `bytesPerSecond` from the next slice on, even of a chunk part way through. */
  slowTo(bytesPerSecond: number): void {
    this.bytesPerSecond = bytesPerSecond
  }

  /** Stop passing slices on (`on`), or pass them on again from where they stopped. */
  hold(on: boolean): void {
    if (on) return void (this.held ??= { goOn: undefined })
    const goOn = this.held?.goOn
    this.held = undefined
    goOn?.()
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const next = (offset: number): void => {
      if (this.destroyed) return
      if (this.held !== undefined) return void (this.held = { goOn: () => next(offset) })
      if (offset >= chunk.length) return done()
      const slice = Math.max(1, Math.floor((this.bytesPerSecond * TRICKLE_TICK_MS) / 1000))
      this.push(chunk.subarray(offset, offset + slice))
      const tickMs = Math.max(TRICKLE_TICK_MS, (1000 * slice) / this.bytesPerSecond)
      setTimeout(() => next(offset + slice), tickMs)
    }
    next(0)
  }
}

/** Passes each chunk on `delayMs` after it came, in order, however many are on their way. */
class Delay extends Transform {
  constructor(private readonly delayMs: number) {
    super()
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    // Timers of one delay fire in the order they were set: the bytes keep their order.
    setTimeout(() => {
      if (!this.destroyed) this.push(chunk)
    }, this.delayMs)
    done()
  }
}

/** A misbehaving loopback proxy to `127.0.0.1:targetPort`. */
export class FaultProxy {
  private readonly pairs = new Set<Pair>()
  private refusing = false
  private stalled: StallDirection | null = null
  private trickleRate: number | null = null
  private addedRoundTripMs: number | null = null
  private duplicating = false
  /** The shadow connections duplicates opened, still open. */
  private readonly shadows = new Set<Socket>()
  /** How many connections were duplicated. */
  duplicated = 0
  /** How many connections were reset on purpose. */
  resets = 0
  /** How many connections the app opened through the proxy (refused ones too). */
  opened = 0

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
    for (const shadow of this.shadows) shadow.resetAndDestroy()
    this.shadows.clear()
  }

  /** Refuse (reset at once) every new connection while on. */
  refuse(on: boolean): void {
    this.refusing = on
  }

  /**
   * Hold traffic while on, in both directions, only what the platform sends (`down`) or only what
   * the app sends (`up`); it flows again, in order, when turned off.
   */
  stall(on: boolean, direction: StallDirection = 'both'): void {
    this.stalled = on ? direction : null
    for (const pair of this.pairs) this.flow(pair)
  }

  /**
   * Hold the traffic of the connections open now, both ways or one way (held one way, then the
   * other, it is held both), until they are reset; connections opened later flow. Returns how many it holds.
   */
  hold(direction: StallDirection = 'both'): number {
    for (const pair of this.pairs) {
      pair.held = pair.held === null || pair.held === direction ? direction : 'both'
      this.flow(pair)
    }
    return this.pairs.size
  }

  /** Resolves once bytes the app sent are held on a connection held `up` (hold): what it sent last is on its way. */
  async untilHeldUp(): Promise<void> {
    while (![...this.pairs].some((pair) => !pair.flowing.up && pair.client.readableLength > 0))
      await new Promise((resolve) => setImmediate(resolve))
  }

  /** Connections opened from now on carry what the platform sends at `bytesPerSecond` (null: full speed). */
  trickle(bytesPerSecond: number | null): void {
    this.trickleRate = bytesPerSecond
  }

  /**
   * The connections open now that trickle, and those opened from now on, carry what the platform
   * sends at `bytesPerSecond` from their next slice on: a slow link that turned slower part way
   * through a message.
   */
  slowTo(bytesPerSecond: number): void {
    this.trickleRate = bytesPerSecond
    for (const pair of this.pairs) pair.trickle?.slowTo(bytesPerSecond)
  }

  /**
   * Connections opened from now on take `roundTripMs` longer for every round trip, half of it each
   * way, whatever they carry (null: no more than loopback's).
   */
  latency(roundTripMs: number | null): void {
    this.addedRoundTripMs = roundTripMs
  }

  /**
   * Connections opened from now on reach the platform twice: a second upstream connection gets a
   * copy of every byte the app sends, and what the platform answers on it is dropped.
   */
  duplicate(on: boolean): void {
    this.duplicating = on
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
    this.opened++
    if (this.refusing) {
      client.resetAndDestroy()
      return
    }
    const upstream = new (client.constructor as typeof Socket)()
    const oneWayMs = this.addedRoundTripMs === null ? null : this.addedRoundTripMs / 2
    const upDelay = oneWayMs === null ? undefined : new Delay(oneWayMs)
    const downDelay = oneWayMs === null ? undefined : new Delay(oneWayMs)
    const trickle = this.trickleRate === null ? undefined : new Trickle(this.trickleRate)
    const between = [upDelay, downDelay, trickle].filter((stage) => stage !== undefined)
    upDelay?.pipe(upstream)
    trickle?.pipe(client)
    downDelay?.pipe(trickle ?? client)
    const upTo = upDelay ?? upstream
    const downTo = downDelay ?? trickle ?? client
    const pair: Pair = {
      client,
      upstream,
      upTo,
      downTo,
      between,
      trickle,
      flowing: { up: false, down: false },
      held: null,
    }
    this.pairs.add(pair)
    const drop = (): void => {
      this.pairs.delete(pair)
      for (const stage of between) stage.destroy()
      client.destroy()
      upstream.destroy()
    }
    client.on('error', drop).on('close', drop)
    upstream.on('error', drop).on('close', drop)
    upstream.connect(this.targetPort, '127.0.0.1')
    this.flow(pair)
    if (this.duplicating) this.shadow(client)
  }

  /** A second upstream connection fed a copy of what `client` sends; its answers are read and dropped. */
  private shadow(client: Socket): void {
    const shadow = new (client.constructor as typeof Socket)()
    this.shadows.add(shadow)
    this.duplicated++
    const copy = (chunk: Buffer): void => void shadow.write(chunk)
    const drop = (): void => {
      this.shadows.delete(shadow)
      client.off('data', copy)
      shadow.destroy()
    }
    shadow.on('data', () => undefined)
    shadow.on('error', drop).on('close', drop)
    client.on('data', copy).on('close', drop)
    shadow.connect(this.targetPort, '127.0.0.1')
  }

  // Unpiping (not just pausing) holds the bytes in the readable buffers; a pipe would resume a
  // paused source on its own when the destination drains.
  private flow({ client, upstream, upTo, downTo, trickle, flowing, held }: Pair): void {
    const carries = (way: 'up' | 'down'): boolean =>
      [this.stalled, held].every((stall) => stall !== 'both' && stall !== way)
    const up = carries('up')
    const down = carries('down')
    if (up !== flowing.up) {
      if (up) client.pipe(upTo)
      else client.unpipe(upTo).pause()
    }
    if (down !== flowing.down) {
      if (down) upstream.pipe(downTo)
      else upstream.unpipe(downTo).pause()
      trickle?.hold(!down)
    }
    flowing.up = up
    flowing.down = down
  }
}
