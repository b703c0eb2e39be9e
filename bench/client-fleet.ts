/**
 * A child process holding socket.io client connections (bench/fanout-clients.mjs), so the clients
 * do not share the measured server's event loop. It reports when the last expected recipient of
 * each request has its invite.
 */
import { fork, type ChildProcess } from 'node:child_process'
import { childEnded, nextMessage, sendIfAlive } from './child-messages'
import type { Pause } from './tail-causes'

/**
 * The Node flags the client process starts with: the servers' process's own, less its young
 * generation's size, so that a run trying a young generation for the servers leaves the clients'
 * collections as they were (both sides' clients share them, and they move a p99 ratio).
 */
export function clientExecArgv(serverExecArgv: ReadonlyArray<string>): string[] {
  return serverExecArgv.filter((flag) => !/^--(max|min)[-_]semi[-_]space[-_]size\b/.test(flag))
}

/** One request delivered to every expected recipient, with the first and last arrival times. */
export interface Delivered {
  type: 'delivered'
  requestId: string
  first: number
  last: number
  /** When each heartbeat ping reached the clients since the delivery before this one (epoch ms). */
  pings?: number[]
}

/** A socket the child lost after its ready event, as it told it. */
interface Drop {
  url: string
  /** How many sockets the child holds for `url`. */
  of: number
  /** socket.io's disconnect reason. */
  reason: string
}

// What each of socket.io's disconnect reasons says about who ended the connection.
const reasons: Record<string, string> = {
  'io server disconnect': 'the server disconnected them',
  'ping timeout': "no heartbeat ping came from the server in time (the clients' side gave up)",
  'transport close':
    'their connections were closed, by the server (its heartbeat timeout too) or the network',
  'transport error': 'their connections failed',
  'parse error': 'the server sent a packet they could not read',
}

const named = (url: string, names: ReadonlyMap<string, string>): string => {
  const name = names.get(url)
  return name === undefined ? url : `${name} (${url})`
}

/** What the bench says when sockets dropped after ready: how many, to which server, why. */
export function droppedMessage(drops: ReadonlyArray<Drop>, names: ReadonlyMap<string, string>): string {
  const counts = new Map<string, { drop: Drop; count: number }>()
  for (const drop of drops) {
    const key = `${drop.url} ${drop.reason}`
    const seen = counts.get(key) ?? { drop, count: 0 }
    seen.count++
    counts.set(key, seen)
  }
  const parts = [...counts.values()].map(
    ({ drop, count }) =>
      `${count} of ${drop.of} client sockets of ${named(drop.url, names)} ` +
      `disconnected after they were ready: socket.io said '${drop.reason}', ` +
      `${reasons[drop.reason] ?? 'a reason it does not explain'}`,
  )
  return (
    `${parts.join('; ')}. Reconnection is off, so their side's rounds can no longer reach every ` +
    `recipient and this run is void; a heavily loaded machine misses heartbeats, so run the bench ` +
    `again when it is quieter`
  )
}

/** How a group of sockets connects: its name in messages, and when deliveries are told. */
export interface ConnectOptions {
  /** The side these sockets belong to, as the bench's messages name it; the URL if not given. */
  name?: string
  /** Tell each delivery once the child's loop has turned again (bench/after-loop-turn.mjs). */
  reportAfterLoopTurn?: boolean
}

/** A child process holding the client sockets. */
export class ClientFleet {
  private readonly child: ChildProcess
  private waiting = new Map<string, { resolve(d: Delivered): void; reject(e: Error): void }>()
  private early = new Map<string, Delivered>()
  private readonly drops: Drop[] = []
  private readonly names = new Map<string, string>()
  /** The garbage-collection pauses of the child holding the sockets, as it reported them. */
  readonly pauses: Pause[] = []

  constructor() {
    this.child = fork(new URL('./fanout-clients.mjs', import.meta.url), [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      execArgv: clientExecArgv(process.execArgv),
    })
    type Message =
      Delivered | ({ type: 'pause' } & Pause) | { type: 'ready' } | { type: 'dropped'; drops: Drop[] }
    this.child.on('message', (m: Message) => {
      if (m.type === 'pause') this.pauses.push({ start: m.start, duration: m.duration })
      if (m.type === 'dropped') this.onDropped(m.drops)
      if (m.type !== 'delivered') return
      const waiting = this.waiting.get(m.requestId)
      if (waiting) {
        this.waiting.delete(m.requestId)
        waiting.resolve(m)
      } else this.early.set(m.requestId, m)
    })
    // A child that died delivers nothing more: what waits on it ends, or the bench would hang.
    this.child.once('exit', (code, signal) => {
      const gone = new Error(
        `the process holding the bench's client sockets ended (code ${String(code)}, signal ` +
          `${String(signal)}); its own error is printed above`,
      )
      for (const { reject } of this.waiting.values()) reject(gone)
      this.waiting.clear()
    })
  }

  // A socket dropped after ready leaves its side's rounds short of a recipient for good: what waits
  // now, and every later wait, fails saying so, where the bench waited for ever.
  private onDropped(drops: ReadonlyArray<Drop>): void {
    this.drops.push(...drops)
    const error = this.dropError()
    for (const { reject } of this.waiting.values()) reject(error)
    this.waiting.clear()
  }

  private dropError(): Error {
    return new Error(droppedMessage(this.drops, this.names))
  }

  /**
   * Connect one socket per auth and resolve once each has `readyEvent`; rejects, saying why, if
   * any socket fails or is dropped first, or if any earlier socket was dropped after its ready.
   * The core bench asks for `reportAfterLoopTurn`, as its core tells its own deliveries.
   */
  async connect(
    url: string,
    auths: ReadonlyArray<object>,
    readyEvent: string,
    expected: number,
    { name, reportAfterLoopTurn = false }: ConnectOptions = {},
  ): Promise<void> {
    if (this.drops.length > 0) throw this.dropError()
    if (name !== undefined) this.names.set(url, name)
    const ready = nextMessage(this.child, 'ready', `connecting ${auths.length} sockets to ${name ?? url}`)
    sendIfAlive(this.child, { type: 'connect', url, auths, readyEvent, expected, reportAfterLoopTurn })
    await ready
  }

  /**
   * Close the sockets connected to `url`, before its server closes them: a server closing its
   * sockets would otherwise look like a drop and fail every later round of the other sides.
   */
  async release(url: string): Promise<void> {
    const released = nextMessage(this.child, 'released', `letting go of the sockets to ${url}`)
    sendIfAlive(this.child, { type: 'release', url })
    await released
  }

  /** The child's process id, undefined if it could not start. */
  get pid(): number | undefined {
    return this.child.pid
  }

  delivered(requestId: string): Promise<Delivered> {
    const done = this.early.get(requestId)
    if (done) {
      this.early.delete(requestId)
      return Promise.resolve(done)
    }
    if (this.drops.length > 0) return Promise.reject(this.dropError())
    if (this.child.exitCode !== null || this.child.signalCode !== null) {
      return Promise.reject(new Error(`the process holding the bench's client sockets has ended`))
    }
    return new Promise((resolve, reject) => this.waiting.set(requestId, { resolve, reject }))
  }

  /** Close every socket and end the child; resolves at once if it already ended. */
  close(): Promise<void> {
    const ended = childEnded(this.child)
    sendIfAlive(this.child, { type: 'close' })
    return ended
  }
}
