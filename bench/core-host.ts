/**
 * The two ends the core benches drive: the core in a child process (bench/core-child.ts), spoken
 * to over IPC, and a platform in this process that can be restarted on the same database and port.
 */
import { fork, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { systemClock } from '../src/shared/clock'
import { hashPassword } from '../server/src/auth'
import { MemoryLogger } from '../server/src/logger'
import { startPlatformServer, type PlatformServer } from '../server/src/platform-server'
import type { CoreChildStart } from './core-child'

/** Wall-clock milliseconds with sub-millisecond precision, comparable across processes. */
export const now = (): number => performance.timeOrigin + performance.now()

/** What the core child reports: its state, a notification it showed, its RSS. */
export type ChildMessage =
  | { type: 'state'; status: string; at: number }
  /**
   * `receivedAt`: when the core's socket had the packet that raised it; `waitedMs`: how long the
   * core's main thread had waited for a CPU by then, all told (NaN where the kernel does not say).
   */
  | { type: 'notified'; title: string; at: number; receivedAt: number; waitedMs: number }
  | { type: 'rss'; rss: number }
  | { type: 'cpu'; micros: number }

/** The core running in a child process. */
export class CoreChild {
  private readonly child: ChildProcess
  private readonly waiters = new Set<(m: ChildMessage) => boolean>()

  constructor() {
    this.child = fork(new URL('./core-child.ts', import.meta.url), [], {
      // BENCH_CORE_ARGV: more flags for the core's Node, to profile it where it runs
      // (BENCH_CORE_ARGV="--cpu-prof --cpu-prof-dir=/tmp/prof" npm run bench -- core).
      execArgv: ['--import', 'tsx', '--expose-gc', ...(process.env['BENCH_CORE_ARGV']?.split(' ') ?? [])],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    this.child.on('message', (m: ChildMessage) => {
      for (const waiter of [...this.waiters]) if (waiter(m)) this.waiters.delete(waiter)
    })
  }

  /** The child's process id, undefined if it could not start. */
  get pid(): number | undefined {
    return this.child.pid
  }

  /** Resolve with the next message matching `predicate`. Register before causing it. */
  next<T extends ChildMessage>(predicate: (m: ChildMessage) => m is T): Promise<T> {
    return new Promise((resolve) =>
      this.waiters.add((m) => {
        if (!predicate(m)) return false
        resolve(m)
        return true
      }),
    )
  }

  /** Start the core signed in as `expert` on `p`, and resolve once it is online. */
  async start(p: Platform, expert: { id: string; token: string }, dataDir: string): Promise<void> {
    const settled = this.next(isSettled)
    this.send({
      type: 'start',
      platformUrl: p.server.url,
      token: expert.token,
      expertId: expert.id,
      dataDir,
    })
    // A core that cannot follow the platform would otherwise leave the bench waiting for ever.
    const { status } = await settled
    if (status !== 'online') throw new Error(`The core stopped at "${status}" instead of going online.`)
  }

  /** The CPU time the core's process has used so far (user and system), in microseconds. */
  async cpuMicros(): Promise<number> {
    const reply = this.next((m): m is Extract<ChildMessage, { type: 'cpu' }> => m.type === 'cpu')
    this.send({ type: 'cpu' })
    return (await reply).micros
  }

  send(message: CoreChildStart | { type: 'rss' } | { type: 'cpu' } | { type: 'stop' }): void {
    this.child.send(message)
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve())
      this.send({ type: 'stop' })
    })
  }
}

/** The core is online. */
export const isOnline = (m: ChildMessage): m is Extract<ChildMessage, { type: 'state' }> =>
  m.type === 'state' && m.status === 'online'

/** Online, or a state the core does not leave by itself. */
export const isSettled = (m: ChildMessage): m is Extract<ChildMessage, { type: 'state' }> =>
  m.type === 'state' && ['online', 'incompatible', 'signed_out'].includes(m.status)

/** A platform in this process, restartable on the same database and port. */
export interface Platform {
  server: PlatformServer
  restart(): Promise<number>
  close(): Promise<void>
}

/** Start a platform whose database lives in `dir`. */
export async function platform(dir: string): Promise<Platform> {
  const options = {
    dbPath: join(dir, 'platform.db'),
    logger: new MemoryLogger(),
    clock: systemClock,
    // Every cached session fits the snapshot, so a first sign-in rebuilds all of them.
    marketplace: { snapshotHistoryMs: 365 * 24 * 60 * 60_000 },
  }
  let server = await startPlatformServer({ ...options, port: 0 })
  return {
    get server() {
      return server
    },
    async restart() {
      const port = server.port
      await server.close()
      server = await startPlatformServer({ ...options, port })
      return now()
    },
    close: () => server.close(),
  }
}

/** A new expert signed in on `p`, with a client to send it requests. */
export async function expertOn(p: Platform): Promise<{ id: string; token: string; clientId: string }> {
  const id = p.server.marketplace.createExpert({
    name: 'Bench Expert',
    email: `bench-${Date.now()}@example.test`,
    passwordHash: await hashPassword('bench'),
    timeZone: 'UTC',
  })
  const clientId = p.server.marketplace.createClient({ name: 'Bench Client', timeZone: 'UTC' })
  return { id, token: p.server.tokens.issue(id, Date.now()), clientId }
}
