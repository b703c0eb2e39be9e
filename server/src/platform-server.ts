/**
 * The reference platform: HTTP and socket.io on one port over one SQLite file. Everything it needs
 * is passed in, so tests start it on a free loopback port with a manual clock and a temp database.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { randomBytes } from 'node:crypto'
import type { Server as SocketServer } from 'socket.io'
import { systemClock, type Clock, type TimerHandle } from '../../src/shared/clock'
import { TokenStore } from './auth'
import { openPlatformDatabase, prepareFolder } from './db/open-database'
import { lockPlatformDatabase, type DatabaseLock } from './db/database-lock'
import { startWalCheckpointer } from './db/wal-checkpointer'
import { adminRoutes } from './http/admin-routes'
import { apiRoutes } from './http/api-routes'
import {
  checkedConnectionLimits,
  defaultConnectionLimits,
  guardConnections,
  type ConnectionLimits,
} from './http/connection-guard'
import { installFrontDoor } from './http/front-door'
import { answerRequest } from './http/answer-request'
import { answerUnreadableRequests } from './http/unreadable-request'
import { hostCheck } from './http/host-check'
import { UnauthorizedLog } from './http/unauthorized-log'
import { boundRepeats } from './log-bound'
import { consoleLogger, type Logger } from './logger'
import { DEFAULT_PLATFORM_PORT } from './platform-defaults'
import type { MarketplaceConfig } from './marketplace/context'
import { Marketplace } from './marketplace/marketplace'
import type { Outage } from './marketplace/platform-outages'
import { defaultRateLimit, ExpertRateLimits, type RateLimit } from './rate-limiter'
import {
  defaultPasswordCheckLimits,
  PasswordCheckGate,
  type PasswordCheckLimits,
} from './password-check-gate'
import { defaultSignInLimits, SignInLimiter, type SignInLimits } from './sign-in-limiter'
import { attachSocketGateway, liveTokenHashes } from './socket-gateway'
import { keepNewObjectsYoung } from './allocation-sites'
import { UnidentifiedSockets } from './unidentified-sockets'

/** Where and how to run the platform. */
export interface PlatformServerOptions {
  /** Defaults to 127.0.0.1. */
  readonly host?: string
  /** Defaults to 4455; 0 picks a free port. */
  readonly port?: number
  /** The SQLite file; ":memory:" for a throwaway platform. */
  readonly dbPath: string
  readonly clock?: Clock
  readonly logger?: Logger
  readonly marketplace?: Partial<MarketplaceConfig>
  readonly rateLimit?: RateLimit
  /** How often the timed rules run. */
  readonly sweepIntervalMs?: number
  /** Backoff for failed sign-ins; see sign-in-limiter.ts for the defaults. */
  readonly signInLimits?: Partial<SignInLimits>
  /** The platform-wide cap on password checks; see password-check-gate.ts for the defaults. */
  readonly passwordChecks?: Partial<PasswordCheckLimits>
  /** How a password is checked; scrypt (auth.ts) unless given. Tests hold checks in flight with it. */
  readonly verifyPassword?: (password: string, stored: string | undefined) => Promise<boolean>
  /** The admin endpoints' bearer token; a random one per start when absent. */
  readonly adminToken?: string
  /** Host names to answer besides the loopback names and `host` (for a platform behind a name). */
  readonly allowedHosts?: ReadonlyArray<string>
  /** Silence timeout and per-address caps for raw connections; see connection-guard.ts. */
  readonly connections?: Partial<ConnectionLimits>
  /** The oldest app version still supported, announced in the welcome (`--minimum-app-version`). */
  readonly minimumAppVersion?: string
  /** The most unsent bytes one socket may hold; see unread-backlog.ts for the default. */
  readonly mostUnreadBytes?: number
}

/** A running platform. */
export interface PlatformServer {
  /** e.g. http://127.0.0.1:4455 */
  readonly url: string
  readonly port: number
  readonly marketplace: Marketplace
  readonly tokens: TokenStore
  readonly clock: Clock
  readonly io: SocketServer
  /** The bearer token the admin endpoints want, new at every start unless given in the options. */
  readonly adminToken: string
  /** Stop accepting, disconnect everyone, close the database. */
  close(): Promise<void>
}

/** The default port of the reference platform (platform-defaults.ts). */
export { DEFAULT_PLATFORM_PORT }

