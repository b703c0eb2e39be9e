/**
 * Core benches, with the core in a child process and the platform in this one:
 *  - invite → notifier latency for one expert on loopback, beside bare socket.io delivering the
 *    same invite payload to one client;
 *  - reconnect after a platform restart: time from the platform listening again until the core
 *    is caught up and online (median of 10);
 *  - the core's RSS, idle and online, with 10,000 cached sessions.
 */
import { fork, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Server } from 'socket.io'
import { systemClock } from '../src/shared/clock'
import type { Invite } from '../src/shared/protocol'
import { hashPassword } from '../server/src/auth'
import { MemoryLogger } from '../server/src/logger'
import { startPlatformServer, type PlatformServer } from '../server/src/platform-server'
import { manySessions } from '../test/support/fixtures'
import {
  blockHeadlines,
  formatBlocks,
  latencySide,
  runBlocks,
  type BlockResult,
  type LatencySide,
} from './blocks'
import { ClientFleet } from './client-fleet'
import type { Headline } from './headline'
import type { CoreChildStart } from './core-child'
import { median, mib, ms, percentile } from './stats'

const BLOCKS = 15
const ROUNDS_PER_BLOCK = 20
const RESTARTS = 10
const CACHED_SESSIONS = 10_000

const now = (): number => performance.timeOrigin + performance.now()

type ChildMessage =
  | { type: 'state'; status: string; at: number }
  | { type: 'notified'; title: string; at: number }
  | { type: 'rss'; rss: number }

/** The core running in a child process. */
class CoreChild {
  private readonly child: ChildProcess
  private readonly waiters = new Set<(m: ChildMessage) => boolean>()

