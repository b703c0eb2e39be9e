/**
 * A child process holding socket.io client connections (bench/fanout-clients.mjs), so the clients
 * do not share the measured server's event loop. It reports when the last expected recipient of
 * each request has its invite.
 */
import { fork, type ChildProcess } from 'node:child_process'
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
}

/** A child process holding the client sockets. */
export class ClientFleet {
  private readonly child: ChildProcess
  private waiting = new Map<string, (d: Delivered) => void>()
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
      const resolve = this.waiting.get(m.requestId)
      if (resolve) {
        this.waiting.delete(m.requestId)
        resolve(m)
      } else this.early.set(m.requestId, m)
    })
  }

  connect(url: string, auths: ReadonlyArray<object>, readyEvent: string, expected: number): Promise<void> {
    return new Promise((resolve) => {
      const onReady = (m: { type: string }): void => {
        if (m.type !== 'ready') return
        this.child.off('message', onReady)
        resolve()
      }
      this.child.on('message', onReady)
      this.child.send({ type: 'connect', url, auths, readyEvent, expected })
    })
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
    return new Promise((resolve) => this.waiting.set(requestId, resolve))
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve())
      this.child.send({ type: 'close' })
    })
  }
}
