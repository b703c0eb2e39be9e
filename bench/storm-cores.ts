/**
 * Many app cores in one process, for bench/reconnect-storm.ts: each is the runtime the hosts
 * start (its own SQLite cache file, Node adapters, socket.io link with the link's own backoff and
 * jitter), signed in as its own expert. Reports when each core's cursor reaches the platform's
 * latest event id for its expert.
 */
import { join } from 'node:path'
import { createNodeAdapters } from '../src/main/node/adapters'
import type { Runtime } from '../src/main/node/runtime/start-runtime'
import { headlessHost, startNodeRuntime } from '../src/main/node/runtime/start-node-runtime'
import { systemClock } from '../src/shared/clock'

/** One expert a core signs in as. */
export interface StormExpert {
  readonly id: string
  readonly token: string
}

/** What the parent sends. */
export type StormCoresMessage =
  | {
      readonly type: 'start'
      readonly platformUrl: string
      readonly experts: ReadonlyArray<StormExpert>
      readonly dir: string
    }
  /** The platform's latest event id per expert: report when every core here has reached it. */
  | { readonly type: 'targets'; readonly latest: Readonly<Record<string, number>> }
  | { readonly type: 'report' }
  | { readonly type: 'stop' }

/** What this process reports. */
export type StormCoresReport =
  | { readonly type: 'online'; readonly cores: number }
  | {
      readonly type: 'caught-up'
      /** When each core that reached its target did, in this machine's wall-clock ms. */
      readonly at: ReadonlyArray<number>
      /** Cores still behind, with their connection status. */
      readonly behind: ReadonlyArray<string>
      /** The most connection attempts any core made before it was online again. */
      readonly maxAttempts: number
      /** CPU time this process used from the targets until the report. */
      readonly cpuMs: number
      /** Why connections were lost or attempts failed, with how often. */
      readonly reasons: Readonly<Record<string, number>>
      readonly rss: number
    }

const now = (): number => performance.timeOrigin + performance.now()
const quiet = { info: () => {}, warn: () => {}, error: () => {} }
const send = (message: StormCoresReport): void => void process.send?.(message)

interface Core {
  readonly expertId: string
  readonly runtime: Runtime
  /** Each cursor the cache reached, with when. */
  readonly cursors: Array<{ cursor: number; at: number }>
  /** Attempts to connect since the core was last online, and the most it ever needed. */
  attempts: number
  maxAttempts: number
}

const cores: Core[] = []
let targets: Readonly<Record<string, number>> | undefined
let reported = false
/** Why attempts failed, with how often, across every core here. */
const reasons = new Map<string, number>()
let cpuAtTargets = 0
const cpuMs = (): number => {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1_000
}

/** The time `core` first held a cursor at or past its target, if it has. */
function reachedAt(core: Core): number | undefined {
  const target = targets?.[core.expertId]
  if (target === undefined) return undefined
  return core.cursors.find((c) => c.cursor >= target)?.at
}

function report(force: boolean): void {
  if (targets === undefined || (reported && !force)) return
  const at: number[] = []
  const behind: string[] = []
  for (const core of cores) {
    const reached = reachedAt(core)
    if (reached === undefined) behind.push(`${core.expertId}: ${core.runtime.core.connection.status}`)
    else at.push(reached)
  }
  if (behind.length > 0 && !force) return
  reported = true
  const maxAttempts = Math.max(0, ...cores.map((c) => c.maxAttempts))
  send({
    type: 'caught-up',
    at,
    behind,
    maxAttempts,
    cpuMs: cpuMs() - cpuAtTargets,
    reasons: Object.fromEntries(reasons),
    rss: process.memoryUsage.rss(),
  })
}

async function startCore(platformUrl: string, expert: StormExpert, dataDir: string): Promise<Core> {
  const adapters = createNodeAdapters({ dataDir, out: { write: () => true }, log: quiet })
  await adapters.secrets.save({ platformUrl, token: expert.token, expertId: expert.id })
  const runtime = await startNodeRuntime({
    dataDir,
    adapters,
    clock: systemClock,
    log: quiet,
    host: headlessHost('bench', quiet),
  })
  const core: Core = { expertId: expert.id, runtime, cursors: [], attempts: 0, maxAttempts: 0 }
  runtime.core.cacheChanged.add(() => {
    core.cursors.push({ cursor: runtime.cache.cursor(), at: now() })
    report(false)
  })
  runtime.core.states.add((state) => {
    if (state.status === 'online') core.attempts = 0
    // A wait for the next attempt (a lost connection or a failed attempt); while an attempt is
    // under way the state names the present instead, on the platform's clock (which a core's
    // estimate may put a little ahead of this computer's: read by Date.now, a retry under way
    // counted as one more attempt).
    const waiting =
      (state.status === 'reconnecting' || state.status === 'offline') &&
      state.nextAttemptAt !== null &&
      state.nextAttemptAt > runtime.core.platformClock.now()
    if (!waiting) return
    core.attempts++
    core.maxAttempts = Math.max(core.maxAttempts, core.attempts)
    reasons.set(state.reason, (reasons.get(state.reason) ?? 0) + 1)
  })
  return core
}

function online(core: Core): Promise<void> {
  const { core: standby } = core.runtime
  return new Promise((resolve) => {
    if (standby.connection.status === 'online') return resolve()
    const off = standby.states.add((state) => {
      if (state.status !== 'online') return
      off()
      resolve()
    })
  })
}

process.on('message', (message: StormCoresMessage) => {
  if (message.type === 'start') {
    void (async () => {
      for (const [i, expert] of message.experts.entries())
        cores.push(await startCore(message.platformUrl, expert, join(message.dir, String(i))))
      await Promise.all(cores.map(online))
      send({ type: 'online', cores: cores.length })
    })()
  }
  if (message.type === 'targets') {
    targets = message.latest
    cpuAtTargets = cpuMs()
    report(false)
  }
  if (message.type === 'report') report(true)
  if (message.type === 'stop') {
    for (const core of cores) core.runtime.close()
    process.exit(0)
  }
})