  constructor() {
    this.child = fork(new URL('./core-child.ts', import.meta.url), [], {
      execArgv: ['--import', 'tsx', '--expose-gc'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    this.child.on('message', (m: ChildMessage) => {
      for (const waiter of [...this.waiters]) if (waiter(m)) this.waiters.delete(waiter)
    })
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
  async start(
    p: Platform,
    expert: { id: string; token: string },
    dataDir: string,
    preload?: CoreChildStart['preload'],
  ): Promise<void> {
    const settled = this.next(isSettled)
    this.send({
      type: 'start',
      platformUrl: p.server.url,
      token: expert.token,
      expertId: expert.id,
      dataDir,
      preload,
    })
    // A core that cannot follow the platform would otherwise leave the bench waiting for ever.
    const { status } = await settled
    if (status !== 'online') throw new Error(`The core stopped at "${status}" instead of going online.`)
  }

  send(message: CoreChildStart | { type: 'rss' } | { type: 'stop' }): void {
    this.child.send(message)
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve())
      this.send({ type: 'stop' })
    })
  }
}

const isOnline = (m: ChildMessage): m is Extract<ChildMessage, { type: 'state' }> =>
  m.type === 'state' && m.status === 'online'

/** Online, or a state the core does not leave by itself. */
const isSettled = (m: ChildMessage): m is Extract<ChildMessage, { type: 'state' }> =>
  m.type === 'state' && ['online', 'incompatible', 'signed_out'].includes(m.status)

interface Platform {
  server: PlatformServer
  restart(): Promise<number>
  close(): Promise<void>
}

async function platform(dir: string): Promise<Platform> {
  const options = { dbPath: join(dir, 'platform.db'), logger: new MemoryLogger(), clock: systemClock }
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

async function expertOn(p: Platform): Promise<{ id: string; token: string; clientId: string }> {
  const id = p.server.marketplace.createExpert({
    name: 'Bench Expert',
    email: `bench-${Date.now()}@example.test`,
    passwordHash: await hashPassword('bench'),
    timeZone: 'UTC',
  })
  const clientId = p.server.marketplace.createClient({ name: 'Bench Client', timeZone: 'UTC' })
  return { id, token: p.server.tokens.issue(id, Date.now()), clientId }
}

/** Rounds run before the blocks: they warm the path and give the baseline a real invite to send. */
const WARMUP_ROUNDS = 20

/** A core online as its own expert, and one invite round: request created → the core's notifier shows it. */
async function standbyInvites(
  p: Platform,
  dir: string,
): Promise<{ round: (index: number) => Promise<number>; sample: Invite; stop: () => Promise<void> }> {
  const expert = await expertOn(p)
  const core = new CoreChild()
  await core.start(p, expert, join(dir, 'latency'))
  let sample: Invite | undefined
  const round = async (index: number): Promise<number> => {
    const title = `Latency ${index}`
    const shown = core.next(
      (m): m is Extract<ChildMessage, { type: 'notified' }> =>
        m.type === 'notified' && m.title.endsWith(title),
    )
    const started = now()
    const { request } = p.server.marketplace.createRequest({
      clientId: expert.clientId,
      title,
      description: 'A request of ordinary size: a few sentences describing what is wrong and what was tried.',
      kind: 'instant',
      direct: { expertId: expert.id, via: 'dashboard' },
    })
    const { at } = await shown
    sample ??= {
      id: 'inv_sample',
      request,
      reason: 'direct_dashboard',
      sentAt: started,
      expiresAt: started + 300_000,
      state: 'open',
    }
    return at - started
  }
  for (let i = 0; i < WARMUP_ROUNDS; i++) await round(-1 - i)
  return { round, sample: sample as Invite, stop: () => core.stop() }
}

/** Bare socket.io with one client in a child process, and one round: emit `sample` → the client has it. */
async function rawInvites(
  sample: Invite,
): Promise<{ round: (index: number) => Promise<number>; stop: () => Promise<void> }> {
  const http = createServer()
  const io = new Server(http, { serveClient: false })
  io.on('connection', (socket) => {
    void socket.join('c0')
    socket.emit('ready')
  })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  const fleet = new ClientFleet()
  await fleet.connect(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, [{ index: 0 }], 'ready', 1)
  const round = async (index: number): Promise<number> => {
    const requestId = `raw-${index}`
    const started = now()
    const delivered = fleet.delivered(requestId)
    io.to('c0').emit('invite', { ...sample, request: { ...sample.request, id: requestId } })
    const { last } = await delivered
    return last - started
  }
  for (let i = 0; i < WARMUP_ROUNDS; i++) await round(-1 - i)
  return {
    round,
    async stop() {
      await fleet.close()
      await new Promise<void>((resolve) => io.close(() => resolve()))
    },
  }
}

/** Both sides up at once, measured in interleaved blocks. */
async function inviteLatency(
  p: Platform,
  dir: string,
): Promise<{ result: BlockResult; ours: LatencySide; raw: LatencySide }> {
  const standby = await standbyInvites(p, dir)
  const bare = await rawInvites(standby.sample)
  try {
    const ours = latencySide('Standby, request -> notifier', ROUNDS_PER_BLOCK, standby.round)
    const raw = latencySide('bare socket.io, emit -> client', ROUNDS_PER_BLOCK, bare.round)
    const result = await runBlocks({ ours, baseline: raw, blocks: BLOCKS })
    return { result, ours, raw }
  } finally {
    await bare.stop()
    await standby.stop()
  }
}

async function reconnects(p: Platform, dir: string): Promise<number[]> {
  const expert = await expertOn(p)
  const core = new CoreChild()
  await core.start(p, expert, join(dir, 'reconnect'))
  const times: number[] = []
  for (let i = 0; i < RESTARTS; i++) {
    const back = core.next(isOnline)
    const listening = await p.restart()
    // Something happened while it was down, so "resynced" includes a replay.
    p.server.marketplace.createRequest({
      clientId: expert.clientId,
      title: `While down ${i}`,
      kind: 'instant',
      direct: { expertId: expert.id, via: 'dashboard' },
    })
    const { at } = await back
    times.push(at - listening)
  }
  await core.stop()
  return times
}

async function idleRss(p: Platform, dir: string): Promise<{ before: number; after: number }> {
  const expert = await expertOn(p)
  // The same 10,000 session events in the platform's log and in the cache, so the core starts
  // caught up and only has to confirm it. Appended through the event log, so each carries the
  // stream's digest, as the cache's cursor must for the platform to know its history.
  const log = p.server.marketplace.events
  const events = log.transact(() =>
    manySessions(CACHED_SESSIONS, { expertId: expert.id }).map((session) =>
      log.append(expert.id, 'session.updated', { session }),
    ),
  )
  await p.restart()
  const core = new CoreChild()
  const isRss = (m: ChildMessage): m is Extract<ChildMessage, { type: 'rss' }> => m.type === 'rss'
  const baseline = core.next(isRss)
  core.send({ type: 'rss' })
  const before = (await baseline).rss
  await core.start(p, expert, join(dir, 'rss'), events)
  const rss = core.next(isRss)
  core.send({ type: 'rss' })
  const { rss: after } = await rss
  await core.stop()
  return { before, after }
}

/** Run the core benches, print their figures and return the headline ones. */
export async function benchCore(): Promise<ReadonlyArray<Headline>> {
  const dir = mkdtempSync(join(tmpdir(), 'standby-core-bench-'))
  const p = await platform(dir)
  try {
    console.log(
      `\n== Core: invite created on the platform -> notifier in the app's core, one expert, ${BLOCKS} blocks of ${ROUNDS_PER_BLOCK} rounds per side ==`,
    )
    const { result, ours, raw } = await inviteLatency(p, dir)
    for (const line of formatBlocks(result)) console.log(line)
    const row = (name: string, values: ReadonlyArray<number>): string =>
      `${name.padEnd(34)} p50 ${ms(percentile(values, 50)).padStart(10)}   p99 ${ms(percentile(values, 99)).padStart(10)}`
    console.log(`all ${ours.all.length} rounds of each side:`)
    console.log(row(raw.name, raw.all))
    console.log(row(ours.name, ours.all))
    const p99 = percentile(ours.all, 99)
    console.log(
      `(target: p99 < 3 ms: ${p99 < 3 ? 'met' : 'NOT met'}; the Standby figure includes the platform's transaction and the core's SQLite apply)`,
    )

    console.log(
      `\n== Core: reconnect after a platform restart, until caught up and online (${RESTARTS} restarts) ==`,
    )
    const times = await reconnects(p, dir)
    console.log(
      `median ${ms(median(times))}   max ${ms(Math.max(...times))}   (target: median < 2 s; the first retry waits 0.75–1 s by design)`,
    )

    console.log(
      `\n== Core: RSS, idle and online, with ${CACHED_SESSIONS.toLocaleString('en')} cached sessions ==`,
    )
    const { before, after } = await idleRss(p, dir)
    console.log(`bare Node process (with the tsx loader), before the core starts  ${mib(before)}`)
    console.log(
      `the same process with the core online and the cache open      ${mib(after)}   (+${mib(after - before)})`,
    )
    return [
      ...blockHeadlines('invite -> notifier', result),
      { name: 'invite -> notifier p99, Standby, all rounds', value: p99, unit: 'ms' },
      { name: 'reconnect median', value: median(times), unit: 'ms' },
      { name: 'RSS above the bare process', value: after - before, unit: 'bytes' },
    ]
  } finally {
    await p.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
