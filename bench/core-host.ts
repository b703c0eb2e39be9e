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
import { sendIfAlive } from './child-messages'
import type { CoreChildAsk, CoreChildStart } from './core-child'
import type { Pause } from './tail-causes'

/** Wall-clock milliseconds with sub-millisecond precision, comparable across processes. */
export const now = (): number => performance.timeOrigin + performance.now()

/** What the core child reports: its state, a notification it showed, its RSS. */
export type ChildMessage =
  | { type: 'state'; status: string; at: number }
  /**
   * `receivedAt`: when the core's process read from its socket the packet that raised it (NaN if
   * no read was seen, bench/wire-marks.ts); `waitedMs`: how long the core's main thread had waited
   * for a CPU by then, all told (NaN where the kernel does not say).
   */
  | { type: 'notified'; title: string; at: number; receivedAt: number; waitedMs: number }
  | { type: 'rss'; rss: number }
  | { type: 'cpu'; micros: number }
  /** The core's garbage-collection pauses since its process started (epoch ms). */
  | { type: 'pauses'; pauses: Pause[] }

/**
 * The Node flags the core's process runs with: the tsx loader, `gc()` for the RSS figures, and
 * `extra` (BENCH_CORE_ARGV), split on any run of spaces, so the core can be profiled where it runs
 * (BENCH_CORE_ARGV="--cpu-prof --cpu-prof-dir=/tmp/prof" npm run bench -- core).
 */
export function coreChildExecArgv(extra: string | undefined): string[] {
  // An empty flag would be taken for the script's name, and the core's process would not start.
  return ['--import', 'tsx', '--expose-gc', ...(extra ?? '').split(/\s+/).filter((flag) => flag !== '')]
}

/** A wait for one of the child's messages, and how to end it when no message will come. */
interface Waiter {
  readonly take: (m: ChildMessage) => boolean
  readonly fail: (error: Error) => void
}

/** The core running in a child process. */
export class CoreChild {
  private readonly child: ChildProcess
  private readonly waiters = new Set<Waiter>()
  /** Why no message will come any more, once the child is gone. */
  private gone: Error | undefined

  constructor(extraFlags = process.env['BENCH_CORE_ARGV']) {
    this.child = fork(new URL('./core-child.ts', import.meta.url), [], {
      execArgv: coreChildExecArgv(extraFlags),
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    this.child.on('message', (m: ChildMessage) => {
      for (const waiter of [...this.waiters]) if (waiter.take(m)) this.waiters.delete(waiter)
    })
    // A core that crashed or could not start answers nothing: each wait ends with why, instead
    // of leaving the bench waiting for ever.
    this.child.on('exit', (code, signal) =>
      this.end(
        new Error(
          `The core's process exited (${signal ?? `code ${code}`}) while the bench waited for it; its output above says why.`,
        ),
      ),
    )
    // Only a process that could not be started lands here: a message the exiting core could not take
    // (EPIPE) is not an error of its own, and ending the waits with it, before 'exit' came, hid why
    // the core exited (sends go through sendIfAlive, whose callback takes that failure).
    this.child.on('error', (error) =>
      this.end(new Error(`The core's process could not be started: ${error.message}`, { cause: error })),
    )
  }

  /** The child's process id, undefined if it could not start. */
  get pid(): number | undefined {
    return this.child.pid
  }

  /** Resolve with the next message matching `predicate`. Register before causing it. */
  next<T extends ChildMessage>(predicate: (m: ChildMessage) => m is T): Promise<T> {
    return new Promise((resolve, reject) => {
      if (this.gone !== undefined) return reject(this.gone)
      this.waiters.add({
        take: (m) => {
          if (!predicate(m)) return false
          resolve(m)
          return true
        },
        fail: reject,
      })
    })
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

  /** The core's garbage-collection pauses so far; asked once, as it stops watching for them. */
  async pauses(): Promise<Pause[]> {
    const reply = this.next((m): m is Extract<ChildMessage, { type: 'pauses' }> => m.type === 'pauses')
    this.send({ type: 'pauses' })
    return (await reply).pauses
  }

  /** Send `message` to the core; one it can no longer take is dropped, and its waits end at 'exit'. */
  send(message: CoreChildStart | CoreChildAsk): void {
    sendIfAlive(this.child, message)
  }

  stop(): Promise<void> {
    if (this.gone !== undefined) return Promise.resolve()
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve())
      this.send({ type: 'stop' })
    })
  }

  private end(why: Error): void {
    this.gone ??= why
    for (const waiter of this.waiters) waiter.fail(this.gone)
    this.waiters.clear()
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
