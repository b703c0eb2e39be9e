/**
 * The reference platform in its own process, for bench/reconnect-storm.ts, so its CPU and RSS are
 * its own. It can create the bench's experts, add an invite for every expert before it listens
 * (events the cores missed while it was down), and sample its own CPU and RSS.
 */
import { hashPassword } from '../server/src/auth'
import { openPlatformDatabase } from '../server/src/db/open-database'
import { MemoryLogger } from '../server/src/logger'
import { Marketplace } from '../server/src/marketplace/marketplace'
import { startPlatformServer, type PlatformServer } from '../server/src/platform-server'
import { TokenStore } from '../server/src/auth'
import { systemClock } from '../src/shared/clock'
import type { StormExpert } from './storm-cores'

/** What the parent sends. */
export type StormPlatformMessage =
  | {
      readonly type: 'start'
      readonly dbPath: string
      readonly port: number
      /** Create this many experts (with tokens) first: the first start. */
      readonly createExperts?: number
      /** Add a direct instant invite for each of these experts before listening. */
      readonly whileDown?: ReadonlyArray<string>
    }
  | { readonly type: 'sample'; readonly everyMs: number }
  | { readonly type: 'usage' }
  | { readonly type: 'stop' }

/** What this process reports. */
export type StormPlatformReport =
  /** Loaded and listening for messages: a restart then costs only what starting the server does. */
  | { readonly type: 'ready' }
  | {
      readonly type: 'listening'
      readonly url: string
      readonly port: number
      /** This machine's wall-clock ms when it began to listen. */
      readonly at: number
      readonly experts: ReadonlyArray<StormExpert>
      /** The newest event id of each expert's stream. */
      readonly latest: Readonly<Record<string, number>>
    }
  | {
      readonly type: 'usage'
      /** The highest CPU use over one sampling interval, in percent of one core. */
      readonly peakCpu: number
      /** CPU time used since sampling began. */
      readonly cpuMs: number
      readonly peakRss: number
      /** The most socket connections the platform accepted within one sampling interval. */
      readonly peakArrivals: number
      /** Socket connections accepted since sampling began. */
      readonly arrivals: number
    }

const now = (): number => performance.timeOrigin + performance.now()
const send = (message: StormPlatformReport): void => void process.send?.(message)
const logger = new MemoryLogger()
let server: PlatformServer | undefined

/** Experts and a client to send them requests, written straight to the database. */
async function createExperts(dbPath: string, count: number): Promise<ReadonlyArray<StormExpert>> {
  const db = openPlatformDatabase(dbPath)
  try {
    const marketplace = new Marketplace(db, systemClock, logger)
    const tokens = new TokenStore(db)
    // One hash for all: hashing is slow on purpose, and the cores sign in with tokens anyway.
    const passwordHash = await hashPassword('bench')
    marketplace.createClient({ name: 'Storm Client', timeZone: 'UTC' })
    return Array.from({ length: count }, (_, i) => {
      const id = marketplace.createExpert({
        name: `Storm Expert ${i}`,
        email: `storm-${i}@example.test`,
        passwordHash,
        timeZone: 'UTC',
      })
      return { id, token: tokens.issue(id, Date.now()) }
    })
  } finally {
    db.close()
  }
}

/** A direct instant invite for each expert, as if clients asked while the platform was down. */
function addInvites(dbPath: string, expertIds: ReadonlyArray<string>): void {
  const db = openPlatformDatabase(dbPath)
  try {
    const marketplace = new Marketplace(db, systemClock, logger)
    const clientId = marketplace.createClient({ name: 'Storm Client', timeZone: 'UTC' })
    // One transaction, so the platform is down for as long as a restart takes, not a thousand commits.
    marketplace.events.transact(() => {
      for (const [i, expertId] of expertIds.entries()) {
        marketplace.createRequest({
          clientId,
          title: `While the platform was down ${i}`,
          kind: 'instant',
          direct: { expertId, via: 'dashboard' },
        })
      }
    })
  } finally {
    db.close()
  }
}

let sampling:
  | { timer: NodeJS.Timeout; peakCpu: number; peakRss: number; cpuStart: number; peakArrivals: number }
  | undefined
/** Connections accepted in all, and within the current sampling interval. */
const arrivals = { total: 0, interval: 0 }

function startSampling(everyMs: number): void {
  const cpuNow = (): number => {
    const { user, system } = process.cpuUsage()
    return (user + system) / 1_000
  }
  let lastCpu = cpuNow()
  let lastAt = performance.now()
  const state = { peakCpu: 0, peakRss: process.memoryUsage.rss(), cpuStart: lastCpu, peakArrivals: 0 }
  // A busy event loop fires this late; the CPU share is over the interval as it really was.
  const timer = setInterval(() => {
    const cpu = cpuNow()
    const at = performance.now()
    state.peakCpu = Math.max(state.peakCpu, ((cpu - lastCpu) / (at - lastAt)) * 100)
    state.peakRss = Math.max(state.peakRss, process.memoryUsage.rss())
    state.peakArrivals = Math.max(state.peakArrivals, arrivals.interval)
    arrivals.interval = 0
    lastCpu = cpu
    lastAt = at
  }, everyMs)
  sampling = Object.assign(state, { timer })
}

process.on('message', (message: StormPlatformMessage) => {
  if (message.type === 'start') {
    void (async () => {
      const experts =
        message.createExperts === undefined ? [] : await createExperts(message.dbPath, message.createExperts)
      if (message.whileDown !== undefined) addInvites(message.dbPath, message.whileDown)
      server = await startPlatformServer({
        dbPath: message.dbPath,
        port: message.port,
        logger,
        clock: systemClock,
      })
      const at = now()
      server.io.on('connection', () => {
        arrivals.total++
        arrivals.interval++
      })
      const ids = experts.length > 0 ? experts.map((e) => e.id) : (message.whileDown ?? [])
      const latest = Object.fromEntries(ids.map((id) => [id, server?.marketplace.events.latestId(id) ?? 0]))
      send({ type: 'listening', url: server.url, port: server.port, at, experts, latest })
    })()
  }
  if (message.type === 'sample') startSampling(message.everyMs)
  if (message.type === 'usage' && sampling !== undefined) {
    clearInterval(sampling.timer)
    const { user, system } = process.cpuUsage()
    send({
      type: 'usage',
      peakCpu: sampling.peakCpu,
      cpuMs: (user + system) / 1_000 - sampling.cpuStart,
      peakRss: sampling.peakRss,
      peakArrivals: sampling.peakArrivals,
      arrivals: arrivals.total,
    })
  }
  if (message.type === 'stop') {
    void (server?.close() ?? Promise.resolve()).then(() => process.exit(0))
  }
})
send({ type: 'ready' })