/** Start the platform and resolve once it listens. */
export async function startPlatformServer(options: PlatformServerOptions): Promise<PlatformServer> {
  // Before any socket connects: a storm of connections would otherwise get a fan-out's garbage
  // allocated old (allocation-sites.ts).
  keepNewObjectsYoung()
  // Checked before anything opens: a limit that cannot work would otherwise close every connection.
  const connectionLimits = checkedConnectionLimits({ ...defaultConnectionLimits, ...options.connections })
  const clock = options.clock ?? systemClock
  const logger = boundRepeats(options.logger ?? consoleLogger(), clock)
  // Taken before the file is opened: a second server must not migrate what the first one runs on.
  const lock = options.dbPath === ':memory:' ? undefined : lockNewPlatformDatabase(options.dbPath)
  let db: ReturnType<typeof openPlatformDatabase>
  try {
    db = openPlatformDatabase(options.dbPath)
  } catch (error) {
    lock?.abandon()
    throw error
  }
  const checkpointer =
    options.dbPath === ':memory:'
      ? undefined
      : startWalCheckpointer(db, {
          intervalMs: 1_000,
          onError: (m) => logger.warn(m),
        })
  const marketplace = new Marketplace(db, clock, logger, options.marketplace)
  const tokens = new TokenStore(db)
  const adminToken = options.adminToken ?? randomBytes(24).toString('base64url')
  const signInLimiter = new SignInLimiter({ ...defaultSignInLimits, ...options.signInLimits }, clock)
  const rateLimits = new ExpertRateLimits(options.rateLimit ?? defaultRateLimit, clock)
  const passwordLimits = { ...defaultPasswordCheckLimits, ...options.passwordChecks }
  const passwordChecks = { gate: new PasswordCheckGate(passwordLimits), limits: passwordLimits }
  const api = apiRoutes({
    marketplace,
    tokens,
    clock,
    logger,
    signInLimiter,
    passwordChecks,
    verifyPassword: options.verifyPassword,
    rateLimits,
  })
  const admin = adminRoutes({ marketplace, clock })
  const unauthorized = new UnauthorizedLog(logger, clock)

  const http = createServer(
    // The front door refuses a request that names no Host, with a sentence saying so.
    { requireHostHeader: false },
    (req, res) => void answerRequest(req, res, { api, admin, adminToken, logger, unauthorized, marketplace }),
  )
  const unidentified = new UnidentifiedSockets(connectionLimits, logger)
  const io = attachSocketGateway(http, {
    marketplace,
    tokens,
    clock,
    logger,
    rateLimits,
    unidentified,
    minimumAppVersion: options.minimumAppVersion,
    mostUnreadBytes: options.mostUnreadBytes,
    unauthorized,
  })
  const guard = guardConnections(http, connectionLimits, logger)
  answerUnreadableRequests(http, { logger, answerBegun: guard.answerBegun })

  const host = options.host ?? '127.0.0.1'
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject)
    http.listen(options.port ?? DEFAULT_PLATFORM_PORT, host, () => {
      http.off('error', reject)
      resolve()
    })
  }).catch(async (error: unknown) => {
    await checkpointer?.close()
    db.close()
    lock?.release()
    logger.close()
    throw error
  })
  const port = (http.address() as AddressInfo).port
  // After socket.io attached its listeners, so its handshake passes the same checks.
  installFrontDoor(http, {
    hosts: hostCheck(host, port, options.allowedHosts),
    spoke: guard.spoke,
    logger,
    upgradePath: `${io.path()}/`,
    admitWebSocket: (socket) => unidentified.admit(socket),
  })

  // The timed rules run on the injected clock, so a manual clock drives expiry and auto-cancel.
  const interval = options.sweepIntervalMs ?? 1_000
  let ticks = 0
  let timer: TimerHandle | undefined
  const sweep = (): void => {
    try {
      marketplace.sweep()
    } catch (error) {
      logger.error('sweep failed', { error: String(error) })
    }
  }
  const tick = (): void => {
    // Apart, so that a sweep that fails does not also stop the event log being compacted.
    sweep()
    if (++ticks % 60 === 0) {
      try {
        marketplace.compact()
      } catch (error) {
        logger.error('compacting the event log failed; it is tried again in a minute', {
          error: String(error),
        })
      }
      endIdleSignIns()
    }
    timer = clock.setTimeout(tick, interval)
  }
  // A socket open with a token uses it, however long ago it connected: written down first, so that
  // only sign-ins nobody used for the idle limit end.
  const endIdleSignIns = (): void => {
    try {
      const now = clock.now()
      for (const hash of liveTokenHashes(io)) tokens.used(hash, now)
      tokens.endIdle(now)
    } catch (error) {
      logger.error('ending idle sign-ins failed; it is tried again in a minute', { error: String(error) })
    }
  }
  // Kept before the first sweep, which may cancel sessions whose join window it overlapped.
  const outage = keptOutage(marketplace, logger)
  if (outage !== null) {
    logger.info('the platform was down', {
      from: new Date(outage.from).toISOString(),
      ms: outage.until - outage.from,
    })
  }
  // At once, not a tick later: what fell due while the platform was down (invites whose time ran
  // out, sessions nobody joined) is settled before the experts' apps catch up, so their first
  // replay after the restart already carries it.
  sweep()
  timer = clock.setTimeout(tick, interval)

  let closed: Promise<void> | undefined
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    marketplace,
    tokens,
    clock,
    io,
    adminToken,
    close() {
      closed ??= (async () => {
        timer?.cancel()
        try {
          marketplace.stopping()
        } catch (error) {
          // The outage then counts from the last mark: a little long, never short.
          logger.error('could not write that the platform stops', { error: String(error) })
        }
        io.disconnectSockets(true)
        const stopped = new Promise<void>((resolve) => io.close(() => resolve()))
        // Closing the server waits for every connection; one whose client stopped halfway through
        // a request, or never closes a refused upgrade, would hold a restart or a shutdown.
        guard.destroyAll()
        await stopped
        await checkpointer?.close()
        db.close()
        lock?.release()
        logger.close()
      })()
      return closed
    },
  }
}

/** The lock on the platform database at `path`, its folder made first for the lock file to live in. */
function lockNewPlatformDatabase(path: string): DatabaseLock {
  prepareFolder(path)
  return lockPlatformDatabase(path)
}

/** The span the platform was down, kept; null when there was none, or it could not be kept (logged). */
function keptOutage(marketplace: Marketplace, logger: Logger): Outage | null {
  try {
    return marketplace.started()
  } catch (error) {
    logger.error('could not keep how long the platform was down; fees for that time are assessed as usual', {
      error: String(error),
    })
    return null
  }
}
