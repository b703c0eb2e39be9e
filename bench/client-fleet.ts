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

/** A child process holding the client sockets. */
export class ClientFleet {
  private readonly child: ChildProcess
  private waiting = new Map<string, { resolve(d: Delivered): void; reject(e: Error): void }>()
  private early = new Map<string, Delivered>()
  /** The garbage-collection pauses of the child holding the sockets, as it reported them. */
  readonly pauses: Pause[] = []

  constructor() {
    this.child = fork(new URL('./fanout-clients.mjs', import.meta.url), [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      execArgv: clientExecArgv(process.execArgv),
    })
    this.child.on('message', (m: Delivered | ({ type: 'pause' } & Pause) | { type: 'ready' }) => {
      if (m.type === 'pause') this.pauses.push({ start: m.start, duration: m.duration })
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

  /**
   * Connect one socket per auth and resolve once each has `readyEvent`; rejects, saying why, if
   * any socket fails or is dropped first. With `reportAfterLoopTurn`, each delivery is told once the
   * child's loop has turned again (bench/after-loop-turn.mjs), as the core bench's core tells its own.
   */
  async connect(
    url: string,
    auths: ReadonlyArray<object>,
    readyEvent: string,
    expected: number,
    reportAfterLoopTurn = false,
  ): Promise<void> {
    const ready = nextMessage(this.child, 'ready', `connecting ${auths.length} sockets to ${url}`)
    sendIfAlive(this.child, { type: 'connect', url, auths, readyEvent, expected, reportAfterLoopTurn })
    await ready
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
