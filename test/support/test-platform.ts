/**
 * A real reference platform for tests: a temp SQLite file, a free loopback port, a manual clock,
 * and helpers to add experts and connect them over real sockets.
 */
import { afterAll, beforeAll } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ManualClock } from '../../src/shared/clock'
import { PROTOCOL_VERSION, type SocketAuth } from '../../src/shared/protocol'
import { hashPassword } from '../../server/src/auth'
import { MemoryLogger } from '../../server/src/logger'
import type { MarketplaceConfig } from '../../server/src/marketplace/context'
import type { CreatedRequest } from '../../server/src/marketplace/requests'
import {
  startPlatformServer,
  type PlatformServer,
  type PlatformServerOptions,
} from '../../server/src/platform-server'
import type { ConnectionLimits } from '../../server/src/http/connection-guard'
import type { RateLimit } from '../../server/src/rate-limiter'
import type { SignInLimits } from '../../server/src/sign-in-limiter'
import { ExpertConnection } from './expert-connection'
import { onRestartablePort } from './restartable-port'

/** A fixed, ordinary start time: Monday 2026-01-05 09:00 UTC. */
export const TEST_START = Date.UTC(2026, 0, 5, 9, 0, 0)

/** Options for a test platform. */
export interface TestPlatformOptions {
  readonly marketplace?: Partial<MarketplaceConfig>
  readonly rateLimit?: RateLimit
  readonly port?: number
  readonly dbPath?: string
  readonly clock?: ManualClock
  readonly signInLimits?: Partial<SignInLimits>
  readonly connections?: Partial<ConnectionLimits>
  readonly allowedHosts?: ReadonlyArray<string>
  readonly minimumAppVersion?: string
  /** The most unsent bytes one socket may hold; the platform's default unless given. */
  readonly mostUnreadBytes?: number
  readonly passwordChecks?: PlatformServerOptions['passwordChecks']
  readonly verifyPassword?: PlatformServerOptions['verifyPassword']
  /** How often the timed rules run (compaction and the end of idle sign-ins every 60 runs). */
  readonly sweepIntervalMs?: number
}

/** A running platform plus the handles a test needs. */
export interface TestPlatform {
  /** The running server (a new object after `restart`). */
  readonly server: PlatformServer
  readonly clock: ManualClock
  readonly logger: MemoryLogger
  readonly dbPath: string
  readonly dir: string
  /** Add an online expert and return its id and a bearer token. */
  addExpert(options?: { tags?: string[]; name?: string }): { id: string; token: string }
  /**
   * Add `count` online experts at once, without tokens (issue one with `server.tokens.issue` for
   * each that connects): thousands cost a fraction of adding each, a token and a commit apiece.
   */
  addExperts(count: number, options?: { tags?: string[] }): string[]
  /** Add a client and return its id. */
  addClient(name?: string): string
  /** A client sends `expertId` a direct instant request titled `title`, with `description` if given. */
  inviteDirectly(expertId: string, title: string, description?: string): CreatedRequest
  /** Connect an expert's socket and wait for the platform's welcome. */
  connect(token: string, auth?: Partial<SocketAuth>): Promise<ExpertConnection>
  /** Stop the server, keeping its database file and port for `startServer`. */
  stopServer(): Promise<void>
  /** Start the server again on the same port and database file. */
  startServer(): Promise<void>
  /** Disconnect every socket, stop the server, delete the temp files. */
  close(): Promise<void>
}

let sharedHash: Promise<string> | undefined
let counter = 0

/** Start a platform for one test file. */
export async function startTestPlatform(options: TestPlatformOptions = {}): Promise<TestPlatform> {
  const dir = mkdtempSync(join(tmpdir(), 'standby-platform-'))
  const dbPath = options.dbPath ?? join(dir, 'platform.db')
  const clock = options.clock ?? new ManualClock(TEST_START)
  const logger = new MemoryLogger()
  // scrypt is deliberately slow; one hash serves every test expert.
  const passwordHash = await (sharedHash ??= hashPassword('test-password'))
  const start = (port: number): Promise<PlatformServer> =>
    startPlatformServer({
      port,
      dbPath,
      clock,
      logger,
      marketplace: options.marketplace,
      rateLimit: options.rateLimit ?? { burst: 10_000, perSecond: 10_000 },
      signInLimits: options.signInLimits,
      connections: options.connections,
      allowedHosts: options.allowedHosts,
      minimumAppVersion: options.minimumAppVersion,
      mostUnreadBytes: options.mostUnreadBytes,
      passwordChecks: options.passwordChecks,
      verifyPassword: options.verifyPassword,
      sweepIntervalMs: options.sweepIntervalMs,
    })
  let server = await (options.port === undefined ? onRestartablePort(start) : start(options.port))
  let running = true
  const connections = new Set<ExpertConnection>()
  let directClient: string | undefined
  /** A new online expert, with a name of its own unless given and a unique email. */
  const createExpert = (tags: string[], name?: string): string => {
    const n = ++counter
    return server.marketplace.createExpert({
      name: name ?? `Expert ${n}`,
      email: `expert${n}-${Math.random().toString(36).slice(2, 8)}@example.test`,
      passwordHash,
      timeZone: 'Europe/Berlin',
      tags,
    })
  }
  return {
    get server() {
      return server
    },
    clock,
    logger,
    dbPath,
    dir,
    addExpert({ tags = [], name } = {}) {
      const id = createExpert(tags, name)
      return { id, token: server.tokens.issue(id, clock.now()) }
    },
    addExperts(count, { tags = [] } = {}) {
      return server.marketplace.db.transaction(() =>
        Array.from({ length: count }, () => createExpert(tags)),
      )()
    },
    addClient(name = 'Client') {
      return server.marketplace.createClient({ name, timeZone: 'America/New_York' })
    },
    inviteDirectly(expertId, title, description) {
      directClient ??= server.marketplace.createClient({
        name: 'Direct Client',
        timeZone: 'America/New_York',
      })
      return server.marketplace.createRequest({
        clientId: directClient,
        title,
        ...(description === undefined ? {} : { description }),
        kind: 'instant',
        direct: { expertId, via: 'dashboard' },
      })
    },
    async connect(token, auth = {}) {
      const connection = await ExpertConnection.open(server.url, {
        token,
        protocolVersion: PROTOCOL_VERSION,
        ...auth,
      })
      connections.add(connection)
      return connection
    },
    async stopServer() {
      running = false
      await server.close()
    },
    async startServer() {
      server = await start(server.port)
      running = true
    },
    async close() {
      for (const c of connections) c.close()
      if (running) await server.close()
      if (options.dbPath === undefined) rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Start a platform before the tests of the enclosing `describe` and close it after them. */
export function useTestPlatform(options: TestPlatformOptions = {}): () => TestPlatform {
  let platform: TestPlatform | undefined
  beforeAll(async () => {
    platform = await startTestPlatform(options)
  })
  afterAll(() => platform?.close())
  return () => {
    if (platform === undefined) throw new Error('useTestPlatform: the platform starts in beforeAll')
    return platform
  }
}
